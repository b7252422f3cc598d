package config

import (
	"net"
	"strconv"
)

// Console is the web console of the counter clerks and the manager,
// served by the kiosk's process.
type Console struct {
	// Disabled turns the console off.
	Disabled bool `json:"disabled"`
	// Listen is the console's HTTP address, host:port. Empty: ":8080"
	// when installed, "127.0.0.1:8080" when simulated (ConsoleListen).
	Listen string `json:"listen"`
	// CertFile and KeyFile, both or neither, serve the console over HTTPS
	// with the appliance's certificate (PEM).
	CertFile string `json:"cert_file"`
	KeyFile  string `json:"key_file"`
}

// The console's default addresses.
const (
	ConsoleListen         = ":8080"
	ConsoleListenSimulate = "127.0.0.1:8080"
)

// ConsoleListen is the console's address: console.listen, or its default
// for an installed or a simulated center.
func (c Config) ConsoleListen(simulate bool) string {
	switch {
	case c.Console.Listen != "":
		return c.Console.Listen
	case simulate:
		return ConsoleListenSimulate
	}
	return ConsoleListen
}

func (c Console) check(p *problems) {
	if c.Listen != "" {
		host, port, err := net.SplitHostPort(c.Listen)
		n, perr := strconv.Atoi(port)
		switch {
		case err != nil:
			p.add("console.listen", "want host:port, e.g. %q, got %q", ConsoleListen, clip(c.Listen))
		case perr != nil || n < 1 || n > 65535:
			p.add("console.listen", "the port must be a number from 1 to 65535, got %q", clip(port))
		case host != "" && net.ParseIP(host) == nil && !deviceRE.MatchString(host) && host != "localhost":
			p.add("console.listen", "%q is not an IP address", clip(host))
		}
	}
	p.path("console.cert_file", c.CertFile, true)
	p.path("console.key_file", c.KeyFile, true)
	if (c.CertFile == "") != (c.KeyFile == "") {
		p.add("console.cert_file", "cert_file and key_file go together: give both or neither")
	}
}

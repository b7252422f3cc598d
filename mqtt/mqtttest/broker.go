package mqtttest

import (
	"context"
	"net"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"tabour/mqtt/auth"
	"tabour/mqtt/client"
)

// Kind names a broker implementation.
type Kind string

// Broker kinds.
const (
	Mosquitto Kind = "mosquitto"
	Embedded  Kind = "embedded"
)

// Kinds lists the brokers tests run against: the embedded one, and
// mosquitto when its binary is installed.
func Kinds() []Kind {
	if _, err := exec.LookPath(mosquittoBin); err != nil {
		return []Kind{Embedded}
	}
	return []Kind{Mosquitto, Embedded}
}

// Opts configure a test broker.
type Opts struct {
	// Registry, if set, turns on authentication and the ACL: the
	// embedded broker asks it, mosquitto through the plugin of
	// tabour/mqtt/auth/mosquitto.
	Registry *auth.Registry
	// MaxSessions bounds the connections of one device credential
	// (default auth.DefaultMaxSessions).
	MaxSessions int
	// MaxQueued is mosquitto's max_queued_messages (default 100000).
	MaxQueued int
	// Nagle leaves mosquitto's default (no TCP_NODELAY), to measure it.
	Nagle bool
	// Persistence turns mosquitto's persistence file on.
	Persistence bool
}

// Broker is a running test broker.
type Broker interface {
	Kind() Kind
	URL() string
	// Stop stops the broker; clients lose their connection.
	Stop()
	// Start starts it again on the same address.
	Start()
}

// Start runs a broker of kind until the test ends.
func Start(t testing.TB, kind Kind, opts Opts) Broker {
	t.Helper()
	var b Broker
	switch kind {
	case Mosquitto:
		b = startMosquitto(t, opts)
	case Embedded:
		b = startEmbedded(t, opts)
	default:
		t.Fatalf("mqtttest: unknown broker kind %q", kind)
	}
	t.Cleanup(b.Stop)
	return b
}

// freePort finds a free TCP port on 127.0.0.1.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitListening waits until something accepts connections on addr.
func waitListening(t testing.TB, addr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("mqtttest: nothing listens on %s", addr)
}

func hostPort(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }

// TryConnect connects to url as user with client id cid and reports
// whether the broker let it in within 700 ms; the client is closed when the
// test ends.
func TryConnect(t testing.TB, url, user, pass, cid string) (*client.Client, bool) {
	t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: cid, Username: user, Password: pass, Retry: 50 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	if c.WaitConnected(ctx) != nil {
		c.Close(10 * time.Millisecond)
		return nil, false
	}
	t.Cleanup(func() { c.Close(10 * time.Millisecond) })
	return c, true
}

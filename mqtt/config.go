package mqtt

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"slices"
	"strconv"
	"time"

	"tabour/mqtt/auth"
	"tabour/mqtt/contract"
)

// Config is the appliance's bus configuration. The fields with a JSON
// name are the mqtt section of the appliance's config file (its shape:
// the broker's fields embedded, upstream an object); the others come from
// the rest of the file or the process. Zero durations and sizes take the
// defaults below.
type Config struct {
	// Disabled runs the appliance without a bus (a kiosk alone); New
	// is then not called.
	Disabled bool `json:"disabled"`
	// Center is the center code, the topic level after tabour/v1.
	Center string `json:"-"`
	// Device is the appliance's device id; it must equal the queue
	// engine's Options.Device. Its events go out on events/{Device}.
	Device string `json:"-"`
	// Version is the software version reported on status/{Device}.
	Version string `json:"-"`

	Broker   BrokerConfig   `json:",embed"`
	Upstream UpstreamConfig `json:"upstream"`

	// Devices are the bus's clients: counters, displays, the workflow
	// server. A counter device's commands drive its counter.
	Devices []auth.Device `json:"devices,omitempty"`
	// AnonymousRead lets clients without credentials read the center's
	// topics on the embedded broker (simulation and demonstrations only).
	AnonymousRead bool `json:"-"`

	// ClockSkew is how far a command's issued_at may be ahead of, and its
	// expires_at behind, the appliance's clock (default 2s).
	ClockSkew time.Duration `json:"-"`
	// MaxCommandTTL bounds expires_at − issued_at (default 5m); the
	// processed-command table keeps each id for CommandRetention past its
	// expiry (default 24h).
	MaxCommandTTL    time.Duration `json:"-"`
	CommandRetention time.Duration `json:"-"`

	// CommandRate and CommandBurst bound each device's commands with a
	// token bucket: at most CommandBurst at once, refilled at CommandRate
	// a second (defaults 5 and 10). CommandQueue is how many of a
	// device's admitted commands may wait to run (default 16); the runner
	// takes the devices' queues in turn, so one device's commands never
	// hold up another's. A command beyond either limit is answered
	// rate_limited at once, changes nothing and is not recorded.
	CommandRate  float64 `json:"command_rate"`
	CommandBurst int     `json:"command_burst"`
	CommandQueue int     `json:"-"`
	// MaxSessions is how many connections one device credential may hold
	// at once on the embedded broker (default 4; the appliance's own
	// credential is not bounded).
	MaxSessions int `json:"max_sessions"`

	// QueueInterval is the least time between two rounds of queue/{service}
	// publishing (default 250ms); QueueRefresh republishes the figures that
	// drift with time, such as the longest wait (default 15s).
	QueueInterval time.Duration `json:"-"`
	QueueRefresh  time.Duration `json:"-"`
	// HealthEvery is the period of health/{Device} (default 30s).
	HealthEvery time.Duration `json:"-"`
	// HeartbeatEvery is the period of the heartbeat in status/{Device}
	// (default contract.HeartbeatEvery, 5s).
	HeartbeatEvery time.Duration `json:"-"`

	// ServerKeys are the workflow server's Ed25519 public keys (standard
	// base64 of 32 bytes). Commands of actor "server" must be signed with
	// one of them (see SigningBytes); none listed refuses them all.
	ServerKeys []string `json:"server_keys,omitempty"`
	// NotifyKey is the workflow server's Curve25519 public key (standard
	// base64 of 32 bytes) that citizens' mobile numbers are sealed to; ""
	// disables SMS registration. NotifyAhead: the "near" notice goes out
	// when at most this many tickets are ahead (default 3).
	NotifyKey   string `json:"notify_key"`
	NotifyAhead int    `json:"notify_ahead"`
}

// BrokerConfig selects the local bus: the embedded broker (default) or an
// external one.
type BrokerConfig struct {
	// External, if set, is the URL of the center's own broker
	// (tcp://host:1883, ssl://host:8883); the embedded broker is not run.
	External string `json:"external"`
	// Username and Password are the appliance's credentials on an
	// external broker. The embedded broker makes its own at boot.
	Username string `json:"username"`
	Password string `json:"password"`
	// Listen is the embedded broker's address (default ":1883").
	Listen string `json:"listen"`
	// StoreDir is the embedded broker's store (persistent sessions,
	// retained messages): the appliance puts it under its data_dir.
	StoreDir string `json:"-"`
	// CertFile and KeyFile, if set, make the embedded broker speak TLS
	// on Listen; the appliance's own clients then use a loopback
	// listener without TLS. CAFile is for clients of an external broker.
	CertFile string `json:"cert_file"`
	KeyFile  string `json:"key_file"`
	CAFile   string `json:"ca_file"`
}

// UpstreamConfig is where the outbox relay sends events.
type UpstreamConfig struct {
	// URL of the workflow server's broker; "" sends them on the local bus.
	URL      string `json:"url"`
	Username string `json:"username"`
	Password string `json:"password"`
	CAFile   string `json:"ca_file"`
	// Disabled keeps every event in the outbox (no relay).
	Disabled bool `json:"disabled"`
	// Window is the most events in flight without an ack (default 256).
	Window int `json:"-"`
	// AckTimeout is how long an event may wait for its ack before the
	// relay sends the unacknowledged events again (default 10s); while
	// no ack comes each resend waits about twice as long as the one
	// before, at most MaxBackoff (default 5m).
	AckTimeout time.Duration `json:"-"`
	MaxBackoff time.Duration `json:"-"`
	// Retry is the longest wait between reconnection attempts (default 5s).
	Retry time.Duration `json:"-"`
}

// DefaultConfig returns a configuration with every default filled in.
func DefaultConfig() Config {
	return Config{}.withDefaults()
}

func (c Config) withDefaults() Config {
	c.ClockSkew = orDefault(c.ClockSkew, 2*time.Second)
	c.MaxCommandTTL = orDefault(c.MaxCommandTTL, 5*time.Minute)
	c.CommandRetention = orDefault(c.CommandRetention, 24*time.Hour)
	if c.CommandRate == 0 {
		c.CommandRate = DefaultCommandRate
	}
	c.CommandBurst = orInt(c.CommandBurst, DefaultCommandBurst)
	c.CommandQueue = orInt(c.CommandQueue, DefaultCommandQueue)
	c.MaxSessions = orInt(c.MaxSessions, DefaultMaxSessions)
	c.QueueInterval = orDefault(c.QueueInterval, 250*time.Millisecond)
	c.QueueRefresh = orDefault(c.QueueRefresh, 15*time.Second)
	c.HealthEvery = orDefault(c.HealthEvery, 30*time.Second)
	c.HeartbeatEvery = orDefault(c.HeartbeatEvery, contract.HeartbeatEvery)
	c.Upstream.AckTimeout = orDefault(c.Upstream.AckTimeout, 10*time.Second)
	c.Upstream.MaxBackoff = orDefault(c.Upstream.MaxBackoff, 5*time.Minute)
	c.Upstream.Retry = orDefault(c.Upstream.Retry, 5*time.Second)
	if c.NotifyAhead <= 0 {
		c.NotifyAhead = 3
	}
	if c.Upstream.Window <= 0 {
		c.Upstream.Window = 256
	}
	if c.Broker.Listen == "" && c.Broker.External == "" {
		c.Broker.Listen = ":1883"
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	return c
}

// Defaults of the command and session limits.
const (
	DefaultCommandRate  = 5.0 // commands a second per device
	DefaultCommandBurst = 10
	DefaultCommandQueue = 16
	DefaultMaxSessions  = auth.DefaultMaxSessions
)

func orInt(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// orDefault returns d, or def if d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// ErrConfig marks a configuration Run refuses.
var ErrConfig = errors.New("mqtt: bad config")

// FieldError is a setting Validate refuses, named by its path in the
// config file's mqtt section ("devices[1]", "upstream.url"; "" for the
// bus as a whole). It wraps ErrConfig.
type FieldError struct {
	Path string
	Err  error
}

func (e *FieldError) Error() string {
	if e.Path == "" {
		return "mqtt: bad config: " + e.Err.Error()
	}
	return "mqtt: bad config: " + e.Path + ": " + e.Err.Error()
}

// Field is the setting's path in the mqtt section.
func (e *FieldError) Field() string { return e.Path }

func (e *FieldError) Unwrap() error { return e.Err }

// Is makes every FieldError match ErrConfig.
func (e *FieldError) Is(target error) bool { return target == ErrConfig }

func fieldErr(path, format string, args ...any) error {
	return &FieldError{Path: path, Err: fmt.Errorf(format, args...)}
}

// Validate checks the configuration; it reports every problem, each a
// *FieldError, joined.
func (c Config) Validate() error {
	var errs []error
	if !auth.ValidLevel(c.Center) || !auth.ValidLevel(c.Device) {
		errs = append(errs, fieldErr("", "center %q and device %q must be plain topic levels", c.Center, c.Device))
	}
	errs = append(errs, c.Broker.validate(), c.Upstream.validate(), c.validateKeys())
	if c.NotifyAhead < 0 || c.NotifyAhead > 50 {
		errs = append(errs, fieldErr("notify_ahead", "want 0 to 50, got %d", c.NotifyAhead))
	}
	errs = append(errs, c.validateLimits())
	return flatJoin(append(errs, validateDevices(c.Devices))...)
}

// validateLimits checks the command and session limits (0: the default).
func (c Config) validateLimits() error {
	var errs []error
	if c.CommandRate < 0 || c.CommandRate > 1000 || math.IsNaN(c.CommandRate) {
		errs = append(errs, fieldErr("command_rate", "want more than 0 and at most 1000 commands a second, got %v", c.CommandRate))
	}
	if c.CommandBurst < 0 || c.CommandBurst > 1000 {
		errs = append(errs, fieldErr("command_burst", "want 1 to 1000, got %d", c.CommandBurst))
	}
	if c.CommandQueue < 0 || c.CommandQueue > 10000 {
		errs = append(errs, fieldErr("", "command queue %d: want 1 to 10000", c.CommandQueue))
	}
	if c.MaxSessions < 0 || c.MaxSessions > 512 {
		errs = append(errs, fieldErr("max_sessions", "want 1 to 512, got %d", c.MaxSessions))
	}
	return errors.Join(errs...)
}

// flatJoin joins errs, lifting the errors of joined ones, so that each
// problem is one element of the result.
func flatJoin(errs ...error) error {
	var out []error
	for _, err := range errs {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			out = append(out, j.Unwrap()...)
		} else if err != nil {
			out = append(out, err)
		}
	}
	return errors.Join(out...)
}

func (b BrokerConfig) validate() error {
	var errs []error
	if b.External != "" {
		errs = append(errs, checkBrokerURL("external", b.External))
	} else if b.Listen != "" {
		if _, port, err := net.SplitHostPort(b.Listen); err != nil || !validPort(port) {
			errs = append(errs, fieldErr("listen", "want HOST:PORT (\":1883\", \"127.0.0.1:1883\"), got %q", b.Listen))
		}
	}
	if (b.CertFile == "") != (b.KeyFile == "") {
		errs = append(errs, fieldErr("cert_file", "broker TLS needs both cert_file and key_file"))
	}
	return errors.Join(errs...)
}

func (u UpstreamConfig) validate() error {
	var errs []error
	if u.URL != "" {
		errs = append(errs, checkBrokerURL("upstream.url", u.URL))
	}
	if u.Window > 65000 {
		errs = append(errs, fieldErr("", "upstream window %d is beyond MQTT's packet ids", u.Window))
	}
	return errors.Join(errs...)
}

// brokerSchemes are the URL schemes the MQTT client dials.
var brokerSchemes = []string{"tcp", "ssl", "tls", "mqtt", "mqtts", "ws", "wss"}

// checkBrokerURL checks a broker URL: tcp://host:1883, ssl://host:8883.
func checkBrokerURL(path, s string) error {
	u, err := url.Parse(s)
	if err != nil || !slices.Contains(brokerSchemes, u.Scheme) || u.Hostname() == "" || (u.Port() != "" && !validPort(u.Port())) {
		return fieldErr(path, "want a broker URL such as tcp://HOST:1883 or ssl://HOST:8883, got %q", s)
	}
	return nil
}

func validPort(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n <= 65535
}

// validateDevices checks each device entry and that no id repeats.
func validateDevices(devs []auth.Device) error {
	var errs []error
	seen := map[string]bool{}
	for i, d := range devs {
		path := fmt.Sprintf("devices[%d]", i)
		if err := d.Validate(); err != nil {
			errs = append(errs, &FieldError{Path: path, Err: err})
		} else if seen[d.ID] {
			errs = append(errs, fieldErr(path+".id", "%q is listed twice", d.ID))
		}
		seen[d.ID] = true
	}
	return errors.Join(errs...)
}

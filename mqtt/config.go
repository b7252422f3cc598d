package mqtt

import (
	"errors"
	"fmt"
	"time"

	"tabour/mqtt/auth"
)

// Config is the appliance's bus configuration: the part of the config file
// that Run needs. Zero durations and sizes take the defaults below.
type Config struct {
	// Center is the center code, the topic level after tabour/v1.
	Center string
	// Device is the appliance's device id; it must equal the queue
	// engine's Options.Device. Its events go out on events/{Device}.
	Device string
	// Version is the software version reported on status/{Device}.
	Version string

	Broker   BrokerConfig
	Upstream UpstreamConfig

	// Devices are the bus's clients: counters, displays, the workflow
	// server. A counter device's commands drive its counter.
	Devices []auth.Device
	// AnonymousRead lets clients without credentials read the center's
	// topics on the embedded broker (simulation and demonstrations only).
	AnonymousRead bool

	// ClockSkew is how far a command's issued_at may be ahead of, and its
	// expires_at behind, the appliance's clock (default 2s).
	ClockSkew time.Duration
	// MaxCommandTTL bounds expires_at − issued_at (default 5m); the
	// processed-command table keeps each id for CommandRetention past its
	// expiry (default 24h).
	MaxCommandTTL    time.Duration
	CommandRetention time.Duration

	// QueueInterval is the least time between two rounds of queue/{service}
	// publishing (default 250ms); QueueRefresh republishes the figures that
	// drift with time, such as the longest wait (default 15s).
	QueueInterval time.Duration
	QueueRefresh  time.Duration
	// HealthEvery is the period of health/{Device} (default 30s).
	HealthEvery time.Duration

	// ServerKeys are the workflow server's Ed25519 public keys (standard
	// base64 of 32 bytes). Commands of actor "server" must be signed with
	// one of them (see SigningBytes); none listed refuses them all.
	ServerKeys []string
	// NotifyKey is the workflow server's Curve25519 public key (standard
	// base64 of 32 bytes) that citizens' mobile numbers are sealed to; ""
	// disables SMS registration. NotifyAhead: the "near" notice goes out
	// when at most this many tickets are ahead (default 3).
	NotifyKey   string
	NotifyAhead int
}

// BrokerConfig selects the local bus: the embedded broker (default) or an
// external one.
type BrokerConfig struct {
	// External, if set, is the URL of the center's own broker
	// (tcp://host:1883, ssl://host:8883); the embedded broker is not run.
	External string
	// Username and Password are the appliance's credentials on an
	// external broker. The embedded broker makes its own at boot.
	Username string
	Password string
	// Listen is the embedded broker's address (default ":1883").
	Listen string
	// StoreDir is the embedded broker's store (persistent sessions,
	// retained messages); required unless External is set.
	StoreDir string
	// CertFile and KeyFile, if set, make the embedded broker speak TLS
	// on Listen; the appliance's own clients then use a loopback
	// listener without TLS. CAFile is for clients of an external broker.
	CertFile string
	KeyFile  string
	CAFile   string
}

// UpstreamConfig is where the outbox relay sends events.
type UpstreamConfig struct {
	// URL of the workflow server's broker; "" sends them on the local bus.
	URL      string
	Username string
	Password string
	CAFile   string
	// Disabled keeps every event in the outbox (no relay).
	Disabled bool
	// Window is the most events in flight without an ack (default 256).
	Window int
	// AckTimeout is how long an event may wait for its ack before the
	// relay sends the unacknowledged events again (default 10s); while
	// no ack comes each resend waits about twice as long as the one
	// before, at most MaxBackoff (default 5m).
	AckTimeout time.Duration
	MaxBackoff time.Duration
	// Retry is the longest wait between reconnection attempts (default 5s).
	Retry time.Duration
}

// DefaultConfig returns a configuration with every default filled in.
func DefaultConfig() Config {
	return Config{}.withDefaults()
}

func (c Config) withDefaults() Config {
	c.ClockSkew = orDefault(c.ClockSkew, 2*time.Second)
	c.MaxCommandTTL = orDefault(c.MaxCommandTTL, 5*time.Minute)
	c.CommandRetention = orDefault(c.CommandRetention, 24*time.Hour)
	c.QueueInterval = orDefault(c.QueueInterval, 250*time.Millisecond)
	c.QueueRefresh = orDefault(c.QueueRefresh, 15*time.Second)
	c.HealthEvery = orDefault(c.HealthEvery, 30*time.Second)
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

// ErrConfig marks a configuration Run refuses.
var ErrConfig = errors.New("mqtt: bad config")

// Validate checks the configuration.
func (c Config) Validate() error {
	if !auth.ValidLevel(c.Center) || !auth.ValidLevel(c.Device) {
		return fmt.Errorf("%w: center %q and device %q must be plain topic levels", ErrConfig, c.Center, c.Device)
	}
	if (c.Broker.CertFile == "") != (c.Broker.KeyFile == "") {
		return fmt.Errorf("%w: broker TLS needs both cert_file and key_file", ErrConfig)
	}
	if c.Broker.External == "" && c.Broker.StoreDir == "" {
		return fmt.Errorf("%w: the embedded broker needs a store directory", ErrConfig)
	}
	if c.Upstream.Window > 65000 {
		return fmt.Errorf("%w: upstream window %d is beyond MQTT's packet ids", ErrConfig, c.Upstream.Window)
	}
	if err := c.validateKeys(); err != nil {
		return err
	}
	_, err := auth.NewRegistry(c.Center, c.Devices)
	return err
}

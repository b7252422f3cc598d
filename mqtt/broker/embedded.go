package broker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"tabour/mqtt/auth"
)

// Limits of the embedded broker (Opts fields left zero take these).
const (
	DefaultAuthTimeout = 3 * time.Second         // from accepting a connection to its CONNECT
	DefaultMaxPayload  = 256 << 10               // bytes in one MQTT packet, headers aside
	DefaultMaxConns    = 512                     // clients at once
	DefaultMaxPending  = 8 << 20                 // bytes queued to one slow client before it is cut off
	DefaultMaxSessions = auth.DefaultMaxSessions // connections at once of one device credential
	DefaultServerName  = "tabour"
	// DefaultAckWait is how long a QoS 1 message sent to a subscriber
	// may wait for its PUBACK before the server sends it again. The
	// server does not resend at reconnect: a message in flight when a
	// device's connection dropped reaches it this long after, not the
	// server's 30 s.
	DefaultAckWait = 5 * time.Second
)

// Opts configure the embedded broker.
type Opts struct {
	// Addr is the listening address, e.g. ":1883" or "127.0.0.1:0".
	Addr string
	// CertFile and KeyFile turn on TLS on Addr; the appliance's own
	// clients then use a plain listener on the loopback interface (URL).
	CertFile, KeyFile string
	// StoreDir holds the broker's JetStream store (persistent sessions,
	// retained messages, QoS 1 messages in flight); required. A broker
	// started again on the same StoreDir finds them all.
	StoreDir string
	// Auth checks clients; nil lets every client do everything.
	Auth *auth.Registry
	// Logger receives the broker's warnings (default: stderr, warnings).
	Logger *slog.Logger
	// ServerName names the server (default "tabour").
	ServerName string
	// AuthTimeout, MaxPayload, MaxConns and MaxPending bound what a
	// client may cost (defaults above).
	AuthTimeout time.Duration
	MaxPayload  int
	MaxConns    int
	MaxPending  int
	// MaxSessions bounds the connections one device credential may hold
	// at once (default DefaultMaxSessions); the appliance's own
	// credential and anonymous readers are not bounded.
	MaxSessions int
	// AckWait is the QoS 1 redelivery delay (default DefaultAckWait).
	AckWait time.Duration
}

// Embedded is a NATS server with its MQTT listener inside the appliance.
type Embedded struct {
	srv   *server.Server
	front *tlsFront // TLS on Addr, relayed to the loopback listener
	addr  net.Addr
	url   string
}

// NewEmbedded starts the server and binds its listeners (so Addr and URL
// are known at once); Run serves until its context ends.
func NewEmbedded(opts Opts) (*Embedded, error) {
	if opts.StoreDir == "" {
		return nil, errors.New("broker: a store directory is required")
	}
	if err := os.MkdirAll(opts.StoreDir, 0o750); err != nil {
		return nil, fmt.Errorf("broker: store: %w", err)
	}
	b := &Embedded{}
	host, port, err := b.listen(opts)
	if err != nil {
		return nil, err
	}
	authn := &authenticator{reg: opts.Auth, maxSessions: orInt(opts.MaxSessions, DefaultMaxSessions)}
	srv, err := server.NewServer(serverOpts(opts, host, port, authn))
	if err != nil {
		b.closeFront()
		return nil, fmt.Errorf("broker: %w", err)
	}
	authn.srv = srv
	srv.SetLoggerV2(natsLogger{logger(opts)}, false, false, false)
	srv.Start()
	if !srv.ReadyForConnections(30 * time.Second) {
		srv.Shutdown()
		srv.WaitForShutdown()
		b.closeFront()
		return nil, fmt.Errorf("broker: not ready on %s (see its log)", net.JoinHostPort(host, fmt.Sprint(port)))
	}
	b.srv = srv
	if b.front != nil {
		go b.front.serve()
	}
	return b, nil
}

func logger(opts Opts) *slog.Logger {
	if opts.Logger != nil {
		return opts.Logger
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// listen picks the server's MQTT address: Addr, or with TLS a loopback
// port behind a TLS front bound to Addr.
func (b *Embedded) listen(opts Opts) (string, int, error) {
	if opts.CertFile == "" {
		host, addr, err := freePort(opts.Addr)
		if err != nil {
			return "", 0, err
		}
		b.addr, b.url = addr, localURL("tcp", addr)
		return host, addr.Port, nil
	}
	front, err := newTLSFront(opts.Addr, opts.CertFile, opts.KeyFile, orInt(opts.MaxConns, DefaultMaxConns),
		orDur(opts.AuthTimeout, DefaultAuthTimeout))
	if err != nil {
		return "", 0, err
	}
	host, addr, err := freePort("127.0.0.1:0")
	if err != nil {
		front.ln.Close()
		return "", 0, err
	}
	b.front, b.addr, b.url = front, front.ln.Addr(), localURL("tcp", addr)
	front.backend = addr.String()
	return host, addr.Port, nil
}

func serverOpts(opts Opts, host string, port int, authn *authenticator) *server.Options {
	authTimeout := orDur(opts.AuthTimeout, DefaultAuthTimeout).Seconds()
	return &server.Options{
		ServerName:                 orString(opts.ServerName, DefaultServerName),
		DontListen:                 true, // MQTT only: no NATS client port
		NoSigs:                     true,
		JetStream:                  true,
		StoreDir:                   opts.StoreDir,
		JetStreamMaxMemory:         256 << 20,
		DisableJetStreamBanner:     true,
		AuthTimeout:                authTimeout,
		MaxPayload:                 int32(orInt(opts.MaxPayload, DefaultMaxPayload)),
		MaxConn:                    orInt(opts.MaxConns, DefaultMaxConns),
		MaxPending:                 int64(orInt(opts.MaxPending, DefaultMaxPending)),
		CustomClientAuthentication: authn,
		MQTT: server.MQTTOpts{Host: host, Port: port, AuthTimeout: authTimeout,
			AckWait: orDur(opts.AckWait, DefaultAckWait)},
	}
}

// Addr is the main listener's address.
func (b *Embedded) Addr() net.Addr { return b.addr }

// URL is where clients on this machine connect (the loopback listener
// when TLS is on).
func (b *Embedded) URL() string { return b.url }

// Run serves until ctx is done, then closes every listener and client.
func (b *Embedded) Run(ctx context.Context) error {
	<-ctx.Done()
	b.closeFront()
	b.srv.Shutdown()
	b.srv.WaitForShutdown()
	return nil
}

func (b *Embedded) closeFront() {
	if b.front != nil {
		b.front.close()
	}
}

func orInt(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

func orDur(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func orString(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

package broker

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"tabour/mqtt/auth"
)

// Limits an embedded broker applies to every client unless Opts says
// otherwise.
const (
	DefaultAuthTimeout = 3 * time.Second  // from accept to an accepted CONNECT
	DefaultMaxPayload  = 256 << 10        // bytes of one message (and of any packet)
	DefaultMaxConns    = 512              // clients at once, the appliance's own included
	DefaultMaxPending  = 8 << 20          // bytes queued for one slow client before it is cut
	readyTimeout       = 10 * time.Second // for the listener and JetStream to come up
)

// Opts configure the embedded broker.
type Opts struct {
	// Addr is the listening address, e.g. ":1883" or "127.0.0.1:0".
	Addr string
	// StoreDir holds the broker's JetStream store (retained messages,
	// persistent sessions, QoS 1 messages in flight); required, and kept
	// across restarts. The appliance puts it under its data directory.
	StoreDir string
	// Name is the server's name (server_name; default "tabour"): a NATS
	// level, no spaces or dots.
	Name string
	// CertFile and KeyFile turn on TLS on Addr.
	CertFile, KeyFile string
	// Auth checks clients; nil lets every client do everything.
	Auth *auth.Registry
	// Logger receives the broker's warnings and errors (default: stderr,
	// warnings).
	Logger *slog.Logger

	// Zero limits take the defaults above.
	AuthTimeout time.Duration
	MaxPayload  int
	MaxConns    int
	MaxPending  int
}

// Embedded is a NATS server with its MQTT listener inside the appliance.
type Embedded struct {
	srv   *server.Server
	addr  net.Addr
	url   string
	local net.Listener // the loopback plain listener when TLS is on
	once  sync.Once
}

// NewEmbedded starts the broker (so Addr and URL are known at once, and
// clients may connect); Run serves until its context ends.
func NewEmbedded(opts Opts) (*Embedded, error) {
	if opts.StoreDir == "" {
		return nil, errors.New("broker: the embedded broker needs a store directory")
	}
	if err := os.MkdirAll(opts.StoreDir, 0o750); err != nil {
		return nil, fmt.Errorf("broker: store: %w", err)
	}
	addr, err := reserve(opts.Addr)
	if err != nil {
		return nil, err
	}
	nopts, err := serverOpts(opts, addr)
	if err != nil {
		return nil, err
	}
	srv, err := server.NewServer(nopts)
	if err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	srv.SetLoggerV2(newNATSLog(opts.Logger), false, false, false)
	srv.Start()
	b := &Embedded{srv: srv, addr: addr, url: localURL("tcp", addr)}
	if !srv.ReadyForConnections(readyTimeout) {
		b.shutdown()
		return nil, fmt.Errorf("broker: not ready on %s after %v", addr, readyTimeout)
	}
	if nopts.MQTT.TLSConfig != nil {
		if err := b.serveLoopback(nopts.MQTT.TLSConfig); err != nil {
			b.shutdown()
			return nil, err
		}
	}
	return b, nil
}

// reserve checks that addr can be bound (a taken port fails here, with
// the system's error) and picks the port when addr asks for any.
func reserve(addr string) (*net.TCPAddr, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("broker: listen %s: %w", addr, err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr), nil
}

func serverOpts(opts Opts, addr *net.TCPAddr) (*server.Options, error) {
	name := opts.Name
	if name == "" {
		name = "tabour"
	}
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "0.0.0.0"
		if addr.IP.To4() == nil {
			host = "::"
		}
	}
	no := &server.Options{
		ServerName: name,
		NoSigs:     true, // the appliance owns the process's signals
		DontListen: true, // no NATS client port: MQTT only, for now
		JetStream:  true,
		StoreDir:   opts.StoreDir,
		// bounds, not reservations: the MQTT streams hold retained
		// messages, sessions and QoS 1 messages awaiting an ack
		JetStreamMaxMemory: 64 << 20,
		JetStreamMaxStore:  1 << 30,
		MaxPayload:         int32(orInt(opts.MaxPayload, DefaultMaxPayload)),
		MaxConn:            orInt(opts.MaxConns, DefaultMaxConns),
		MaxPending:         int64(orInt(opts.MaxPending, DefaultMaxPending)),
		MQTT: server.MQTTOpts{Host: host, Port: addr.Port,
			AuthTimeout: orDur(opts.AuthTimeout, DefaultAuthTimeout).Seconds()},
		CustomClientAuthentication: &authenticator{reg: opts.Auth},
	}
	if opts.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(opts.CertFile, opts.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("broker: tls: %w", err)
		}
		no.MQTT.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		no.MQTT.TLSTimeout = orDur(opts.AuthTimeout, DefaultAuthTimeout).Seconds()
	}
	return no, nil
}

func orInt(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

func orDur(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}

// Addr is the main listener's address.
func (b *Embedded) Addr() net.Addr { return b.addr }

// URL is where clients on this machine connect (the loopback listener
// when TLS is on).
func (b *Embedded) URL() string { return b.url }

// Run serves until ctx is done, then closes every listener and client.
func (b *Embedded) Run(ctx context.Context) error {
	<-ctx.Done()
	b.shutdown()
	return nil
}

func (b *Embedded) shutdown() {
	b.once.Do(func() {
		if b.local != nil {
			b.local.Close()
		}
		b.srv.Shutdown()
		b.srv.WaitForShutdown()
	})
}

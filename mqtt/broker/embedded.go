package broker

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"os"

	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/listeners"

	"tabour/mqtt/auth"
)

// Opts configure the embedded broker.
type Opts struct {
	// Addr is the listening address, e.g. ":1883" or "127.0.0.1:0".
	Addr string
	// CertFile and KeyFile turn on TLS on Addr.
	CertFile, KeyFile string
	// Auth checks clients; nil lets every client do everything.
	Auth *auth.Registry
	// Logger receives the broker's warnings (default: stderr, warnings).
	Logger *slog.Logger
}

// Embedded is a mochi-mqtt broker inside the appliance.
type Embedded struct {
	srv  *mochi.Server
	addr net.Addr
	url  string
}

// NewEmbedded binds the listeners (so Addr and URL are known at once);
// Run serves them.
func NewEmbedded(opts Opts) (*Embedded, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	srv := mochi.New(&mochi.Options{Logger: log, InlineClient: false})
	if err := addAuth(srv, opts.Auth); err != nil {
		return nil, err
	}
	b := &Embedded{srv: srv}
	if err := b.listen(opts); err != nil {
		srv.Close()
		return nil, err
	}
	return b, nil
}

func addAuth(srv *mochi.Server, reg *auth.Registry) error {
	var err error
	if reg == nil {
		err = srv.AddHook(new(allowHook), nil)
	} else {
		err = srv.AddHook(&authHook{reg: reg}, nil)
	}
	if err != nil {
		return fmt.Errorf("broker: add auth hook: %w", err)
	}
	return nil
}

// listen binds Addr (with TLS if configured) and, with TLS, a plain
// loopback listener for the appliance's own clients.
func (b *Embedded) listen(opts Opts) error {
	ln, err := listenTCP(opts.Addr)
	if err != nil {
		return err
	}
	b.addr, b.url = ln.Addr(), localURL("tcp", ln.Addr())
	if opts.CertFile != "" {
		if ln, err = withTLS(ln, opts.CertFile, opts.KeyFile); err != nil {
			return err
		}
	}
	if err := b.srv.AddListener(listeners.NewNet("main", ln)); err != nil {
		ln.Close()
		return fmt.Errorf("broker: %w", err)
	}
	if opts.CertFile == "" {
		return nil
	}
	return b.listenLoopback()
}

func (b *Embedded) listenLoopback() error {
	ln, err := listenTCP("127.0.0.1:0")
	if err != nil {
		return err
	}
	b.url = localURL("tcp", ln.Addr())
	if err := b.srv.AddListener(listeners.NewNet("loopback", ln)); err != nil {
		ln.Close()
		return fmt.Errorf("broker: %w", err)
	}
	return nil
}

func listenTCP(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("broker: listen %s: %w", addr, err)
	}
	return noDelayListener{ln}, nil
}

func withTLS(ln net.Listener, certFile, keyFile string) (net.Listener, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("broker: tls: %w", err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	return tls.NewListener(ln, cfg), nil
}

// Addr is the main listener's address.
func (b *Embedded) Addr() net.Addr { return b.addr }

// URL is where clients on this machine connect (the loopback listener
// when TLS is on).
func (b *Embedded) URL() string { return b.url }

// Run serves until ctx is done, then closes every listener and client.
func (b *Embedded) Run(ctx context.Context) error {
	if err := b.srv.Serve(); err != nil {
		b.srv.Close()
		return fmt.Errorf("broker: serve: %w", err)
	}
	<-ctx.Done()
	if err := b.srv.Close(); err != nil {
		return fmt.Errorf("broker: close: %w", err)
	}
	return nil
}

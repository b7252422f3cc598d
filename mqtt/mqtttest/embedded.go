package mqtttest

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"tabour/mqtt/broker"
)

// emb is the embedded broker, restartable on the same port with the same
// store: persistent sessions and retained messages survive a restart.
type emb struct {
	t     testing.TB
	port  int
	store string // the same store across restarts
	reg   Opts

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

func startEmbedded(t testing.TB, opts Opts) *emb {
	t.Helper()
	e := &emb{t: t, port: freePort(t), store: t.TempDir(), reg: opts}
	e.Start()
	return e
}

func (e *emb) Kind() Kind  { return Embedded }
func (e *emb) URL() string { return "tcp://" + hostPort(e.port) }

// Start binds the port again (retrying while the old socket closes) and serves.
func (e *emb) Start() {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel != nil {
		return
	}
	b := e.bind()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel, e.done = cancel, make(chan struct{})
	go func(done chan struct{}) {
		defer close(done)
		_ = b.Run(ctx)
	}(e.done)
	waitListening(e.t, hostPort(e.port))
}

func (e *emb) bind() *broker.Embedded {
	e.t.Helper()
	opts := broker.Opts{Addr: hostPort(e.port), StoreDir: e.store, Auth: e.reg.Registry,
		MaxSessions: e.reg.MaxSessions, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	var err error
	for range 100 {
		var b *broker.Embedded
		if b, err = broker.NewEmbedded(opts); err == nil {
			return b
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.t.Fatalf("mqtttest: embedded broker: %v", err)
	return nil
}

// Stop closes the broker and its clients' connections.
func (e *emb) Stop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cancel == nil {
		return
	}
	e.cancel()
	<-e.done
	e.cancel = nil
}

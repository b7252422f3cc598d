package mqtt

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"tabour/mqtt/auth"
	"tabour/mqtt/broker"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/relay"
	"tabour/queue"
)

// Opts are the process-level dependencies of a Bus.
type Opts struct {
	// Clock judges command expiry and stamps status and health; default
	// the engine's clock.
	Clock queue.Clock
	// Logger gets warnings; nothing personal is ever logged.
	Logger *slog.Logger
}

// Bus is the appliance's side of MQTT: the local broker (embedded or
// external), the retained status, serving, queue, hall, report and health
// topics, the counters' and the manager's commands and the upstream relay.
type Bus struct {
	cfg    Config
	eng    *queue.Engine
	reg    *auth.Registry
	opts   Opts
	clock  queue.Clock
	log    *slog.Logger
	topics contract.Topics

	brk        broker.Broker
	user, pass string // the appliance's own credentials on the local bus
	relay      *relay.Relay
	req        *requests // SMS notices and inquiries (requests.go)
	hw         hardware
	healthNow  chan struct{}
	started    time.Time
	ran        atomic.Bool // Run was called (Close then leaves the broker to it)

	ready     chan struct{} // closed once a new subscriber sees status online
	readyOnce sync.Once
	cmdReady  chan struct{} // closed once every command client subscribed

	statusMu      sync.Mutex // orders status/{device} publishes
	onlineSince   time.Time  // the current connection's start; zero before the first
	statusPrinter string     // the printer state status/{device} last said
}

// New checks cfg and prepares the bus; an embedded broker binds its
// address now, so URL is known before Run.
func New(eng *queue.Engine, cfg Config, opts Opts) (*Bus, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	reg, err := auth.NewRegistry(cfg.Center, cfg.Devices)
	if err != nil {
		return nil, err
	}
	reg.AllowAnonymousRead(cfg.AnonymousRead)
	b := &Bus{cfg: cfg, eng: eng, reg: reg, opts: opts, topics: contract.Topics{Center: cfg.Center}, healthNow: make(chan struct{}, 1),
		ready: make(chan struct{}), cmdReady: make(chan struct{})}
	b.clock, b.log = opts.Clock, opts.Logger
	if b.clock == nil {
		b.clock = eng.Options().Clock
	}
	if b.log == nil {
		b.log = slog.Default()
	}
	if err := b.setupBroker(); err != nil {
		return nil, err
	}
	b.req = newRequests(b)
	return b, b.setupRelay()
}

// setupBroker binds the embedded broker, with a user for the appliance
// made now, or names the external one.
func (b *Bus) setupBroker() error {
	if b.cfg.Broker.External != "" {
		b.brk = broker.NewExternal(b.cfg.Broker.External)
		b.user, b.pass = b.cfg.Broker.Username, b.cfg.Broker.Password
		return nil
	}
	b.user, b.pass = b.cfg.Device, client.NewID()
	err := b.reg.Add(auth.Device{ID: b.user, Role: auth.RoleAppliance, PasswordSHA256: auth.HashPassword(b.pass)})
	if err != nil {
		return fmt.Errorf("%w: the appliance's device id is taken by a listed device: %v", ErrConfig, err)
	}
	brk, err := broker.NewEmbedded(broker.Opts{Addr: b.cfg.Broker.Listen, CertFile: b.cfg.Broker.CertFile,
		KeyFile: b.cfg.Broker.KeyFile, StoreDir: b.cfg.Broker.StoreDir, Auth: b.reg, Logger: b.log,
		MaxSessions: b.cfg.MaxSessions})
	if err != nil {
		return err
	}
	b.brk = brk
	return nil
}

func (b *Bus) setupRelay() error {
	up := b.cfg.Upstream
	if up.Disabled {
		return nil
	}
	opts := relay.Opts{URL: up.URL, Username: up.Username, Password: up.Password, Center: b.cfg.Center,
		Device: b.cfg.Device, Window: up.Window, AckTimeout: up.AckTimeout, MaxBackoff: up.MaxBackoff,
		Retry: up.Retry, Clock: b.clock, Logger: b.log}
	if up.URL == "" {
		opts.URL, opts.Username, opts.Password, opts.Local = b.brk.URL(), b.user, b.pass, true
	}
	var err error
	if opts.TLS, err = tlsConfig(up.CAFile); err != nil {
		return err
	}
	b.relay = relay.New(b.eng, opts)
	return nil
}

// tlsConfig trusts the CA in file ("" = the system's roots).
func tlsConfig(file string) (*tls.Config, error) {
	if file == "" {
		return nil, nil
	}
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("mqtt: read CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("mqtt: %s holds no PEM certificate", file)
	}
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, nil
}

// URL is where the appliance's own clients reach the local bus.
func (b *Bus) URL() string { return b.brk.URL() }

// Addr is where the embedded broker listens; nil for an external broker.
func (b *Bus) Addr() net.Addr {
	if e, ok := b.brk.(*broker.Embedded); ok {
		return e.Addr()
	}
	return nil
}

// LocalDevice registers a device that runs in the appliance's own
// process (the hall display on its second monitor) with a password made
// now, and returns its credentials on the local bus. Only the embedded
// broker has a registry to add it to: with an external broker the device
// is listed in that broker's devices file like any other.
func (b *Bus) LocalDevice(id string, role auth.Role) (user, pass string, err error) {
	if b.cfg.Broker.External != "" {
		return "", "", fmt.Errorf("%w: the external broker %s has its own devices: list %s there", ErrConfig, b.cfg.Broker.External, id)
	}
	pass = client.NewID()
	if err := b.reg.Add(auth.Device{ID: id, Role: role, PasswordSHA256: auth.HashPassword(pass)}); err != nil {
		return "", "", err
	}
	return id, pass, nil
}

// Registry is the bus's device registry.
func (b *Bus) Registry() *auth.Registry { return b.reg }

// Relay is the upstream relay, nil when disabled.
func (b *Bus) Relay() *relay.Relay { return b.relay }

// Run serves the bus until ctx ends, then publishes offline and stops.
func (b *Bus) Run(ctx context.Context) error {
	b.ran.Store(true)
	b.started = b.clock.Now()
	brkCtx, stopBroker := context.WithCancel(context.WithoutCancel(ctx))
	brkDone := make(chan error, 1)
	go func() { brkDone <- b.brk.Run(brkCtx) }()
	err := b.runClients(ctx)
	stopBroker()
	return errors.Join(err, <-brkDone)
}

// runClients runs everything that talks to the broker.
func (b *Bus) runClients(ctx context.Context) error {
	caFile := b.cfg.Broker.CAFile
	tlsc, err := tlsConfig(caFile)
	if err != nil {
		return err
	}
	// The processed-command table lives in the engine's own file: a
	// command's row commits in the transaction of its effect.
	path, err := dbPath(ctx, b.eng.DB())
	if err != nil {
		return err
	}
	store, err := openCmdStore(ctx, b.eng.Options().Driver, path)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := b.eng.Prepare(ctx, qRunning, qAnswered); err != nil {
		return err
	}
	c, pub := b.connect(tlsc)
	defer b.goOffline(c)
	cmds := newCommands(b.eng, store, b.reg, c, b.cfg, b.clock, b.log)
	deliver, err := b.guardCommands(c, store, cmds.enqueue) // signed server commands (cmdguard.go)
	if err != nil {
		return err
	}
	defer b.subscribeCommands(tlsc, cmds, deliver)()
	return b.runAll(ctx, pub.runServing, pub.runQueue, pub.runHall, newDayReporter(b.eng, c, b.cfg, b.log).run, cmds.run, func(ctx context.Context) error {
		return b.runHealth(ctx, c)
	}, func(ctx context.Context) error {
		return b.runHeartbeat(ctx, c)
	}, b.runRelay, b.runRequests(c))
}

// subscribeCommands opens a client for each counter device, subscribed to
// its commands (cmd/{device}/+, client id "{Device}-cmd-{device}"), and
// one for the commands to any other device (cmd/+/+, skipping the
// counters'): each connection has its own queue at the broker, so a device
// that floods delays only its own commands; a command beyond its device's
// rate is answered on the connection it came in on. cmdReady is closed
// once every client subscribed; the returned function closes them.
func (b *Bus) subscribeCommands(tlsc *tls.Config, cmds *commands, deliver client.Handler) (closeAll func()) {
	counters := map[string]bool{}
	for _, d := range b.reg.Devices() {
		if d.Role == auth.RoleCounter {
			counters[d.ID] = true
		}
	}
	var pending atomic.Int64
	pending.Store(int64(len(counters) + 1))
	subscribed := func() {
		if pending.Add(-1) == 0 {
			close(b.cmdReady)
		}
	}
	var clients []*client.Client
	closing := make(chan struct{})
	open := func(suffix, filter string, keep func(device string) bool) {
		connected := make(chan struct{})
		var once sync.Once
		c := client.New(client.Opts{URL: b.brk.URL(), ClientID: b.cfg.Device + "-cmd" + suffix, Username: b.user,
			Password: b.pass, TLS: tlsc, OnConnect: func() { once.Do(func() { close(connected) }) }})
		clients = append(clients, c)
		h := cmds.limit(c, deliver)
		err := c.Handle(filter, 0, func(m client.Message) {
			if t, ok := contract.ParseTopic(m.Topic); ok && keep(t.Key) {
				h(m)
			}
		})
		if err != nil {
			b.log.Warn("mqtt: subscribe to commands", "filter", filter, "err", err)
		}
		// Subscribed once both the first connection made its subscriptions
		// and Handle (which subscribes itself if it found the client
		// connected) returned.
		go func() {
			select {
			case <-connected:
				subscribed()
			case <-closing:
			}
		}()
	}
	// The subscriptions are QoS 0: these clients keep no session (a
	// command sent while one is disconnected is lost with QoS 1 too), and
	// on a live connection QoS 0 loses nothing, while the embedded broker
	// delivers a QoS 1 subscription's messages from its JetStream store,
	// where a flood's messages would queue ahead of everyone's. The
	// counters still publish at QoS 1, acknowledged by the broker.
	for id := range counters {
		open("-"+id, b.topics.Cmd(id, "+"), func(string) bool { return true })
	}
	open("", b.topics.AllCmds(), func(device string) bool { return !counters[device] })
	return func() {
		close(closing)
		for _, c := range clients {
			c.Close(250 * time.Millisecond)
		}
	}
}

// connect starts the appliance's client: its will says lost, every
// connection says online and republishes the retained state.
func (b *Bus) connect(tlsc *tls.Config) (*client.Client, *publisher) {
	status := contract.Status{State: contract.Lost, BootID: b.eng.BootID(), Version: b.cfg.Version, Since: contract.At(b.started)}
	will, _ := jsonBytes(status)
	var c *client.Client
	var pub *publisher
	ready := make(chan struct{})
	c = client.New(client.Opts{URL: b.brk.URL(), ClientID: b.cfg.Device + "-bus", Username: b.user, Password: b.pass,
		TLS: tlsc, Will: &client.Message{Topic: b.topics.Status(b.cfg.Device), Payload: will, QoS: 1, Retained: true},
		OnConnect: func() {
			<-ready
			b.online(c)
			pub.resync()
			signal(b.healthNow)
		}})
	pub = newPublisher(b.eng, c, b.cfg, b.clock, b.log)
	close(ready)
	return c, pub
}

func (b *Bus) online(c *client.Client) {
	b.statusMu.Lock()
	defer b.statusMu.Unlock()
	b.onlineSince = b.clock.Now()
	if payload := b.publishStatusLocked(c); payload != nil {
		go b.confirmOnline(c, payload)
	}
}

// Ready is closed once the retained status/{device} saying online is what
// a new subscriber receives: from then on a device that connects learns
// that the appliance is online.
func (b *Bus) Ready() <-chan struct{} { return b.ready }

// confirmOnline waits until the online status is visible to new
// subscribers (see client.AwaitRetained), then closes Ready.
func (b *Bus) confirmOnline(c *client.Client, payload []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var want contract.Status
	if err := json.Unmarshal(payload, &want); err != nil {
		return
	}
	// A later status (the printer's state changed) is as good.
	match := func(p []byte, retained bool) bool {
		var st contract.Status
		return retained && json.Unmarshal(p, &st) == nil && st.State == contract.Online && st.BootID == want.BootID && st.Since == want.Since
	}
	if err := client.AwaitRetained(ctx, c, b.topics.Status(b.cfg.Device), match); err != nil {
		if c.Connected() {
			b.log.Warn("mqtt: the retained online status is not visible", "err", err)
		}
		return
	}
	select { // and commands sent from now on reach the appliance
	case <-b.cmdReady:
	case <-ctx.Done():
		b.log.Warn("mqtt: the command subscriptions are not made", "err", ctx.Err())
		return
	}
	b.readyOnce.Do(func() { close(b.ready) })
}

// refreshStatus publishes status/{device} again when the printer's state
// changed since it last did (a reconnect publishes it anyway).
func (b *Bus) refreshStatus(c *client.Client) {
	b.statusMu.Lock()
	defer b.statusMu.Unlock()
	if !b.onlineSince.IsZero() && c.Connected() && b.printerState() != b.statusPrinter {
		b.publishStatusLocked(c)
	}
}

// publishStatusLocked publishes status online and returns its payload
// (nil if the publish failed at once).
func (b *Bus) publishStatusLocked(c *client.Client) []byte {
	b.statusPrinter = b.printerState()
	st := contract.Status{State: contract.Online, BootID: b.eng.BootID(), Version: b.cfg.Version, Since: contract.At(b.onlineSince),
		Printer: b.statusPrinter, HeartbeatAt: contract.At(b.clock.Now()), EveryS: heartbeatSeconds(b.cfg.HeartbeatEvery)}
	payload, err := jsonBytes(st)
	if err == nil {
		err = c.Publish(client.Message{Topic: b.topics.Status(b.cfg.Device), Payload: payload, QoS: 1, Retained: true}).Error()
	}
	if err != nil {
		b.log.Warn("mqtt: publish status", "err", err)
		return nil
	}
	return payload
}

// goOffline publishes offline (a clean stop sends no will) and disconnects.
func (b *Bus) goOffline(c *client.Client) {
	st := contract.Status{State: contract.Offline, BootID: b.eng.BootID(), Version: b.cfg.Version, Since: contract.At(b.clock.Now())}
	payload, _ := jsonBytes(st)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if c.Connected() {
		_ = c.PublishWait(ctx, client.Message{Topic: b.topics.Status(b.cfg.Device), Payload: payload, QoS: 1, Retained: true})
	}
	c.Close(500 * time.Millisecond)
}

func (b *Bus) runRelay(ctx context.Context) error {
	if b.relay == nil {
		<-ctx.Done()
		return nil
	}
	return b.relay.Run(ctx)
}

// runAll runs fs until ctx ends or one fails; it cancels the others and
// waits for them.
func (b *Bus) runAll(ctx context.Context, fs ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(fs))
	for i, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[i] = f(ctx); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

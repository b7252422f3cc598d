package mqtt_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/lang"
	"tabour/mqtt"
	"tabour/mqtt/auth"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

const center = "ism-fayed"

// testClock runs at the wall clock's pace from base (midday on 22
// November 2026 unless set), shifted by a settable offset: the tests do
// not depend on the time of day they run.
type testClock struct {
	mu     sync.Mutex
	base   time.Time // the clock's first reading
	start  time.Time // the wall clock then
	offset time.Duration
}

var testEpoch = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.start.IsZero() {
		c.start = time.Now()
		if c.base.IsZero() {
			c.base = testEpoch
		}
	}
	return c.base.Add(time.Since(c.start) + c.offset)
}

// setAt makes the clock read t now; it runs on from there.
func (c *testClock) setAt(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base, c.start, c.offset = t, time.Now(), 0
}

var services = []queue.Service{
	{Code: "BLD", Prefix: "A", Name: lang.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"}, TargetWaitMin: 30, AvgServiceMin: 10},
	{Code: "SHOP", Prefix: "B", Name: lang.Text{AR: "ترخيص تشغيل محل", EN: "Shop licence"}, TargetWaitMin: 20, AvgServiceMin: 6},
}

var counters = []queue.Counter{
	{Number: 1, Label: lang.Text{AR: "شباك ١", EN: "Window 1"},
		Services: []queue.CounterService{{Code: "BLD", Weight: 1}, {Code: "SHOP", Weight: 1}}},
	{Number: 2, Services: []queue.CounterService{{Code: "SHOP", Weight: 1}}},
	{Number: 3, Services: []queue.CounterService{{Code: "BLD", Weight: 1}}},
}

// device ids and their roles; every password is "pw-" + id.
var devices = []auth.Device{
	{ID: "ctr01", Role: auth.RoleCounter, Counter: 1},
	{ID: "ctr02", Role: auth.RoleCounter, Counter: 2},
	{ID: "ctr03", Role: auth.RoleCounter, Counter: 3},
	{ID: "ctr09", Role: auth.RoleCounter, Counter: 9}, // no such counter in the engine
	{ID: "hall1", Role: auth.RoleDisplay},
	{ID: "con1", Role: auth.RoleConsole},
	{ID: "server", Role: auth.RoleServer},
	{ID: "kiosk1", Role: auth.RoleAppliance}, // for an external broker
}

func password(id string) string { return "pw-" + id }

func registry(t testing.TB) (*auth.Registry, []auth.Device) {
	t.Helper()
	devs := make([]auth.Device, len(devices))
	for i, d := range devices {
		d.PasswordSHA256 = auth.HashPassword(password(d.ID))
		devs[i] = d
	}
	reg, err := auth.NewRegistry(center, devs)
	if err != nil {
		t.Fatal(err)
	}
	return reg, devs
}

// openEngine opens an engine on a fresh file with every counter open.
func openEngine(t testing.TB, clock queue.Clock) *queue.Engine {
	t.Helper()
	return openEngineWith(t, clock, nil)
}

// openEngineWith is openEngine with its options changed by tune.
func openEngineWith(t testing.TB, clock queue.Clock, tune func(*queue.Options)) *queue.Engine {
	t.Helper()
	ctx := context.Background()
	opts := queue.DefaultOptions()
	opts.Device, opts.Clock, opts.NumberMax, opts.NumberWidth = "kiosk1", clock, 999999, 4
	opts.DedupWindow = 0
	if tune != nil {
		tune(&opts)
	}
	eng, err := queue.Open(ctx, filepath.Join(t.TempDir(), "tabour.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if err := eng.SyncCatalog(ctx, services, counters); err != nil {
		t.Fatal(err)
	}
	for _, c := range counters {
		if err := eng.SetCounterState(ctx, c.Number, queue.CounterOpen, ""); err != nil {
			t.Fatal(err)
		}
	}
	return eng
}

// env is an appliance bus on a real engine, with a recorder on the local
// bus (and on the upstream broker, if separate).
type env struct {
	t      testing.TB
	ctx    context.Context
	kind   mqtttest.Kind
	clock  *testClock
	eng    *queue.Engine
	bus    *mqtt.Bus
	url    string // local bus
	upURL  string // upstream broker ("" = local)
	local  mqtttest.Broker
	up     mqtttest.Broker
	rec    *mqtttest.Recorder
	topics contract.Topics
	stop   func()
	bad    map[string]bool // payloads the test published on purpose
}

type envOpts struct {
	separateUpstream bool
	upstreamDisabled bool
	ackTimeout       time.Duration
	maxQueued        int
	queueInterval    time.Duration // default 20ms
	// shippedLimits keeps the shipped command rate limits; otherwise a
	// device may send 1000 commands a second, for the tests that run many
	// commands quickly on purpose.
	shippedLimits bool
	// engine, if set, changes the engine's options.
	engine func(*queue.Options)
	// clock, if set, is the env's clock (default: one from testEpoch).
	clock *testClock
}

func newEnv(t testing.TB, kind mqtttest.Kind, o envOpts) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), kind: kind, clock: o.clock, topics: contract.Topics{Center: center}}
	if e.clock == nil {
		e.clock = &testClock{}
	}
	e.eng = openEngineWith(t, e.clock, o.engine)
	reg, devs := registry(t)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test", Devices: devs,
		QueueInterval: orDur(o.queueInterval, 20*time.Millisecond), HealthEvery: time.Second}
	if !o.shippedLimits {
		cfg.CommandRate, cfg.CommandBurst = 1000, 1000
	}
	cfg.Upstream = mqtt.UpstreamConfig{Disabled: o.upstreamDisabled, AckTimeout: orDur(o.ackTimeout, time.Second),
		Retry: 100 * time.Millisecond}
	e.setupBrokers(kind, o, reg, &cfg)
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))
	return e
}

// newRestartableEnv is an env (upstream disabled, shipped command limits)
// whose bus a test may stop (env.stop) and start again with cfg: with the
// embedded broker, the new one listens on the same address.
func newRestartableEnv(t *testing.T, kind mqtttest.Kind) (*env, mqtt.Config) {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), kind: kind, clock: &testClock{}, topics: contract.Topics{Center: center}}
	e.eng = openEngine(t, e.clock)
	reg, devs := registry(t)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test", Devices: devs,
		QueueInterval: 20 * time.Millisecond, HealthEvery: time.Second, Upstream: mqtt.UpstreamConfig{Disabled: true}}
	e.setupBrokers(kind, envOpts{}, reg, &cfg)
	if kind == mqtttest.Embedded {
		cfg.Broker.Listen = "127.0.0.1:" + strconv.Itoa(freePort(t))
	}
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))
	return e, cfg
}

func orDur(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func (e *env) setupBrokers(kind mqtttest.Kind, o envOpts, reg *auth.Registry, cfg *mqtt.Config) {
	if kind == mqtttest.Mosquitto {
		e.local = mqtttest.Start(e.t, kind, mqtttest.Opts{Registry: reg, MaxQueued: o.maxQueued})
		cfg.Broker = mqtt.BrokerConfig{External: e.local.URL(), Username: "kiosk1", Password: password("kiosk1")}
		cfg.Devices = without(cfg.Devices, "kiosk1")
	} else {
		cfg.Broker.Listen, cfg.Broker.StoreDir = "127.0.0.1:0", e.t.TempDir()
		cfg.Devices = without(cfg.Devices, "kiosk1")
	}
	if o.separateUpstream {
		e.up = mqtttest.Start(e.t, kind, mqtttest.Opts{Registry: reg, MaxQueued: o.maxQueued})
		e.upURL = e.up.URL()
		cfg.Upstream.URL, cfg.Upstream.Username, cfg.Upstream.Password = e.upURL, "kiosk1", password("kiosk1")
	}
}

func without(devs []auth.Device, id string) []auth.Device {
	var out []auth.Device
	for _, d := range devs {
		if d.ID != id {
			out = append(out, d)
		}
	}
	return out
}

// start runs the bus until the test ends and waits until it is online.
func (e *env) start(cfg mqtt.Config) {
	e.t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	bus, err := mqtt.New(e.eng, cfg, mqtt.Opts{Logger: log})
	if err != nil {
		e.t.Fatal(err)
	}
	e.bus, e.url = bus, bus.URL()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bus.Run(ctx) }()
	var once sync.Once
	e.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				e.t.Errorf("bus: %v", err)
			}
		})
	}
	e.t.Cleanup(e.stop)
	select {
	case <-bus.Ready():
	case <-time.After(10 * time.Second):
		e.t.Fatal("the bus is not ready")
	}
	e.waitRetained(e.topics.Status("kiosk1"), `"online"`)
}

// client connects as a device.
func (e *env) client(url, id string) *client.Client {
	e.t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: id + "-" + client.NewID()[:6], Username: id,
		Password: password(id), Retry: 100 * time.Millisecond})
	e.t.Cleanup(func() { c.Close(50 * time.Millisecond) })
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		e.t.Fatal(err)
	}
	return c
}

// counter is a counter console: a commander for device id.
func (e *env) counter(id string) *client.Commander {
	e.t.Helper()
	k, err := client.NewCommander(e.client(e.url, id), center, id, "clerk-"+id)
	if err != nil {
		e.t.Fatal(err)
	}
	k.SetClock(e.clock)
	return k
}

// waitRetained waits until topic's retained payload contains want.
func (e *env) waitRetained(topic, want string) []byte {
	e.t.Helper()
	return waitMessage(e.t, e.url, topic, want)
}

// waitMessage subscribes (as the server) and waits for a payload on topic
// containing want: the retained one, or one published meanwhile. It
// subscribes again until it comes, since a broker may make a retained
// message visible to new subscribers only after it acknowledged it (see
// Bus.Ready).
func waitMessage(t testing.TB, url, topic, want string) []byte {
	t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: "server-wait-" + client.NewID()[:8], Username: "server",
		Password: password("server"), Retry: 100 * time.Millisecond})
	defer c.Close(10 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	err := client.AwaitRetained(ctx, c, topic, func(p []byte, _ bool) bool {
		if !contains(p, want) {
			return false
		}
		select {
		case got <- p:
		default:
		}
		return true
	})
	if err != nil {
		t.Fatalf("no message containing %s on %s", want, topic)
	}
	return <-got
}

func contains(b []byte, s string) bool { return len(s) == 0 || bytesIndex(b, s) >= 0 }

func bytesIndex(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

// snapshot is what must not change when a command is refused.
// snapshot is the engine's state as tabourctl status and audit verify
// show it: a snapshot is taken only of a chain that verifies.
type snapshot struct {
	stats  queue.Stats
	events int
}

func (e *env) snapshot() snapshot {
	e.t.Helper()
	st, err := e.eng.Stats(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	st.AsOf = time.Time{}
	for i := range st.Services { // the figures that drift with the clock
		st.Services[i].LongestWait = 0
		est := &st.Services[i].Estimate
		est.Wait, est.Low, est.High = 0, 0, 0
	}
	rep, err := e.eng.Verify(e.ctx)
	if err != nil || !rep.OK() {
		e.t.Fatalf("audit verify: %+v %v", rep.Broken, err)
	}
	return snapshot{stats: st, events: len(allEvents(e.t, e.eng))}
}

func allEvents(t testing.TB, eng *queue.Engine) []queue.Event {
	t.Helper()
	evs, err := eng.Events(context.Background(), 0, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func (e *env) issue(service string) queue.Ticket {
	e.t.Helper()
	tk, err := e.eng.Issue(e.ctx, queue.IssueRequest{Service: service})
	if err != nil {
		e.t.Fatal(err)
	}
	return tk
}

// forKinds runs f as a subtest per broker kind: mosquitto and the
// embedded broker.
func forKinds(t *testing.T, f func(t *testing.T, kind mqtttest.Kind)) {
	for _, k := range mqtttest.Kinds() {
		t.Run(string(k), func(t *testing.T) { f(t, k) })
	}
}

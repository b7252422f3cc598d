package mqtt_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// proxy forwards TCP connections to target and can cut them all, as a
// pulled cable would: the broker sees the client vanish. While down it
// closes every new connection at once.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	down   bool
}

func (p *proxy) setDown(down bool) {
	p.mu.Lock()
	p.down = down
	p.mu.Unlock()
}

func newProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go p.serve()
	return p
}

func (p *proxy) url() string { return "tcp://" + p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		u, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, u)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(u, c); u.Close() }()
		go func() { _, _ = io.Copy(c, u); c.Close() }()
	}
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// The appliance is online while it runs, lost (its will) when its
// connection vanishes, online again after reconnecting, offline after a
// clean stop.
func TestStatusWillAndOffline(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		reg, devs := registry(t)
		brk := mqtttest.Start(t, kind, mqtttest.Opts{Registry: reg})
		px := newProxy(t, brk.URL()[len("tcp://"):])
		e := &env{t: t, ctx: context.Background(), kind: kind, clock: &testClock{}, topics: contract.Topics{Center: center}}
		e.eng = openEngine(t, e.clock)
		cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "9.9", Devices: without(devs, "kiosk1"),
			Broker:   mqtt.BrokerConfig{External: px.url(), Username: "kiosk1", Password: password("kiosk1")},
			Upstream: mqtt.UpstreamConfig{Disabled: true}}
		e.start(cfg)
		e.url = brk.URL()
		e.rec = mqtttest.Record(t, e.url, "server", password("server"))
		online := status(t, e.waitRetained(e.topics.Status("kiosk1"), `"online"`))
		if online.BootID != e.eng.BootID() || online.Version != "9.9" {
			t.Fatalf("online: %+v", online)
		}
		// The cable stays out until the will is seen: a client that
		// comes back with the same client id before the broker has
		// dropped its old connection takes the session over, and the
		// NATS server then sends no will.
		px.setDown(true)
		px.cut()
		lost := status(t, waitRecorded(t, e.rec, e.topics.Status("kiosk1"), `"lost"`))
		if lost.BootID != e.eng.BootID() {
			t.Fatalf("lost: %+v", lost)
		}
		px.setDown(false)
		e.waitRetained(e.topics.Status("kiosk1"), `"online"`) // it reconnects by itself
		e.stop()
		e.waitRetained(e.topics.Status("kiosk1"), `"offline"`)
	})
}

func status(t *testing.T, b []byte) contract.Status {
	t.Helper()
	var s contract.Status
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// Changes made by another process on the same file (tabourctl) reach the
// retained topics by polling; the kiosk's own issues update queue/.
func TestServingFollowsOtherProcesses(t *testing.T) {
	e := newEnv(t, mqtttest.Embedded, envOpts{upstreamDisabled: true})
	e.issue("SHOP")
	e.waitRetained(e.topics.Queue("SHOP"), `"waiting":1`)
	path := dbFile(t, e.eng)
	other, err := queue.Open(context.Background(), path, queue.Options{Device: "tabourctl", Clock: e.clock})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tk, err := other.CallNext(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	e.waitRetained(e.topics.Serving(2), `"ticket":"`+tk.Label+`"`)
	e.waitRetained(e.topics.Queue("SHOP"), `"last_called":"`+tk.Label+`"`)
}

// serving/ carries the counter's name and queue/ the service's, for the
// hall display; a counter without a name has no label.
func TestServingAndQueueCarryNames(t *testing.T) {
	e := newEnv(t, mqtttest.Embedded, envOpts{upstreamDisabled: true})
	e.waitRetained(e.topics.Serving(1), `"label":{"ar":"شباك ١","en":"Window 1"}`)
	e.waitRetained(e.topics.Queue("BLD"), `"name":{"ar":"ترخيص أعمال بناء","en":"Building permit"}`)
	var s contract.Serving
	if err := json.Unmarshal(e.waitRetained(e.topics.Serving(2), `"counter":2`), &s); err != nil {
		t.Fatal(err)
	}
	if s.Label != nil {
		t.Errorf("counter 2 has no name, got label %+v", *s.Label)
	}
}

func dbFile(t *testing.T, eng *queue.Engine) string {
	var path string
	if err := eng.DB().QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&path); err != nil {
		t.Fatal(err)
	}
	return filepath.Clean(path)
}

// waitRecorded waits until the recorder saw a payload on topic holding want.
func waitRecorded(t *testing.T, r *mqtttest.Recorder, topic, want string) []byte {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, m := range r.Messages() {
			if m.Topic == topic && contains(m.Payload, want) {
				return m.Payload
			}
		}
	}
	t.Fatalf("nothing holding %s on %s", want, topic)
	return nil
}

// A printer state reported by the appliance reaches health/{device} and
// the retained status/{device} at once, not with the next periodic health
// (30 s here); an unknown state is refused and changes nothing.
func TestReportHardware(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnvHealthEvery(t, kind, 30*time.Second)
		for _, st := range []string{"ok", "paper_out"} {
			start := time.Now()
			if err := e.bus.ReportHardware(st, ""); err != nil {
				t.Fatal(err)
			}
			e.waitRetained(e.topics.Health("kiosk1"), `"printer":"`+st+`"`)
			s := status(t, e.waitRetained(e.topics.Status("kiosk1"), `"printer":"`+st+`"`))
			if s.State != contract.Online {
				t.Fatalf("status %+v", s)
			}
			t.Logf("%s on health and status after %v", st, time.Since(start))
		}
		err := e.bus.ReportHardware("jammed", "")
		if !errors.Is(err, mqtt.ErrHardwareState) {
			t.Fatalf("unknown state: %v", err)
		}
		if err := e.bus.ReportHardware("", "ok"); err != nil { // the printer's stays
			t.Fatal(err)
		}
		e.waitRetained(e.topics.Health("kiosk1"), `"printer":"paper_out","scanner":"ok"`)
	})
}

// newEnvHealthEvery is newEnv with the periodic health every period.
func newEnvHealthEvery(t *testing.T, kind mqtttest.Kind, period time.Duration) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), kind: kind, clock: &testClock{}, topics: contract.Topics{Center: center}}
	e.eng = openEngine(t, e.clock)
	reg, devs := registry(t)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test", Devices: devs, HealthEvery: period,
		Upstream: mqtt.UpstreamConfig{Disabled: true}}
	e.setupBrokers(kind, envOpts{}, reg, &cfg)
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))
	return e
}

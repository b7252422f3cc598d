package counter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"tabour/counter"
	"tabour/devices/keypad"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

const center = "ism-fayed"

var topics = contract.Topics{Center: center}

// pad is a fake keypad: the test presses its keys and reads its light.
type pad struct {
	keys chan keypad.Key

	mu        sync.Mutex
	runs      int
	light     bool
	lightSets int
	lightFail int // Light calls still to fail
}

func newPad() *pad { return &pad{keys: make(chan keypad.Key)} }

func (p *pad) Run(ctx context.Context, presses chan<- keypad.Key) error {
	p.mu.Lock()
	p.runs++
	p.mu.Unlock()
	for {
		select {
		case <-ctx.Done():
			return nil
		case k := <-p.keys:
			select {
			case presses <- k:
			case <-ctx.Done():
				return nil
			}
		}
	}
}

func (p *pad) Light(on bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.lightFail > 0 {
		p.lightFail--
		return errors.New("light pin gone")
	}
	p.light = on
	p.lightSets++
	return nil
}

func (p *pad) lit() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.light }

func (p *pad) press(t *testing.T, k keypad.Key) {
	t.Helper()
	select {
	case p.keys <- k:
	case <-time.After(10 * time.Second):
		t.Fatalf("the keypad is not read: %s not pressed", k)
	}
}

// logBuf is a log safe for concurrent writes.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }

func (l *logBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func (l *logBuf) count(s string) int { return strings.Count(l.String(), s) }

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// appliance is a fake appliance: it records the commands of ctr01 and
// answers each (with hold, only once released).
type appliance struct {
	c *client.Client

	mu   sync.Mutex
	cmds []received // every publish, resends included
	hold chan struct{}
	ok   bool
}

type received struct {
	name string
	cmd  contract.Command
}

func newAppliance(t *testing.T, url string) *appliance {
	t.Helper()
	a := &appliance{c: dial(t, url, "kiosk1"), ok: true}
	err := a.c.Handle(topics.Cmd("ctr01", "+"), 1, func(m client.Message) {
		tp, _ := contract.ParseTopic(m.Topic)
		var cmd contract.Command
		_ = json.Unmarshal(m.Payload, &cmd)
		a.mu.Lock()
		a.cmds = append(a.cmds, received{tp.Sub, cmd})
		hold, ok := a.hold, a.ok
		a.mu.Unlock()
		go func() {
			if hold != nil {
				<-hold
			}
			res := contract.Result{CmdID: cmd.CmdID, OK: ok}
			if ok {
				res.Result = &contract.CommandResult{Counter: 1, Ticket: "A001", State: "called"}
			} else {
				res.Code, res.Error = contract.CodeNoneWaiting, "nobody waits"
			}
			_ = a.c.PublishJSON(topics.Res("ctr01", cmd.CmdID), false, res)
		}()
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// distinct returns the commands received, one per cmd_id, in order.
func (a *appliance) distinct() []received {
	a.mu.Lock()
	defer a.mu.Unlock()
	seen := map[string]bool{}
	var out []received
	for _, r := range a.cmds {
		if !seen[r.cmd.CmdID] {
			seen[r.cmd.CmdID] = true
			out = append(out, r)
		}
	}
	return out
}

func dial(t *testing.T, url, id string) *client.Client {
	t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: id + "-" + client.NewID()[:6], Retry: 50 * time.Millisecond})
	t.Cleanup(func() { c.Close(0) })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

// run runs the keypad of ctr01 (counter 1) until the test ends.
func run(t *testing.T, url string, open func() (counter.Keypad, error), tune func(*counter.Opts)) *logBuf {
	t.Helper()
	var log logBuf
	o := counter.Opts{URL: url, Device: "ctr01", Password: "x", Center: center, Counter: 1, Open: open,
		Logger: slog.New(slog.NewTextHandler(&log, nil)), Retry: 50 * time.Millisecond,
		Resend: 100 * time.Millisecond, Backoff: 10 * time.Millisecond}
	if tune != nil {
		tune(&o)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- counter.Run(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	waitFor(t, "the bus", func() bool { return log.count("bus connected") > 0 })
	return &log
}

func opener(p *pad) func() (counter.Keypad, error) {
	return func() (counter.Keypad, error) { return p, nil }
}

func forKinds(t *testing.T, f func(t *testing.T, brk mqtttest.Broker)) {
	for _, kind := range mqtttest.Kinds() {
		t.Run(string(kind), func(t *testing.T) { f(t, mqtttest.Start(t, kind, mqtttest.Opts{})) })
	}
}

// Each key sends its command, as the keypad, and the answer is logged.
func TestKeysSendTheirCommands(t *testing.T) {
	forKinds(t, func(t *testing.T, brk mqtttest.Broker) {
		app := newAppliance(t, brk.URL())
		p := newPad()
		log := run(t, brk.URL(), opener(p), nil)
		for _, k := range []keypad.Key{keypad.Next, keypad.Recall, keypad.Done, keypad.NoShow} {
			p.press(t, k)
		}
		waitFor(t, "four answers", func() bool { return log.count("command done") == 4 })
		got := app.distinct()
		want := []string{contract.CmdNext, contract.CmdRecall, contract.CmdDone, contract.CmdNoShow}
		if len(got) != len(want) {
			t.Fatalf("commands %+v, want %v", got, want)
		}
		for i, r := range got {
			if r.name != want[i] || r.cmd.Actor != counter.Actor {
				t.Errorf("command %d: %s by %q, want %s by %q", i, r.name, r.cmd.Actor, want[i], counter.Actor)
			}
			if ttl := r.cmd.ExpiresAt.Sub(r.cmd.IssuedAt.Time); ttl != 10*time.Second {
				t.Errorf("command %d lives %v, want the default wait 10s", i, ttl)
			}
		}
		app.mu.Lock()
		app.ok = false
		app.mu.Unlock()
		p.press(t, keypad.Next)
		waitFor(t, "the refusal logged", func() bool { return log.count("code="+contract.CodeNoneWaiting) == 1 })
	})
}

// A press while a command is in flight waits its turn and sends its own
// command once: nothing lost, nothing doubled.
func TestPressWhileInFlight(t *testing.T) {
	brk := mqtttest.Start(t, mqtttest.Embedded, mqtttest.Opts{})
	app := newAppliance(t, brk.URL())
	hold := make(chan struct{})
	app.mu.Lock()
	app.hold = hold
	app.mu.Unlock()
	p := newPad()
	log := run(t, brk.URL(), opener(p), nil)
	p.press(t, keypad.Next)
	waitFor(t, "the first command", func() bool { return len(app.distinct()) == 1 })
	p.press(t, keypad.Done)
	time.Sleep(300 * time.Millisecond) // resends of the first, while held
	if got := app.distinct(); len(got) != 1 {
		t.Fatalf("%d commands sent while the first waited for its answer", len(got))
	}
	app.mu.Lock()
	resent := len(app.cmds)
	app.hold = nil
	app.mu.Unlock()
	if resent < 2 {
		t.Errorf("the unanswered command was published %d times, want resends", resent)
	}
	close(hold)
	waitFor(t, "both answers", func() bool { return log.count("command done") == 2 })
	time.Sleep(300 * time.Millisecond)
	got := app.distinct()
	if len(got) != 2 || got[0].name != contract.CmdNext || got[1].name != contract.CmdDone {
		t.Fatalf("commands %+v, want next then done", got)
	}
}

// A command left unanswered is given up after Wait, logged; a press made
// meanwhile is dropped, and the keypad goes on.
func TestUnansweredCommand(t *testing.T) {
	brk := mqtttest.Start(t, mqtttest.Embedded, mqtttest.Opts{})
	app := newAppliance(t, brk.URL())
	hold := make(chan struct{})
	var release sync.Once
	t.Cleanup(func() { release.Do(func() { close(hold) }) })
	app.mu.Lock()
	app.hold = hold
	app.mu.Unlock()
	p := newPad()
	log := run(t, brk.URL(), opener(p), func(o *counter.Opts) { o.Wait = 300 * time.Millisecond })
	p.press(t, keypad.Next)
	p.press(t, keypad.Recall) // made while next goes unanswered
	waitFor(t, "no answer logged", func() bool { return log.count("command failed") == 1 })
	waitFor(t, "the press behind it dropped", func() bool { return log.count("the command before it went unanswered") == 1 })
	if got := app.distinct(); len(got) != 1 {
		t.Fatalf("commands %+v, want only the first", got)
	}
	app.mu.Lock()
	app.hold = nil
	app.mu.Unlock()
	release.Do(func() { close(hold) })
	p.press(t, keypad.Done) // the keypad goes on
	waitFor(t, "the answer", func() bool { return log.count("command done") == 1 })
	if got := app.distinct(); len(got) != 2 || got[1].name != contract.CmdDone {
		t.Fatalf("commands %+v, want next then done", got)
	}
}

// The light follows serving/1: on while called, off otherwise.
func TestLightFollowsServing(t *testing.T) {
	forKinds(t, func(t *testing.T, brk mqtttest.Broker) {
		app := newAppliance(t, brk.URL())
		publish := func(s contract.Serving) {
			t.Helper()
			if err := app.c.PublishWait(context.Background(), client.Message{Topic: topics.Serving(s.Counter),
				Payload: mustJSON(t, s), QoS: 1, Retained: true}); err != nil {
				t.Fatal(err)
			}
		}
		publish(contract.Serving{Counter: 1, Ticket: "A001", State: contract.AtCounterCalled, CounterState: "open"})
		p := newPad()
		run(t, brk.URL(), opener(p), nil)
		waitFor(t, "the light on (retained)", p.lit)
		publish(contract.Serving{Counter: 1, Ticket: "A001", State: contract.AtCounterServing, CounterState: "open"})
		waitFor(t, "the light off", func() bool { return !p.lit() })
		publish(contract.Serving{Counter: 2, Ticket: "B001", State: contract.AtCounterCalled, CounterState: "open"})
		publish(contract.Serving{Counter: 1, Ticket: "A002", State: contract.AtCounterCalled, CounterState: "open"})
		waitFor(t, "the light on", p.lit)
		publish(contract.Serving{Counter: 1, State: contract.AtCounterIdle, CounterState: "paused"})
		waitFor(t, "the light off", func() bool { return !p.lit() })
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A keypad that cannot be opened, or stops, is logged and opened again;
// a light that fails is switched again.
func TestKeypadAndLightRetried(t *testing.T) {
	brk := mqtttest.Start(t, mqtttest.Embedded, mqtttest.Opts{})
	app := newAppliance(t, brk.URL())
	p := newPad()
	p.lightFail = 3
	var mu sync.Mutex
	opens := 0
	log := run(t, brk.URL(), func() (counter.Keypad, error) {
		mu.Lock()
		defer mu.Unlock()
		opens++
		if opens <= 2 {
			return nil, errors.New("no GPIO chip")
		}
		return p, nil
	}, nil)
	if err := app.c.PublishWait(context.Background(), client.Message{Topic: topics.Serving(1), QoS: 1, Retained: true,
		Payload: mustJSON(t, contract.Serving{Counter: 1, Ticket: "A001", State: contract.AtCounterCalled})}); err != nil {
		t.Fatal(err)
	}
	p.press(t, keypad.Next)
	waitFor(t, "the answer", func() bool { return log.count("command done") == 1 })
	waitFor(t, "the light on", p.lit)
	if n := log.count("keypad failed"); n != 2 {
		t.Errorf("%d keypad failures logged, want 2:\n%s", n, log)
	}
	if log.count("light failed") != 1 || log.count("light works again") != 1 {
		t.Errorf("the light's failures are not logged once:\n%s", log)
	}
}

// A keypad whose Run fails is opened again.
func TestKeypadRunFails(t *testing.T) {
	brk := mqtttest.Start(t, mqtttest.Embedded, mqtttest.Opts{})
	newAppliance(t, brk.URL())
	p := newPad()
	var mu sync.Mutex
	opens := 0
	log := run(t, brk.URL(), func() (counter.Keypad, error) {
		mu.Lock()
		defer mu.Unlock()
		opens++
		if opens == 1 {
			return failing{}, nil
		}
		return p, nil
	}, nil)
	p.press(t, keypad.Next)
	waitFor(t, "the answer", func() bool { return log.count("command done") == 1 })
	if !strings.Contains(log.String(), "pin busy") {
		t.Errorf("the failure is not logged:\n%s", log)
	}
}

type failing struct{}

func (failing) Run(context.Context, chan<- keypad.Key) error { return errors.New("pin busy") }
func (failing) Light(bool) error                             { return nil }

// A press while the broker is down is refused with a log line and never
// sent, not even once the broker is back.
func TestPressWhileBusDownIsRefused(t *testing.T) {
	forKinds(t, func(t *testing.T, brk mqtttest.Broker) {
		p := newPad()
		log := run(t, brk.URL(), opener(p), nil)
		brk.Stop()
		waitFor(t, "the loss logged", func() bool { return log.count("bus lost") == 1 })
		p.press(t, keypad.Next)
		waitFor(t, "the refusal", func() bool { return log.count("press refused: the bus is down") == 1 })
		brk.Start()
		app := newAppliance(t, brk.URL())
		waitFor(t, "the bus again", func() bool { return log.count("bus connected") == 2 })
		time.Sleep(500 * time.Millisecond) // longer than Resend and Retry
		if got := app.distinct(); len(got) != 0 {
			t.Fatalf("a press made while the bus was down was sent later: %+v", got)
		}
		p.press(t, keypad.Next)
		waitFor(t, "the answer", func() bool { return log.count("command done") == 1 })
	})
}

func TestOptsChecked(t *testing.T) {
	open := opener(newPad())
	for name, o := range map[string]counter.Opts{
		"no URL":     {Device: "ctr01", Center: center, Counter: 1, Open: open},
		"no device":  {URL: "tcp://x:1", Center: center, Counter: 1, Open: open},
		"bad center": {URL: "tcp://x:1", Device: "ctr01", Center: "a/b", Counter: 1, Open: open},
		"no counter": {URL: "tcp://x:1", Device: "ctr01", Center: center, Open: open},
		"no keypad":  {URL: "tcp://x:1", Device: "ctr01", Center: center, Counter: 1},
	} {
		if err := counter.Run(context.Background(), o); err == nil {
			t.Errorf("%s: Run started", name)
		}
	}
}

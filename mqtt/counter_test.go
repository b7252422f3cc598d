package mqtt_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpiotest"

	"tabour/counter"
	"tabour/devices/keypad"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// The counter keypad is a client app and may not import the appliance's
// bus; its end-to-end test lives here, beside the bus's own tests.

// syncLog is a log safe for concurrent writes.
type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }

func (l *syncLog) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.b.String(), s)
}

func (l *syncLog) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// gpioKeypad is a keypad.Dev on gpiotest pins: the test presses buttons
// by their pins' edges and reads the light's pin.
type gpioKeypad struct {
	dev   *keypad.Dev
	pins  map[keypad.Key]*gpiotest.Pin
	light *gpiotest.Pin
}

func newGPIOKeypad(t *testing.T) *gpioKeypad {
	t.Helper()
	g := &gpioKeypad{pins: map[keypad.Key]*gpiotest.Pin{}, light: &gpiotest.Pin{N: "GPIO24"}}
	in := map[keypad.Key]gpio.PinIn{}
	for k, name := range map[keypad.Key]string{keypad.Next: "GPIO17", keypad.Recall: "GPIO27", keypad.Done: "GPIO22", keypad.NoShow: "GPIO23"} {
		p := &gpiotest.Pin{N: name, EdgesChan: make(chan gpio.Level, 8)}
		g.pins[k], in[k] = p, p
	}
	o := keypad.DefaultOpts
	o.Poll = 20 * time.Millisecond
	dev, err := keypad.New(in, g.light, &o)
	if err != nil {
		t.Fatal(err)
	}
	g.dev = dev
	return g
}

// press pushes k's button down and lets it go once log shows one more
// line containing after.
func (g *gpioKeypad) press(t *testing.T, k keypad.Key, log *syncLog, after string) {
	t.Helper()
	p := g.pins[k]
	waitFor(t, "the keypad's pins set up", func() bool { p.Lock(); defer p.Unlock(); return p.P == gpio.PullUp })
	n := log.count(after)
	p.EdgesChan <- gpio.Low
	waitFor(t, "the press of "+k.String()+" handled: "+after, func() bool { return log.count(after) > n })
	p.EdgesChan <- gpio.High
}

func (g *gpioKeypad) lit() bool { return g.light.Read() == gpio.High }

// A counter keypad on the counter's own credential: "next" calls the first
// ticket at its counter, as the keypad, and its light comes on; "done"
// ends it and the light goes off. A press while the broker is down is
// refused with a log line and not replayed when the broker is back.
func TestCounterKeypad(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e, cfg := newRestartableEnv(t, kind)
		first, second := e.issue("BLD"), e.issue("BLD")

		kp := newGPIOKeypad(t)
		var log syncLog
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- counter.Run(ctx, counter.Opts{URL: e.url, Device: "ctr01", Password: password("ctr01"), Center: center,
				Counter: 1, Clock: e.clock, Logger: slog.New(slog.NewTextHandler(&log, nil)),
				Open:  func() (counter.Keypad, error) { return kp.dev, nil },
				Retry: 100 * time.Millisecond, Resend: 100 * time.Millisecond})
		}()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("counter: %v", err)
			}
			if kp.lit() {
				t.Error("the light stayed on after the keypad stopped")
			}
		}()
		waitFor(t, "the keypad on the bus", func() bool { return log.count("bus connected") == 1 })

		kp.press(t, keypad.Next, &log, "command done")
		tk := ticket(t, e, first.ID)
		if tk.State != queue.Called || tk.Counter != 1 {
			t.Fatalf("after next: %s is %s at %d, want called at 1\n%s", tk.Label, tk.State, tk.Counter, log.String())
		}
		cmds := e.rec.Messages()
		var actors []string
		for _, m := range cmds {
			if m.Topic == e.topics.Cmd("ctr01", contract.CmdNext) {
				var c contract.Command
				if err := json.Unmarshal(m.Payload, &c); err != nil {
					t.Fatal(err)
				}
				actors = append(actors, c.Actor)
			}
		}
		if len(actors) == 0 || actors[0] != counter.Actor {
			t.Errorf("next sent by %q, want %q", actors, counter.Actor)
		}
		waitFor(t, "the light on", kp.lit)

		kp.press(t, keypad.Done, &log, "command done")
		if tk := ticket(t, e, first.ID); tk.State != queue.Done {
			t.Fatalf("after done: %s is %s", tk.Label, tk.State)
		}
		waitFor(t, "the light off", func() bool { return !kp.lit() })

		// The broker stops: a press is refused, and not sent once it is back.
		events := len(allEvents(t, e.eng))
		if kind == mqtttest.Mosquitto {
			e.local.Stop()
		} else {
			e.stop() // the appliance's embedded broker goes with it
		}
		waitFor(t, "the link lost", func() bool { return log.count("bus lost") == 1 })
		kp.press(t, keypad.Next, &log, "press refused: the bus is down")
		if kind == mqtttest.Mosquitto {
			e.local.Start()
			start := time.Now()
			e.waitRetained(e.topics.Status("kiosk1"), `"online"`) // mosquitto here keeps no retained message across a restart
			t.Logf("the appliance back on mosquitto after %v", time.Since(start))
		} else {
			e.start(cfg)
		}
		waitFor(t, "the keypad back on the bus", func() bool { return log.count("bus connected") == 2 })
		time.Sleep(500 * time.Millisecond) // five resend periods
		if n := len(allEvents(t, e.eng)); n != events {
			t.Fatalf("%d events after a press while the broker was down, want none", n-events)
		}
		if tk := ticket(t, e, second.ID); tk.State != queue.Waiting {
			t.Fatalf("%s is %s after a press while the broker was down", tk.Label, tk.State)
		}

		// Pressed again with the broker back, next calls it.
		kp.press(t, keypad.Next, &log, "command done")
		if tk := ticket(t, e, second.ID); tk.State != queue.Called || tk.Counter != 1 {
			t.Fatalf("after next: %s is %s at %d", tk.Label, tk.State, tk.Counter)
		}
		waitFor(t, "the light on again", kp.lit)
		if n := log.count("command done"); n != 3 {
			t.Errorf("%d commands done, want 3:\n%s", n, log.String())
		}
	})
}

func ticket(t *testing.T, e *env, id int64) queue.Ticket {
	t.Helper()
	tk, err := e.eng.Ticket(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// freePort finds a free TCP port on 127.0.0.1.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

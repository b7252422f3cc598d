package keypad

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpiotest"
)

// testOpts debounce generously: the tests push edges with no gap, so only
// a scheduler stall longer than this could split a bounce.
var testOpts = Opts{Debounce: 50 * time.Millisecond, Poll: 20 * time.Millisecond, BlinkOn: time.Millisecond, BlinkOff: time.Millisecond}

type rig struct {
	pins    map[Key]*gpiotest.Pin
	presses chan Key
	cancel  context.CancelFunc
	done    chan error
}

// start runs a keypad of all four buttons and waits until its pins are
// configured (gpiotest's In flushes pending edges).
func start(t *testing.T) *rig {
	t.Helper()
	r := &rig{pins: map[Key]*gpiotest.Pin{}, presses: make(chan Key, 16), done: make(chan error, 1)}
	in := map[Key]gpio.PinIn{}
	for k, name := range map[Key]string{Next: "GPIO17", Recall: "GPIO27", Done: "GPIO22", NoShow: "GPIO23"} {
		p := &gpiotest.Pin{N: name, EdgesChan: make(chan gpio.Level, 32)}
		r.pins[k], in[k] = p, p
	}
	d, err := New(in, nil, &testOpts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- d.Run(ctx, r.presses) }()
	for _, p := range r.pins {
		for !configured(p) {
			time.Sleep(time.Millisecond)
		}
	}
	t.Cleanup(r.stop)
	return r
}

func configured(p *gpiotest.Pin) bool {
	p.Lock()
	defer p.Unlock()
	return p.P == gpio.PullUp
}

func (r *rig) stop() {
	r.cancel()
	<-r.done
}

// edges pushes levels onto k's pin back to back: "L" falls, "H" rises.
func (r *rig) edges(k Key, levels string) {
	for _, c := range levels {
		r.pins[k].EdgesChan <- gpio.Level(c == 'H')
	}
}

// expect waits for exactly want (in any order), then for quiet.
func (r *rig) expect(t *testing.T, want ...Key) {
	t.Helper()
	var got []Key
	timeout := time.After(2 * time.Second)
	for len(got) < len(want) {
		select {
		case k := <-r.presses:
			got = append(got, k)
		case <-timeout:
			t.Fatalf("presses %v, want %v", got, want)
		}
	}
	select {
	case k := <-r.presses:
		t.Fatalf("presses %v then %v, want only %v", got, k, want)
	case <-time.After(4 * testOpts.Debounce):
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("presses %v, want %v", got, want)
	}
}

func TestPress(t *testing.T) {
	r := start(t)
	r.edges(Next, "L")
	r.expect(t, Next)
	r.edges(Next, "H")
	r.expect(t)
	r.edges(Next, "L")
	r.expect(t, Next)
}

func TestBounce(t *testing.T) {
	r := start(t)
	r.edges(Recall, "LHLHLHL") // press bounce: one press
	r.expect(t, Recall)
	r.edges(Recall, "HLHLH") // release bounce: none
	r.expect(t)
	r.edges(Recall, "LHHL") // a second press, bouncing differently
	r.expect(t, Recall)
}

func TestGlitch(t *testing.T) {
	r := start(t)
	r.edges(Done, "LH") // noise that settles high
	r.expect(t)
}

// TestHeld: a button held for many debounce periods is one press.
func TestHeld(t *testing.T) {
	r := start(t)
	r.edges(NoShow, "LHL")
	r.expect(t, NoShow)
	time.Sleep(10 * testOpts.Poll)
	r.expect(t)
	r.edges(NoShow, "H")
	r.expect(t)
}

func TestSimultaneous(t *testing.T) {
	r := start(t)
	for k := range r.pins {
		r.edges(k, "LHL")
	}
	r.expect(t, Next, Recall, Done, NoShow)
}

func TestStop(t *testing.T) {
	r := start(t)
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("Run = %v", err)
		}
		r.done <- nil // for Cleanup
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return")
	}
}

func TestPinError(t *testing.T) {
	p := &gpiotest.Pin{N: "GPIO17"} // no EdgesChan: gpiotest refuses edges
	d, err := New(map[Key]gpio.PinIn{Next: p}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = d.Run(context.Background(), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "keypad: next button GPIO17(0): ") {
		t.Fatalf("Run = %v", err)
	}
}

func TestNewChecks(t *testing.T) {
	p := &gpiotest.Pin{N: "GPIO17"}
	for name, c := range map[string]struct {
		pins map[Key]gpio.PinIn
		opts *Opts
	}{
		"no buttons":   {nil, nil},
		"unknown key":  {map[Key]gpio.PinIn{Key(9): p}, nil},
		"nil pin":      {map[Key]gpio.PinIn{Next: nil}, nil},
		"zero timings": {map[Key]gpio.PinIn{Next: p}, &Opts{}},
	} {
		if _, err := New(c.pins, nil, c.opts); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
}

func TestKeyNames(t *testing.T) {
	for k := Next; k <= NoShow; k++ {
		got, err := ParseKey(k.String())
		if err != nil || got != k {
			t.Errorf("ParseKey(%q) = %v, %v", k.String(), got, err)
		}
	}
	if _, err := ParseKey("skip"); err == nil {
		t.Error("ParseKey(skip) succeeded")
	}
	if s := Key(0).String(); s != "key(0)" {
		t.Errorf("Key(0) = %q", s)
	}
}

// outPin records every level written to it.
type outPin struct {
	gpiotest.Pin
	mu     sync.Mutex
	levels []gpio.Level
}

func (p *outPin) Out(l gpio.Level) error {
	p.mu.Lock()
	p.levels = append(p.levels, l)
	p.mu.Unlock()
	return nil
}

func TestLight(t *testing.T) {
	for _, activeLow := range []bool{false, true} {
		light := &outPin{Pin: gpiotest.Pin{N: "GPIO24"}}
		var slept []time.Duration
		o := testOpts
		o.LightActiveLow, o.Sleep = activeLow, func(d time.Duration) { slept = append(slept, d) }
		d, err := New(map[Key]gpio.PinIn{Next: &gpiotest.Pin{}}, light, &o)
		if err != nil {
			t.Fatal(err)
		}
		d.Light(true)
		d.Blink(2)
		d.Light(false)
		on, off := gpio.Level(!activeLow), gpio.Level(activeLow)
		want := []gpio.Level{on, on, off, on, off, off}
		if !slices.Equal(light.levels, want) {
			t.Errorf("active low %v: levels %v, want %v", activeLow, light.levels, want)
		}
		if len(slept) != 4 {
			t.Errorf("slept %v, want 4 waits", slept)
		}
	}
}

func TestNoLight(t *testing.T) {
	d, _ := New(map[Key]gpio.PinIn{Next: &gpiotest.Pin{}}, nil, &testOpts)
	if d.Light(true) != nil || d.Blink(3) != nil {
		t.Fatal("a keypad without a light failed")
	}
}

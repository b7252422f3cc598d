package display_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"tabour/devices/audio"
	"tabour/devices/audio/audiotest"
	"tabour/devices/audio/voice"
	"tabour/devices/leddisplay"
	"tabour/devices/leddisplay/leddisplaytest"
	"tabour/display"
	"tabour/display/model"
	"tabour/mqtt/auth"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

const center = "ism-fayed"

var tp = contract.Topics{Center: center}

func password(id string) string { return "pw-" + id }

// startBroker runs an embedded broker that knows the hall display (hall1)
// and an appliance (kiosk1), whose messages the tests publish by hand.
func startBroker(t *testing.T) mqtttest.Broker {
	t.Helper()
	return startBrokerOf(t, mqtttest.Embedded)
}

func startBrokerOf(t *testing.T, kind mqtttest.Kind) mqtttest.Broker {
	t.Helper()
	var devs []auth.Device
	for _, d := range []auth.Device{{ID: "hall1", Role: auth.RoleDisplay}, {ID: "kiosk1", Role: auth.RoleAppliance}} {
		d.PasswordSHA256 = auth.HashPassword(password(d.ID))
		devs = append(devs, d)
	}
	reg, err := auth.NewRegistry(center, devs)
	if err != nil {
		t.Fatal(err)
	}
	return mqtttest.Start(t, kind, mqtttest.Opts{Registry: reg})
}

// appliance is a fake appliance publishing the hall's topics.
type appliance struct {
	t *testing.T
	c *client.Client
}

func newAppliance(t *testing.T, url string) *appliance {
	t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: "kiosk1-" + client.NewID()[:6], Username: "kiosk1",
		Password: password("kiosk1"), Retry: 50 * time.Millisecond})
	t.Cleanup(func() { c.Close(10 * time.Millisecond) })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	return &appliance{t: t, c: c}
}

func (a *appliance) publish(topic string, v any) {
	a.t.Helper()
	var b []byte
	switch v := v.(type) {
	case []byte:
		b = v
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			a.t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.c.PublishWait(ctx, client.Message{Topic: topic, Payload: b, QoS: 1, Retained: true}); err != nil {
		a.t.Fatal(err)
	}
}

func (a *appliance) online() {
	now := contract.At(time.Now())
	a.publish(tp.Status("kiosk1"), contract.Status{State: contract.Online, BootID: "b1", Version: "t", Since: now,
		HeartbeatAt: now, EveryS: 5})
}

func (a *appliance) call(counter int, ticket string, since time.Time) {
	a.publish(tp.Serving(counter), contract.Serving{Counter: counter, Ticket: ticket, Service: "BLD",
		State: contract.AtCounterCalled, CounterState: "open", Since: contract.At(since),
		Label: &contract.Text{AR: fmt.Sprintf("شباك %d", counter), EN: fmt.Sprintf("Window %d", counter)}})
}

func (a *appliance) idle(counter int, since time.Time) {
	a.publish(tp.Serving(counter), contract.Serving{Counter: counter, State: contract.AtCounterIdle,
		CounterState: "open", Since: contract.At(since)})
}

// frames keeps the frames a display gave OnFrame.
type frames struct {
	mu   sync.Mutex
	last model.Hall
	n    int
	hold chan struct{} // if set, OnFrame waits for a value
}

func (f *frames) on(h model.Hall) {
	f.mu.Lock()
	hold := f.hold
	f.mu.Unlock()
	if hold != nil {
		<-hold
	}
	f.mu.Lock()
	f.last, f.n = h, f.n+1
	f.mu.Unlock()
}

func (f *frames) get() (model.Hall, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last, f.n
}

// hall is a display under test.
type hall struct {
	svc    *display.Service
	sink   *audiotest.Sink
	led    *leddisplaytest.Display
	frames *frames
	pack   *audio.Pack
	stop   func()
}

func startHall(t *testing.T, url string, tune func(*display.Opts)) *hall {
	t.Helper()
	pack, err := voice.Pack()
	if err != nil {
		t.Fatal(err)
	}
	h := &hall{sink: audiotest.New(), led: leddisplaytest.NewDisplay(), frames: &frames{}, pack: pack}
	opts := display.Opts{URL: url, Username: "hall1", Password: password("hall1"), Retry: 50 * time.Millisecond,
		Center: center, Appliance: "kiosk1", Pack: pack, Sink: h.sink, LED: h.led, LEDRetry: 50 * time.Millisecond,
		OnFrame: h.frames.on, Tick: 50 * time.Millisecond}
	if tune != nil {
		tune(&opts)
	}
	h.svc, err = display.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.svc.Run(ctx) }()
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Error("the display did not stop within 5 s")
			}
		})
	}
	t.Cleanup(h.stop)
	return h
}

// eventually waits up to 10 s for ok.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// said is the WAV announcing ticket at counter in Arabic then English.
func (h *hall) said(t *testing.T, ticket string, counter int) []byte {
	t.Helper()
	seq, err := audio.Composer{}.ComposeAll([]string{"ar", "en"}, ticket, counter)
	if err != nil {
		t.Fatal(err)
	}
	wav, err := h.pack.Render(seq)
	if err != nil {
		t.Fatal(err)
	}
	return wav
}

// checkPlayed checks that the sink played exactly want, in order.
func (h *hall) checkPlayed(t *testing.T, want ...[]byte) {
	t.Helper()
	got := h.sink.Played()
	if len(got) != len(want) {
		t.Fatalf("%d announcements played, want %d", len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("announcement %d is not the one expected", i)
		}
	}
	if n := h.sink.Overlaps(); n != 0 {
		t.Errorf("%d announcements overlapped", n)
	}
}

func newestIs(h *hall, ticket string, counter int) func() bool {
	return func() bool {
		f, _ := h.frames.get()
		return f.Newest != nil && f.Newest.Ticket == ticket && f.Newest.Counter == counter
	}
}

func TestCallsAreHeardSeenAndShown(t *testing.T) {
	brk := startBroker(t)
	app := newAppliance(t, brk.URL())
	app.online()
	ewt := int64(300)
	app.publish(tp.Queue("BLD"), contract.Queue{Service: "BLD", Waiting: 4, EWTS: &ewt, AsOf: contract.At(time.Now()),
		Name: &contract.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"}})
	h := startHall(t, brk.URL(), nil)
	eventually(t, "a live link", func() bool { f, _ := h.frames.get(); return f.Link == model.Live })

	app.call(1, "A001", time.Now())
	app.call(2, "B001", time.Now())
	eventually(t, "B001 at window 2", newestIs(h, "B001", 2))
	eventually(t, "two announcements", func() bool { return len(h.sink.Played()) == 2 })
	h.checkPlayed(t, h.said(t, "A001", 1), h.said(t, "B001", 2))
	eventually(t, "the LED displays", func() bool { return h.led.Shown(1) == "A001" && h.led.Shown(2) == "B001" })

	f, _ := h.frames.get()
	if len(f.Recent) != 1 || f.Recent[0].Ticket != "A001" || f.Recent[0].Window.EN != "Window 1" {
		t.Errorf("recent %+v", f.Recent)
	}
	if f.Newest.Window.EN != "Window 2" || !f.Open {
		t.Errorf("newest %+v, open %v", *f.Newest, f.Open)
	}
	if len(f.Lines) != 1 || f.Lines[0].Waiting != 4 || f.Lines[0].Wait != 5*time.Minute || f.Lines[0].Name.EN != "Building permit" {
		t.Errorf("lines %+v", f.Lines)
	}

	app.idle(1, time.Now())
	eventually(t, "a blank LED display", func() bool { return h.led.Shown(1) == "" })
	if got := h.svc.Hall(); got.Newest == nil || got.Newest.Ticket != "B001" || len(got.Recent) != 1 {
		t.Errorf("the hall after counter 1 went idle: %+v", got)
	}
}

// Calls older than MaxAge at start are shown, not announced; the retained
// copies a reconnect brings are not announced again.
func TestOldAndRetainedCallsAreNotAnnounced(t *testing.T) {
	brk := startBroker(t)
	app := newAppliance(t, brk.URL())
	app.online()
	app.call(1, "A001", time.Now().Add(-5*time.Minute))
	h := startHall(t, brk.URL(), nil)
	eventually(t, "the old call shown", newestIs(h, "A001", 1))
	app.call(2, "B001", time.Now())
	eventually(t, "the new call shown", newestIs(h, "B001", 2))
	eventually(t, "the new call announced", func() bool { return len(h.sink.Played()) == 1 })

	brk.Stop()
	eventually(t, "bus lost", func() bool { f, _ := h.frames.get(); return f.Link == model.BusLost })
	brk.Start()
	app.online()
	app.call(2, "B001", time.Now().Add(-time.Second)) // what the broker might hold: an older since is dropped
	eventually(t, "a live link again", func() bool { f, _ := h.frames.get(); return f.Link == model.Live })
	time.Sleep(200 * time.Millisecond)
	h.checkPlayed(t, h.said(t, "B001", 2))
	if f, _ := h.frames.get(); f.Newest == nil || f.Newest.Ticket != "B001" || len(f.Recent) != 1 {
		t.Errorf("hall after the reconnect: %+v", f)
	}
}

// A call published while the display is subscribed is announced even if
// the appliance's clock is behind the display's; the same call found
// retained by a display that starts later is not.
func TestLiveCallsAreAnnouncedWhateverTheClock(t *testing.T) {
	for _, kind := range mqtttest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			brk := startBrokerOf(t, kind)
			app := newAppliance(t, brk.URL())
			app.online()
			h := startHall(t, brk.URL(), nil)
			eventually(t, "a live link", func() bool { f, _ := h.frames.get(); return f.Link == model.Live })
			app.call(1, "A001", time.Now().Add(-10*time.Minute))
			eventually(t, "the call announced", func() bool { return len(h.sink.Played()) == 1 })

			late := startHall(t, brk.URL(), nil)
			eventually(t, "the call shown", newestIs(late, "A001", 1))
			time.Sleep(100 * time.Millisecond)
			if n := len(late.sink.Played()); n != 0 {
				t.Errorf("a display started later announced the old call %d times", n)
			}
		})
	}
}

// The display says on status/hall1 that it runs, and that it stopped.
func TestDisplayStatus(t *testing.T) {
	brk := startBroker(t)
	app := newAppliance(t, brk.URL())
	h := startHall(t, brk.URL(), func(o *display.Opts) { o.Version = "1.2" })
	await := func(state string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := client.AwaitRetained(ctx, app.c, tp.Status("hall1"), func(p []byte, _ bool) bool {
			var s contract.Status
			return json.Unmarshal(p, &s) == nil && s.State == state && s.Version == "1.2" && s.BootID != ""
		})
		if err != nil {
			t.Fatalf("no status %s: %v", state, err)
		}
	}
	await(contract.Online)
	h.stop()
	await(contract.Offline)
}

// A failing LED display is tried again and holds up nothing.
func TestFailingLEDDisplayHoldsUpNothing(t *testing.T) {
	brk := startBroker(t)
	app := newAppliance(t, brk.URL())
	app.online()
	h := startHall(t, brk.URL(), nil)
	h.led.Fail(errors.New("leddisplay: no answer"))
	app.call(1, "A001", time.Now())
	eventually(t, "the call shown", newestIs(h, "A001", 1))
	eventually(t, "the call announced", func() bool { return len(h.sink.Played()) == 1 })
	eventually(t, "retries", func() bool { return h.led.Calls() >= 3 })
	h.led.Fail(nil)
	eventually(t, "the LED display", func() bool { return h.led.Shown(1) == "A001" })
}

// Each LED display is sent its text again every LEDRefresh.
func TestLEDDisplaysAreRefreshed(t *testing.T) {
	brk := startBroker(t)
	app := newAppliance(t, brk.URL())
	app.online()
	h := startHall(t, brk.URL(), func(o *display.Opts) { o.LEDRefresh = 50 * time.Millisecond })
	app.call(1, "A001", time.Now())
	eventually(t, "the LED display", func() bool { return h.led.Shown(1) == "A001" })
	n := h.led.Calls()
	eventually(t, "the text sent again", func() bool { return h.led.Calls() >= n+2 })
	if h.led.Shown(1) != "A001" {
		t.Errorf("LED 1 shows %q", h.led.Shown(1))
	}
}

// A pack without the clips of a language is refused at once.
func TestNewRefusesAPackWithoutTheLanguage(t *testing.T) {
	pack, err := voice.Pack()
	if err != nil {
		t.Fatal(err)
	}
	_, err = display.New(display.Opts{URL: "tcp://127.0.0.1:1", Center: center, Appliance: "kiosk1", Pack: pack,
		Sink: audiotest.New(), Langs: []string{"fr"}})
	if err == nil {
		t.Error("a display announcing in French with no French voice")
	}
	if _, err := display.New(display.Opts{URL: "tcp://127.0.0.1:1", Center: center, Appliance: "kiosk1",
		Pack: pack}); err == nil {
		t.Error("a pack without a sink")
	}
}

// slowLED is an LED display that takes a second per call.
type slowLED struct{ *leddisplaytest.Display }

func (d slowLED) Show(ctx context.Context, counter int, text string) error {
	select {
	case <-time.After(time.Second):
	case <-ctx.Done():
		return ctx.Err()
	}
	return d.Display.Show(ctx, counter, text)
}

func (d slowLED) Clear(ctx context.Context, counter int) error { return d.Show(ctx, counter, "") }

// A slow screen and a slow LED display hold up neither the bus nor the
// announcements; the screen skips to the latest frame.
func TestSlowScreenAndDisplaySkipToTheLatest(t *testing.T) {
	brk := startBroker(t)
	app := newAppliance(t, brk.URL())
	app.online()
	hold := make(chan struct{})
	var slow slowLED
	h := startHall(t, brk.URL(), func(o *display.Opts) {
		slow = slowLED{leddisplaytest.NewDisplay()}
		o.LED, o.LEDs = nil, map[int]leddisplay.CounterDisplay{1: slow}
	})
	h.frames.mu.Lock()
	h.frames.hold = hold // the screen is stuck from now on
	h.frames.mu.Unlock()
	time.Sleep(100 * time.Millisecond)
	for i := 1; i <= 3; i++ {
		app.call(1, fmt.Sprintf("A%03d", i), time.Now())
	}
	eventually(t, "three announcements", func() bool { return len(h.sink.Played()) == 3 })
	h.checkPlayed(t, h.said(t, "A001", 1), h.said(t, "A002", 1), h.said(t, "A003", 1))
	if got := h.svc.Hall(); got.Newest == nil || got.Newest.Ticket != "A003" {
		t.Errorf("hall %+v", got)
	}
	close(hold)
	eventually(t, "the latest frame", newestIs(h, "A003", 1))
	eventually(t, "the LED display shows the latest", func() bool { return slow.Shown(1) == "A003" })
}

// Garbage on the hall's topics is refused and changes nothing.
func TestGarbageChangesNothing(t *testing.T) {
	brk := startBroker(t)
	app := newAppliance(t, brk.URL())
	app.online()
	app.call(1, "A001", time.Now())
	h := startHall(t, brk.URL(), nil)
	eventually(t, "the call shown", newestIs(h, "A001", 1))
	for _, p := range []string{`garbage`, `{"counter":1,"ticket":"<script>","state":"called","counter_state":"open","since":"2026-11-22T09:00:00Z"}`,
		`{"counter":2,"ticket":"A009","state":"called","counter_state":"open","since":"2099-11-22T09:00:00Z"}`} {
		app.publish(tp.Serving(1), []byte(p))
	}
	app.call(3, "C001", time.Now()) // a marker: messages arrive in order
	eventually(t, "the marker", newestIs(h, "C001", 3))
	f, _ := h.frames.get()
	if len(f.Recent) != 1 || f.Recent[0].Ticket != "A001" {
		t.Errorf("recent %+v", f.Recent)
	}
	eventually(t, "two announcements", func() bool { return len(h.sink.Played()) == 2 })
	h.checkPlayed(t, h.said(t, "A001", 1), h.said(t, "C001", 3))
	if h.led.Shown(1) != "A001" {
		t.Errorf("LED 1 shows %q", h.led.Shown(1))
	}
}

package mqtt_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"tabour/devices/audio"
	"tabour/devices/audio/audiotest"
	"tabour/devices/audio/voice"
	"tabour/devices/leddisplay/leddisplaytest"
	"tabour/display"
	"tabour/display/model"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// The hall display is a client app and may not import the appliance's
// bus; its end-to-end test lives here, beside the bus's own tests.

// runHall runs a hall display (device hall1) on e's bus until the test
// ends, on e's clock, and waits until it shows a live link.
func runHall(t testing.TB, e *env, opts display.Opts) *display.Service {
	t.Helper()
	opts.URL, opts.Username, opts.Password = e.url, "hall1", password("hall1")
	opts.Center, opts.Appliance, opts.Now, opts.Retry = center, "kiosk1", e.clock.Now, 100*time.Millisecond
	svc, err := display.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("hall: %v", err)
		}
	})
	waitFor(t, "a live hall", func() bool { return svc.Hall().Link == model.Live })
	return svc
}

func waitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// latestHall keeps the last frame a display handed over.
type latestHall struct {
	mu sync.Mutex
	h  model.Hall
}

func (l *latestHall) set(h model.Hall) { l.mu.Lock(); l.h = h; l.mu.Unlock() }

func (l *latestHall) get() model.Hall { l.mu.Lock(); defer l.mu.Unlock(); return l.h }

// Two counters call within 100 ms: the hall shows both, newest first,
// with the queue, says both one after the other in order, and each
// counter's LED display shows its ticket.
func TestHallFollowsCounterCommands(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		// Three-digit numbers: what the voice reads and a 4-character
		// LED display shows.
		e := newEnv(t, kind, envOpts{upstreamDisabled: true,
			engine: func(o *queue.Options) { o.NumberMax, o.NumberWidth = 999, 3 }})
		e.issue("BLD")
		e.issue("BLD")
		e.issue("SHOP")
		pack, err := voice.Pack()
		if err != nil {
			t.Fatal(err)
		}
		sink := audiotest.New()
		sink.Hold, sink.Started = make(chan struct{}), make(chan []byte, 4)
		led := leddisplaytest.NewDisplay()
		var frame latestHall
		svc := runHall(t, e, display.Opts{Pack: pack, Sink: sink, LED: led, OnFrame: frame.set})

		c1, c3 := e.counter("ctr01"), e.counter("ctr03")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		r1, err := c1.Send(ctx, "next", nil)
		if err != nil || !r1.OK {
			t.Fatalf("next at 1: %+v, %v", r1, err)
		}
		r3, err := c3.Send(ctx, "next", nil)
		if err != nil || !r3.OK {
			t.Fatalf("next at 3: %+v, %v", r3, err)
		}
		t.Logf("%s: both calls answered %v after the first was sent", kind, time.Since(start))
		a, b := r1.Result.Ticket, r3.Result.Ticket

		waitFor(t, "both calls on the hall", func() bool {
			h := frame.get()
			return h.Newest != nil && h.Newest.Ticket == b && len(h.Recent) == 1
		})
		h := frame.get()
		if n := *h.Newest; n.Counter != 3 || n.Service != "BLD" || n.Recall {
			t.Errorf("newest %+v", n)
		}
		if r := h.Recent[0]; r.Ticket != a || r.Counter != 1 || r.Window.EN != "Window 1" {
			t.Errorf("recent %+v", r)
		}
		if !h.Open || h.Link != model.Live {
			t.Errorf("open %v, link %v", h.Open, h.Link)
		}
		waitFor(t, "the queues", func() bool {
			ls := svc.Hall().Lines
			return len(ls) == 2 && ls[0].Service == "BLD" && ls[0].Waiting == 0 && ls[1].Service == "SHOP" &&
				ls[1].Waiting == 1 && ls[0].Name.EN == "Building permit"
		})

		// The first announcement plays; the second waits for it.
		said := func(ticket string, counter int) []byte {
			seq, err := audio.Composer{}.ComposeAll([]string{"ar", "en"}, ticket, counter)
			if err != nil {
				t.Fatal(err)
			}
			wav, err := pack.Render(seq)
			if err != nil {
				t.Fatal(err)
			}
			return wav
		}
		next := func() []byte {
			select {
			case wav := <-sink.Started:
				return wav
			case <-time.After(10 * time.Second):
				t.Fatal("no announcement")
				return nil
			}
		}
		if !bytes.Equal(next(), said(a, 1)) {
			t.Errorf("the first announcement is not %s to window 1", a)
		}
		select {
		case <-sink.Started:
			t.Fatal("the second announcement began while the first played")
		case <-time.After(100 * time.Millisecond):
		}
		sink.Hold <- struct{}{}
		if !bytes.Equal(next(), said(b, 3)) {
			t.Errorf("the second announcement is not %s to window 3", b)
		}
		sink.Hold <- struct{}{}
		waitFor(t, "two announcements played", func() bool { return len(sink.Played()) == 2 })
		if n := sink.Overlaps(); n != 0 {
			t.Errorf("%d overlaps", n)
		}
		waitFor(t, "the LED displays", func() bool { return led.Shown(1) == a && led.Shown(3) == b })
		if led.Shown(2) != "" {
			t.Errorf("LED 2 shows %q", led.Shown(2))
		}

		// Done at counter 1 blanks its LED display; the hall keeps the call.
		if r, err := c1.Send(ctx, "done", nil); err != nil || !r.OK {
			t.Fatalf("done at 1: %+v, %v", r, err)
		}
		waitFor(t, "a blank LED display", func() bool { return led.Shown(1) == "" })
		if h := svc.Hall(); h.Newest == nil || h.Newest.Ticket != b || len(h.Recent) != 1 {
			t.Errorf("hall after done: %+v", h)
		}
	})
}

// A ticket transferred to another window is announced at that window and
// listed once; a recall is announced again as a recall.
func TestHallFollowsTransferAndRecall(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true,
			engine: func(o *queue.Options) { o.NumberMax, o.NumberWidth = 999, 3 }})
		e.issue("BLD")
		pack, err := voice.Pack()
		if err != nil {
			t.Fatal(err)
		}
		sink := audiotest.New()
		led := leddisplaytest.NewDisplay()
		svc := runHall(t, e, display.Opts{Pack: pack, Sink: sink, LED: led})
		c1, c3 := e.counter("ctr01"), e.counter("ctr03")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		send := func(k *client.Commander, name string, args any) string {
			t.Helper()
			r, err := k.Send(ctx, name, args)
			if err != nil || !r.OK {
				t.Fatalf("%s: %+v, %v", name, r, err)
			}
			return r.Result.Ticket
		}
		a := send(c1, "next", nil)
		waitFor(t, "the call at window 1", func() bool { h := svc.Hall(); return h.Newest != nil && h.Newest.Counter == 1 })
		send(c1, "transfer", map[string]any{"to_counter": 3})
		waitFor(t, "LED 1 blank", func() bool { return led.Shown(1) == "" })
		if b := send(c3, "next", nil); b != a {
			t.Fatalf("counter 3 called %s, not the transferred %s", b, a)
		}
		waitFor(t, "the call at window 3", func() bool { h := svc.Hall(); return h.Newest != nil && h.Newest.Counter == 3 })
		// The announcer merges a call with the same one still waiting: let
		// it play before the recall.
		waitFor(t, "two announcements", func() bool { return len(sink.Played()) == 2 })
		send(c3, "recall", nil)
		waitFor(t, "the recall", func() bool { h := svc.Hall(); return h.Newest != nil && h.Newest.Recall })
		h := svc.Hall()
		if n := *h.Newest; n.Ticket != a || n.Counter != 3 || len(h.Recent) != 0 {
			t.Errorf("hall %+v, want %s at window 3 once", h, a)
		}
		waitFor(t, "three announcements", func() bool { return len(sink.Played()) == 3 })
		var want [][]byte
		for _, counter := range []int{1, 3, 3} {
			seq, err := audio.Composer{}.ComposeAll([]string{"ar", "en"}, a, counter)
			if err != nil {
				t.Fatal(err)
			}
			wav, err := pack.Render(seq)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, wav)
		}
		for i, got := range sink.Played() {
			if !bytes.Equal(got, want[i]) {
				t.Errorf("announcement %d is not the expected one", i)
			}
		}
		if led.Shown(3) != a {
			t.Errorf("LED 3 shows %q, want %q", led.Shown(3), a)
		}
	})
}

// BenchmarkCommandToHall measures a counter's "next" from the counter's
// publish until the hall display hands its screen a frame with the
// ticket called ("hall"), interleaved in the same run with the raw floor:
// a QoS 1 publish from the same counter client to a client of the
// display's credential through the same broker ("raw"). For the same
// commands it reports when serving/1 reached that plain client
// ("serving", as BenchmarkCommandToServing measures it) and, per
// command, hall − serving ("display"): the display's own share, decoding,
// tracking and handing over a frame (negative when the display's client
// happened to get the message first).
// Run: go test -run '^$' -bench CommandToHall -benchtime 2000x ./mqtt
func BenchmarkCommandToHall(b *testing.B) {
	for _, kind := range mqtttest.Kinds() {
		b.Run(string(kind), func(b *testing.B) { benchCommandToHall(b, kind) })
	}
}

// stamped is a ticket and when it was seen.
type stamped struct {
	ticket string
	at     time.Time
}

func benchCommandToHall(b *testing.B, kind mqtttest.Kind) {
	// The clock is set before the bus starts: the display drops a
	// counter's message older than the one it has, and the bus stamps
	// each counter's state when it starts.
	e := newEnv(b, kind, envOpts{upstreamDisabled: true, queueInterval: 250 * time.Millisecond, clock: benchClock(b)})
	for range b.N + 1 {
		e.issue("BLD")
	}
	called := make(chan stamped, 64)
	runHall(b, e, display.Opts{Tick: time.Hour, OnFrame: func(h model.Hall) {
		if h.Newest != nil {
			select {
			case called <- stamped{h.Newest.Ticket, time.Now()}:
			default:
			}
		}
	}})
	raw := make(chan []byte, 16)
	serving := make(chan stamped, 64)
	floor := e.client(e.url, "hall1")
	must(b, floor.Handle(e.topics.Status("ctr01"), 1, func(m client.Message) { raw <- m.Payload }))
	must(b, floor.Handle(e.topics.Serving(1), 1, func(m client.Message) {
		var s struct{ Ticket string }
		_ = json.Unmarshal(m.Payload, &s)
		serving <- stamped{s.Ticket, time.Now()}
	}))
	counter := e.client(e.url, "ctr01")
	k := commandPayloads(b, e)
	status := []byte(fmt.Sprintf(`{"state":"online","boot_id":"bench","version":"bench","since":%q}`,
		time.Now().UTC().Format("2006-01-02T15:04:05.000Z")))
	time.Sleep(200 * time.Millisecond)
	var last stamped
	var hallLat, servLat, rawLat, ownLat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		rawLat = append(rawLat, roundTrip(b, counter, client.Message{Topic: e.topics.Status("ctr01"), Payload: status, QoS: 1}, raw))
		start := time.Now()
		counter.Publish(client.Message{Topic: e.topics.Cmd("ctr01", "next"), Payload: k(i), QoS: 1})
		last = awaitNewCall(b, called, last.ticket)
		hallLat = append(hallLat, last.at.Sub(start))
		s := awaitNewCall(b, serving, "")
		for s.ticket != last.ticket {
			s = awaitNewCall(b, serving, "")
		}
		servLat = append(servLat, s.at.Sub(start))
		ownLat = append(ownLat, last.at.Sub(s.at))
	}
	b.StopTimer()
	report(b, "hall", hallLat, "raw", rawLat)
	for _, p := range []float64{0.5, 0.99} {
		b.ReportMetric(float64(pct(servLat, p).Microseconds()), fmt.Sprintf("serving-p%d-µs", int(p*100)))
		b.ReportMetric(float64(pct(ownLat, p).Microseconds()), fmt.Sprintf("display-p%d-µs", int(p*100)))
	}
}

// awaitNewCall waits for a ticket that is not last.
func awaitNewCall(b *testing.B, ch chan stamped, last string) stamped {
	timeout := time.After(10 * time.Second)
	for {
		select {
		case s := <-ch:
			if s.ticket != last {
				return s
			}
		case <-timeout:
			b.Fatal("no new call")
			return stamped{}
		}
	}
}

// The hall follows the manager's ticker and announcement sent by the
// console: the line replaces the configured one, the announcement shows
// and is chimed once.
func TestHallFollowsManagerNotices(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		pack, err := voice.Pack()
		if err != nil {
			t.Fatal(err)
		}
		sink := audiotest.New()
		svc := runHall(t, e, display.Opts{Pack: pack, Sink: sink})
		con := e.counter("con1")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		line := contract.Text{AR: "يغلق المركز الساعة ٢ اليوم", EN: "The center closes at 2 pm today"}
		if r, err := con.SendAs(ctx, "manager", contract.CmdTicker, contract.Args{Text: &line}); err != nil || !r.OK {
			t.Fatalf("ticker: %+v, %v", r, err)
		}
		waitFor(t, "the ticker on the hall", func() bool { h := svc.Hall(); return h.Ticker != nil && *h.Ticker == line })
		msg := contract.Text{AR: "برجاء الانتظار", EN: "Please wait"}
		if r, err := con.SendAs(ctx, "manager", contract.CmdAnnounce, contract.Args{Text: &msg}); err != nil || !r.OK {
			t.Fatalf("announce: %+v, %v", r, err)
		}
		waitFor(t, "the announcement on the hall", func() bool { h := svc.Hall(); return h.Notice != nil && h.Notice.Text == msg })
		chime, err := pack.Render([]audio.ClipID{audio.Chime})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the chime", func() bool { return len(sink.Played()) == 1 })
		if !bytes.Equal(sink.Played()[0], chime) {
			t.Error("the hall played something else than the chime")
		}
		if r, err := con.SendAs(ctx, "manager", contract.CmdTicker, contract.Args{}); err != nil || !r.OK {
			t.Fatalf("clear the ticker: %+v, %v", r, err)
		}
		waitFor(t, "the configured line again", func() bool { return svc.Hall().Ticker == nil })
		if n := len(sink.Played()); n != 1 {
			t.Errorf("%d sounds played, want the one chime", n)
		}
	})
}

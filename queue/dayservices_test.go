package queue_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"tabour/lang"
	"tabour/queue"
)

// countersToday returns CountersToday by number.
func (f *fixture) countersToday() map[int]queue.CounterToday {
	f.t.Helper()
	list, err := f.CountersToday(f.ctx)
	f.must(err)
	out := map[int]queue.CounterToday{}
	for _, c := range list {
		out[c.Number] = c
	}
	return out
}

func (f *fixture) eventsOf(typ string) []queue.Event {
	f.t.Helper()
	evs, err := f.Events(f.ctx, 0, 10000)
	f.must(err)
	var out []queue.Event
	for _, ev := range evs {
		if ev.Type == typ {
			out = append(out, ev)
		}
	}
	return out
}

func (f *fixture) verify() {
	f.t.Helper()
	rep, err := f.Verify(f.ctx)
	f.must(err)
	if !rep.OK() {
		f.t.Fatalf("audit chain broken: %+v", rep.Broken)
	}
}

func TestCounterServicesTodayRoutesForTheDayOnly(t *testing.T) {
	f := newFixture(t, nil) // counter 3 serves BLD only
	out := f.issue("OUT", "")
	f.clock.Advance(time.Minute)
	if _, err := f.CallNext(f.ctx, 3); !errors.Is(err, queue.ErrNoneWaiting) {
		t.Fatalf("counter 3 before the change: %v, want none waiting", err)
	}
	want := []queue.CounterService{{Code: "OUT", Weight: 3}, {Code: "BLD", Weight: 1}}
	ctx := queue.WithIssuer(f.ctx, "console", "c-1", "manager")
	f.must(f.SetCounterServicesToday(ctx, 3, want))

	ct := f.countersToday()[3]
	sorted := []queue.CounterService{{Code: "BLD", Weight: 1}, {Code: "OUT", Weight: 3}}
	if !ct.Override || !slices.Equal(ct.Services, sorted) || !slices.Equal(ct.Catalog, []queue.CounterService{{Code: "BLD", Weight: 1}}) {
		t.Fatalf("counter 3 today = %+v", ct)
	}
	if c1 := f.countersToday()[1]; c1.Override || len(c1.Services) != 2 {
		t.Fatalf("counter 1 today = %+v, want the catalog's", c1)
	}
	ctrs, err := f.Counters(f.ctx)
	f.must(err)
	if !slices.Equal(ctrs[2].Services, sorted) {
		t.Fatalf("Counters()[2] = %+v", ctrs[2])
	}

	if got := f.call(3); got.ID != out.ID {
		t.Fatalf("counter 3 called %s, want %s of its new service", got.Label, out.Label)
	}
	// The day's weight counts: BLD waits 3 min (×1), OUT 2 min (×3).
	f.issue("BLD", "")
	f.clock.Advance(time.Minute)
	out2 := f.issue("OUT", "")
	f.clock.Advance(2 * time.Minute)
	if got := f.call(3); got.ID != out2.ID {
		t.Fatalf("counter 3 called %s, want %s by its weight today", got.Label, out2.Label)
	}
	// A transfer to counter 3 for OUT is accepted today.
	f.issue("SHOP", "")
	f.call(1)
	if _, err := f.Transfer(f.ctx, 1, "OUT", 3); err != nil {
		t.Fatalf("transfer to counter 3 for OUT: %v", err)
	}

	evs := f.eventsOf(queue.EvCounterServices)
	if len(evs) != 1 || evs[0].Counter != 3 {
		t.Fatalf("counter.services events = %+v", evs)
	}
	var d struct {
		Actor          string
		Day            string
		From, Services []queue.CounterService
	}
	if err := json.Unmarshal([]byte(evs[0].Data), &d); err != nil {
		t.Fatal(err)
	}
	var issued struct {
		IssuedBy string `json:"issued_by"`
	}
	_ = json.Unmarshal([]byte(evs[0].Data), &issued)
	if d.Actor != "manager" || issued.IssuedBy != "console" || d.Day != "2026-11-22" ||
		!slices.Equal(d.Services, sorted) || !slices.Equal(d.From, []queue.CounterService{{Code: "BLD", Weight: 1}}) {
		t.Fatalf("event data = %s", evs[0].Data)
	}

	// The next service day serves the catalog's list again.
	f.clock.Advance(24 * time.Hour)
	if ct := f.countersToday()[3]; ct.Override || !slices.Equal(ct.Services, []queue.CounterService{{Code: "BLD", Weight: 1}}) {
		t.Fatalf("counter 3 the next day = %+v", ct)
	}
	f.issue("OUT", "")
	if _, err := f.CallNext(f.ctx, 3); !errors.Is(err, queue.ErrNoneWaiting) {
		t.Fatalf("counter 3 the next day: %v, want none waiting (OUT is not its service)", err)
	}
	f.verify()
}

func TestCounterServicesTodayRefusals(t *testing.T) {
	f := newFixture(t, nil)
	f.must(f.SetCounterServicesToday(f.ctx, 2, []queue.CounterService{{Code: "BLD", Weight: 2}}))
	before := f.countersToday()
	n := len(f.eventsOf(queue.EvCounterServices))
	for _, c := range []struct {
		name    string
		counter int
		svcs    []queue.CounterService
		want    error
	}{
		{"unknown service", 2, []queue.CounterService{{Code: "NOPE", Weight: 1}}, queue.ErrUnknownService},
		{"unknown counter", 9, []queue.CounterService{{Code: "BLD", Weight: 1}}, queue.ErrUnknownCounter},
		{"empty", 2, nil, queue.ErrInvalid},
		{"weight 0", 2, []queue.CounterService{{Code: "BLD", Weight: 0}}, queue.ErrInvalid},
		{"weight 10", 2, []queue.CounterService{{Code: "BLD", Weight: 10}}, queue.ErrInvalid},
		{"twice", 2, []queue.CounterService{{Code: "BLD", Weight: 1}, {Code: "BLD", Weight: 2}}, queue.ErrInvalid},
	} {
		if err := f.SetCounterServicesToday(f.ctx, c.counter, c.svcs); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	after := f.countersToday()
	for num, c := range before {
		if a := after[num]; a.Override != c.Override || !slices.Equal(a.Services, c.Services) {
			t.Errorf("counter %d changed by a refusal: %+v → %+v", num, c, a)
		}
	}
	if got := len(f.eventsOf(queue.EvCounterServices)); got != n {
		t.Fatalf("%d counter.services events after refusals, want %d", got, n)
	}
	f.verify()
}

func TestHallTickerAndAnnouncement(t *testing.T) {
	f := newFixture(t, nil)
	h, err := f.Hall(f.ctx)
	f.must(err)
	if h.Ticker != nil || h.Announcement != nil {
		t.Fatalf("hall of a new day = %+v", h)
	}
	line := lang.Text{AR: "يغلق المركز الساعة ٢ ظهرا اليوم", EN: "The center closes at 2 pm today"}
	f.must(f.SetHallTicker(queue.WithIssuer(f.ctx, "console", "c-1", "manager"), line))
	a, err := f.Announce(f.ctx, lang.Text{AR: "برجاء الانتظار", EN: "Please wait"})
	f.must(err)
	h, err = f.Hall(f.ctx)
	f.must(err)
	if h.Ticker == nil || *h.Ticker != line || h.Announcement == nil || !h.Announcement.At.Equal(a.At) || h.Announcement.ID != a.ID || h.Announcement.Text != a.Text || a.ID == "" {
		t.Fatalf("hall = %+v, announced %+v", h, a)
	}
	if ev := f.eventsOf(queue.EvHallTicker); len(ev) != 1 || !json.Valid([]byte(ev[0].Data)) {
		t.Fatalf("ticker events %+v", ev)
	} else if txt, ok := queue.HallText(ev[0]); !ok || txt != line {
		t.Fatalf("ticker event text %+v", txt)
	}

	long := lang.Text{EN: string(make([]rune, queue.MaxHallText+1))}
	if err := f.SetHallTicker(f.ctx, long); !errors.Is(err, queue.ErrInvalid) {
		t.Fatalf("long ticker: %v", err)
	}
	if _, err := f.Announce(f.ctx, lang.Text{AR: " "}); !errors.Is(err, queue.ErrInvalid) {
		t.Fatalf("empty announcement: %v", err)
	}
	f.must(f.SetHallTicker(f.ctx, lang.Text{}))
	if h, _ = f.Hall(f.ctx); h.Ticker != nil {
		t.Fatalf("ticker after clearing = %+v", h.Ticker)
	}
	f.must(f.SetHallTicker(f.ctx, line))
	f.clock.Advance(24 * time.Hour)
	if h, _ = f.Hall(f.ctx); h.Ticker != nil || h.Announcement != nil {
		t.Fatalf("hall the next day = %+v", h)
	}
	f.verify()
}

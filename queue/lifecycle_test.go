package queue_test

import (
	"errors"
	"testing"
	"time"

	"tabour/queue"
)

func TestNumberingPerServiceDay(t *testing.T) {
	f := newFixture(t, nil)
	a1, a2, b1 := f.issue("BLD", ""), f.issue("BLD", ""), f.issue("SHOP", "")
	if a1.Label != "A001" || a2.Label != "A002" || b1.Label != "B001" {
		t.Fatalf("labels %s %s %s", a1.Label, a2.Label, b1.Label)
	}
	if a1.Ref != "20261122-A001" || a1.Day != "2026-11-22" {
		t.Fatalf("ref %q day %q", a1.Ref, a1.Day)
	}
	f.clock.Advance(24 * time.Hour)
	if a := f.issue("BLD", ""); a.Label != "A001" || a.Day != "2026-11-23" {
		t.Fatalf("next day: %s %s", a.Label, a.Day)
	}
}

func TestDayStartOffset(t *testing.T) {
	f := newFixture(t, func(o *queue.Options) { o.DayStart = 4 * time.Hour })
	f.clock.Advance(17 * time.Hour) // 02:00 the next morning: still the 22nd's service day
	if a := f.issue("BLD", ""); a.Day != "2026-11-22" {
		t.Fatalf("day %s", a.Day)
	}
}

func TestNumberingWrapsSkippingOpenTicketsThenWidens(t *testing.T) {
	f := newFixture(t, func(o *queue.Options) { o.NumberMin, o.NumberMax = 1, 4 })
	for range 4 {
		f.issue("BLD", "")
	}
	for range 4 {
		f.call(3) // A001–A003 passed over; A004 called: still in use
	}
	// One of four numbers open: the range wraps to A001 in cycle 1.
	got := f.issue("BLD", "")
	if got.Label != "A001" || got.Ref != "20261122-A001-1" {
		t.Fatalf("wrapped to %s (%s), want A001 in cycle 1", got.Label, got.Ref)
	}
	f.issue("BLD", "")
	f.issue("BLD", "")
	// A004 is still open and the range is used up again with all four
	// numbers open: rather than refuse, numbering goes on past the range.
	if got := f.issue("BLD", ""); got.Label != "A005" || got.Ref != "20261122-A005-1" {
		t.Fatalf("after the range: %s (%s), want A005 in cycle 1", got.Label, got.Ref)
	}
	evs, err := f.Events(f.ctx, 0, 1000)
	f.must(err)
	wraps := 0
	for _, ev := range evs {
		if ev.Type == queue.EvWrapped {
			wraps++
		}
	}
	if wraps != 1 {
		t.Fatalf("%d numbering.wrapped warnings, want 1", wraps)
	}
}

// TestNumbersNeverRunOut: a 5 000-ticket day at a big center, where one
// service has 1 000 tickets open at once on the default range A001–A999,
// issues every ticket, and no label is held by two open tickets.
func TestNumbersNeverRunOut(t *testing.T) {
	f := newFixture(t, nil)
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterClosed, ""))
	f.must(f.SetCounterState(f.ctx, 2, queue.CounterClosed, "")) // counter 3 alone serves BLD
	open := map[string]int64{}                                   // label → id of the open BLD ticket
	issued := 0
	issue := func(service string) {
		t.Helper()
		f.clock.Advance(time.Second)
		tk, err := f.Issue(f.ctx, queue.IssueRequest{Service: service})
		if err != nil {
			t.Fatalf("ticket %d of the day: %v", issued+1, err)
		}
		issued++
		if service != "BLD" {
			return
		}
		if id, ok := open[tk.Label]; ok {
			t.Fatalf("%s issued while ticket %d still holds it", tk.Label, id)
		}
		open[tk.Label] = tk.ID
	}
	var current string // the ticket called at counter 3: open until the next call
	call := func() {
		t.Helper()
		f.clock.Advance(time.Second)
		tk := f.call(3) // passes over the one called before
		delete(open, current)
		current = tk.Label
	}
	for range 1_000 { // the morning rush: 1 000 open at once
		issue("BLD")
	}
	if len(open) != 1_000 {
		t.Fatalf("%d open, want 1 000", len(open))
	}
	for issued < 5_000 { // the day goes on: a BLD ticket called for each one issued
		svc := []string{"BLD", "SHOP", "BLD", "OUT"}[issued%4]
		issue(svc)
		if svc == "BLD" {
			call()
		}
	}
	if len(open) < 990 {
		t.Fatalf("%d BLD tickets open at the end, want about 1 000", len(open))
	}
}

func TestLifecycleDone(t *testing.T) {
	f := newFixture(t, nil)
	a := f.issue("BLD", "")
	f.clock.Advance(5 * time.Minute)
	c := f.call(1)
	if c.ID != a.ID || c.State != queue.Called || c.Counter != 1 || c.CallReason != queue.ReasonFIFO {
		t.Fatalf("called %+v", c)
	}
	f.clock.Advance(30 * time.Second)
	r, err := f.Recall(f.ctx, 1)
	f.must(err)
	if r.Recalls != 1 {
		t.Fatalf("recalls %d", r.Recalls)
	}
	f.clock.Advance(30 * time.Second)
	s, err := f.Start(f.ctx, 1)
	f.must(err)
	if s.State != queue.Serving {
		t.Fatalf("state %s", s.State)
	}
	f.clock.Advance(8 * time.Minute)
	d, err := f.Done(f.ctx, 1)
	f.must(err)
	if d.State != queue.Done || d.EndedAt.Sub(d.StartedAt) != 8*time.Minute || d.FirstCalledAt.Sub(d.IssuedAt) != 5*time.Minute {
		t.Fatalf("done %+v", d)
	}
	types := eventTypes(t, f, a.ID)
	want := []string{queue.EvIssued, queue.EvCalled, queue.EvRecalled, queue.EvStarted, queue.EvDone}
	if !equal(types, want) {
		t.Fatalf("events %v, want %v", types, want)
	}
	if _, err := f.Done(f.ctx, 1); !errors.Is(err, queue.ErrCounterIdle) {
		t.Fatalf("done on idle counter: %v", err)
	}
}

func TestWrongStateChangesNothing(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	f.call(1)
	f.must(ignore(f.Start(f.ctx, 1)))
	before := countEvents(t, f)
	if _, err := f.Recall(f.ctx, 1); !errors.Is(err, queue.ErrWrongState) {
		t.Fatalf("recall while serving: %v", err)
	}
	if _, err := f.NoShow(f.ctx, 1); !errors.Is(err, queue.ErrWrongState) {
		t.Fatalf("no-show while serving: %v", err)
	}
	if _, err := f.Start(f.ctx, 1); !errors.Is(err, queue.ErrWrongState) {
		t.Fatalf("start twice: %v", err)
	}
	if countEvents(t, f) != before {
		t.Fatal("a refused command wrote events")
	}
}

func TestNoShowRecyclesOnceThenFinal(t *testing.T) {
	f := newFixture(t, nil) // RecycleNoShows = 1
	a := f.issue("BLD", "")
	f.issue("BLD", "")
	f.call(1)
	f.clock.Advance(2 * time.Minute)
	ns, err := f.NoShow(f.ctx, 1)
	f.must(err)
	if ns.State != queue.Waiting || ns.NoShows != 1 {
		t.Fatalf("after first no-show: %s %d", ns.State, ns.NoShows)
	}
	if next := f.call(1); next.Label != "A002" {
		t.Fatalf("recycled ticket should go to the back; called %s", next.Label)
	}
	f.must(ignore(f.Done(f.ctx, 1)))
	if again := f.call(1); again.ID != a.ID {
		t.Fatalf("called %s, want recycled A001", again.Label)
	}
	final, err := f.NoShow(f.ctx, 1)
	f.must(err)
	if final.State != queue.NoShow {
		t.Fatalf("second no-show: %s", final.State)
	}
}

func TestTransferKeepsNumberAndPlace(t *testing.T) {
	f := newFixture(t, nil)
	a := f.issue("BLD", "")
	f.clock.Advance(time.Minute)
	f.issue("SHOP", "")
	f.call(1)
	tr, err := f.Transfer(f.ctx, 1, "SHOP", 0)
	f.must(err)
	if tr.Label != "A001" || tr.Service != "SHOP" || tr.State != queue.Waiting || tr.Transfers != 1 {
		t.Fatalf("transferred %+v", tr)
	}
	if got := f.call(2); got.ID != a.ID {
		t.Fatalf("counter 2 called %s; the transferred ticket keeps its place by issue time", got.Label)
	}
	// SHOP's own numbering is unaffected: B002 next, no collision with A001's number.
	if b := f.issue("SHOP", ""); b.Label != "B002" {
		t.Fatalf("next SHOP %s", b.Label)
	}
}

func TestTransferToOneCounter(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	f.call(1)
	f.must(ignore(f.Transfer(f.ctx, 1, "", 3)))
	if _, err := f.CallNext(f.ctx, 1); !errors.Is(err, queue.ErrNoneWaiting) {
		t.Fatalf("counter 1 must not take a ticket sent to counter 3: %v", err)
	}
	if got := f.call(3); got.Label != "A001" {
		t.Fatalf("counter 3 called %s", got.Label)
	}
	if _, err := f.Transfer(f.ctx, 3, "OUT", 1); !errors.Is(err, queue.ErrNotServedHere) {
		t.Fatalf("transfer to a counter that does not serve the service: %v", err)
	}
}

func TestHoldAndReturn(t *testing.T) {
	f := newFixture(t, nil)
	a := f.issue("BLD", "")
	f.call(1)
	h, err := f.Hold(f.ctx, 1)
	f.must(err)
	if h.State != queue.Held {
		t.Fatalf("state %s", h.State)
	}
	f.issue("BLD", "")
	f.must(ignore(f.Return(f.ctx, a.ID)))
	if got := f.call(1); got.ID != a.ID {
		t.Fatalf("returned ticket keeps its place; called %s", got.Label)
	}
}

func TestCancel(t *testing.T) {
	f := newFixture(t, nil)
	a := f.issue("BLD", "")
	if _, err := f.Cancel(f.ctx, a.ID, "citizen left"); !errors.Is(err, queue.ErrInvalid) {
		t.Fatalf("free text as the reason: %v", err)
	}
	c, err := f.CancelNote(f.ctx, a.ID, "left", "said she would come back tomorrow")
	f.must(err)
	evs, err := f.TicketEvents(f.ctx, a.ID)
	f.must(err)
	last := evs[len(evs)-1]
	if n, err := f.EventNote(f.ctx, last.ID); err != nil || last.Reason != "left" || n.Text != "said she would come back tomorrow" {
		t.Fatalf("cancel event %+v note %+v, %v", last, n, err)
	}
	if c.State != queue.Cancelled {
		t.Fatal(c.State)
	}
	if _, err := f.CallNext(f.ctx, 1); !errors.Is(err, queue.ErrNoneWaiting) {
		t.Fatalf("cancelled ticket called: %v", err)
	}
	if _, err := f.Cancel(f.ctx, a.ID, ""); !errors.Is(err, queue.ErrWrongState) {
		t.Fatalf("cancel twice: %v", err)
	}
}

func TestDayCloseExpiresOpenTickets(t *testing.T) {
	f := newFixture(t, nil)
	a := f.issue("BLD", "")
	b := f.issue("SHOP", "")
	f.call(1) // a called, never finished
	f.clock.Advance(24 * time.Hour)
	f.must(f.CloseDay(f.ctx))
	for _, id := range []int64{a.ID, b.ID} {
		tk, err := f.Ticket(f.ctx, id)
		f.must(err)
		if tk.State != queue.Expired {
			t.Fatalf("%s is %s after day close", tk.Label, tk.State)
		}
	}
	if _, err := f.Done(f.ctx, 1); !errors.Is(err, queue.ErrCounterIdle) {
		t.Fatalf("counter still holds an expired ticket: %v", err)
	}
}

func TestDedupByNationalIDHash(t *testing.T) {
	f := newFixture(t, nil)
	req := queue.IssueRequest{Service: "BLD", NIDHash: "k1:3f9a"}
	first, err := f.Issue(f.ctx, req)
	f.must(err)
	_, err = f.Issue(f.ctx, req)
	var dup *queue.DuplicateError
	if !errors.As(err, &dup) || dup.Existing.ID != first.ID {
		t.Fatalf("repeat ticket: %v", err)
	}
	if other, err := f.Issue(f.ctx, queue.IssueRequest{Service: "SHOP", NIDHash: req.NIDHash}); err != nil || other.Label != "B001" {
		t.Fatalf("another service is allowed: %v", err)
	}
	f.clock.Advance(11 * time.Minute)
	if _, err := f.Issue(f.ctx, req); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestCounterStates(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	if err := f.SetCounterState(f.ctx, 1, queue.CounterPaused, ""); !errors.Is(err, queue.ErrReasonRequired) {
		t.Fatalf("pause without reason: %v", err)
	}
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterPaused, "break"))
	if _, err := f.CallNext(f.ctx, 1); !errors.Is(err, queue.ErrCounterNotOpen) {
		t.Fatalf("paused counter called: %v", err)
	}
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterOpen, ""))
	f.call(1)
	if err := f.SetCounterState(f.ctx, 1, queue.CounterClosed, ""); !errors.Is(err, queue.ErrWrongState) {
		t.Fatalf("closing with a ticket open: %v", err)
	}
	if _, err := f.CallNext(f.ctx, 9); !errors.Is(err, queue.ErrUnknownCounter) {
		t.Fatalf("unknown counter: %v", err)
	}
	if _, err := f.Issue(f.ctx, queue.IssueRequest{Service: "NOPE"}); !errors.Is(err, queue.ErrUnknownService) {
		t.Fatalf("unknown service: %v", err)
	}
}

func eventTypes(t *testing.T, f *fixture, id int64) []string {
	t.Helper()
	evs, err := f.TicketEvents(f.ctx, id)
	f.must(err)
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Type)
	}
	return out
}

func countEvents(t *testing.T, f *fixture) int {
	evs, err := f.Events(f.ctx, 0, 1<<30)
	f.must(err)
	return len(evs)
}

func ignore(_ queue.Ticket, err error) error { return err }

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

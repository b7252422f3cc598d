package queue_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"tabour/queue"
)

func TestFIFOAcrossServices(t *testing.T) {
	f := newFixture(t, nil)
	b := f.issue("SHOP", "")
	f.clock.Advance(time.Second)
	a := f.issue("BLD", "")
	f.clock.Advance(time.Second)
	if got := f.call(1); got.ID != b.ID {
		t.Fatalf("first called %s, want %s", got.Label, b.Label)
	}
	if got := f.call(1); got.ID != a.ID {
		t.Fatalf("second called %s, want %s", got.Label, a.Label)
	}
}

func TestWeightFavoursService(t *testing.T) {
	f := newFixture(t, nil) // counter 2: SHOP weight 1, OUT weight 2
	b := f.issue("SHOP", "")
	f.clock.Advance(2 * time.Minute)
	c := f.issue("OUT", "")
	f.clock.Advance(3 * time.Minute) // B waited 5 min (score 5), C 3 min ×2 (score 6)
	if got := f.call(2); got.ID != c.ID {
		t.Fatalf("called %s, want weighted %s", got.Label, c.Label)
	}
	if got := f.call(2); got.ID != b.ID {
		t.Fatalf("called %s", got.Label)
	}
}

func TestPriorityShareNeverStarvesNormal(t *testing.T) {
	f := newFixture(t, func(o *queue.Options) { o.PriorityEvery = 3 })
	for range 12 {
		f.issue("BLD", "")
	}
	for range 6 {
		f.issue("BLD", queue.PriorityElderly)
	}
	var seq []bool
	for range 12 {
		f.clock.Advance(10 * time.Second)
		tk := f.call(3)
		seq = append(seq, tk.Priority != queue.PriorityNone)
		if tk.Priority != queue.PriorityNone && tk.CallReason != queue.ReasonPriority {
			t.Fatalf("priority ticket called for %s", tk.CallReason)
		}
	}
	// The first priority ticket goes at once; then one per 3 normal calls.
	want := []bool{true, false, false, false, true, false, false, false, true, false, false, false}
	for i := range want {
		if seq[i] != want[i] {
			t.Fatalf("call pattern %v, want %v", seq, want)
		}
	}
}

func TestOverdueFirst(t *testing.T) {
	f := newFixture(t, nil) // counter 1 serves BLD (target 30) and SHOP (target 20)
	a := f.issue("BLD", "")
	f.clock.Advance(5 * time.Minute)
	f.issue("SHOP", queue.PriorityDisability)
	f.clock.Advance(26 * time.Minute) // A waited 31 min: overdue
	got := f.call(1)
	if got.ID != a.ID || got.CallReason != queue.ReasonOverdue {
		t.Fatalf("called %s for %s, want %s overdue", got.Label, got.CallReason, a.Label)
	}
}

func TestAppointmentInWindowFirst(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	f.clock.Advance(time.Minute)
	apptAt := f.clock.Now().Add(40 * time.Minute)
	appt, err := f.Issue(f.ctx, queue.IssueRequest{Service: "BLD", AppointmentAt: apptAt})
	f.must(err)
	if got := f.call(3); got.ID == appt.ID {
		t.Fatal("appointment called 40 minutes early")
	}
	f.clock.Advance(30 * time.Minute) // 10 min before: inside the 15 min early window
	f.issue("BLD", "")
	if got := f.call(3); got.ID != appt.ID || got.CallReason != queue.ReasonAppointment {
		t.Fatalf("called %s for %s, want the appointment", got.Label, got.CallReason)
	}
}

func TestManualCallNeedsReason(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	b := f.issue("BLD", "")
	if _, err := f.CallTicket(f.ctx, 1, b.ID, " "); !errors.Is(err, queue.ErrReasonRequired) {
		t.Fatalf("no reason: %v", err)
	}
	got, err := f.CallTicketNote(f.ctx, 1, b.ID, "returned", "documents checked earlier")
	f.must(err)
	if got.CallReason != queue.ReasonManual {
		t.Fatal(got.CallReason)
	}
	evs, err := f.TicketEvents(f.ctx, b.ID)
	f.must(err)
	last := evs[len(evs)-1]
	if last.Reason != "manual" || last.Data == "" {
		t.Fatalf("call event %+v", last)
	}
	c := f.issue("OUT", "")
	if _, err := f.CallTicket(f.ctx, 1, c.ID, "other"); !errors.Is(err, queue.ErrNotServedHere) {
		t.Fatalf("counter 1 does not serve OUT: %v", err)
	}
}

// TestNextClosesOpenTicket: "next" finishes a ticket being served, and
// records one that was only called as not started.
func TestNextClosesOpenTicket(t *testing.T) {
	f := newFixture(t, nil)
	a, b := f.issue("BLD", ""), f.issue("BLD", "")
	f.issue("BLD", "")
	f.call(1)
	f.must(ignore(f.Start(f.ctx, 1)))
	f.clock.Advance(4 * time.Minute)
	f.call(1) // a was being served: done
	f.clock.Advance(30 * time.Second)
	f.call(1) // b was only called: not started
	for _, c := range []struct {
		id    int64
		state queue.State
		last  string
	}{{a.ID, queue.Done, queue.EvDone}, {b.ID, queue.NotStarted, queue.EvNotStarted}} {
		tk, err := f.Ticket(f.ctx, c.id)
		f.must(err)
		evs, err := f.TicketEvents(f.ctx, c.id)
		f.must(err)
		last := evs[len(evs)-1]
		if tk.State != c.state || !tk.State.Final() || last.Type != c.last || last.Reason != "next" {
			t.Fatalf("%s after next: %s, last event %s (%s)", tk.Label, tk.State, last.Type, last.Reason)
		}
	}
	evs, err := f.TicketEvents(f.ctx, b.ID)
	f.must(err)
	if data := evs[len(evs)-1].Data; data != `{"since_call_s":30}` {
		t.Fatalf("not_started data %s", data)
	}
}

// TestConcurrentCallsNeverShareATicket has counters in two engines on the
// same file (as the kiosk and tabourctl would be) call at once.
func TestConcurrentCallsNeverShareATicket(t *testing.T) {
	f := newFixture(t, nil)
	const n = 200
	for range n {
		f.issue("BLD", "")
	}
	other, err := queue.Open(f.ctx, f.path, f.Options())
	f.must(err)
	defer other.Close()
	engines := []*queue.Engine{f.Engine, other}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for i, counter := range []int{1, 3, 1, 3} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := engines[i%2]
			for {
				tk, err := e.CallNext(context.Background(), counter)
				if errors.Is(err, queue.ErrNoneWaiting) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seen[tk.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("%d distinct tickets called, want %d", len(seen), n)
	}
	for id, k := range seen {
		if k != 1 {
			t.Fatalf("ticket %d called %d times", id, k)
		}
	}
}

// TestTwoWritersInterleave has two engines on one file (the kiosk and
// tabourctl) issue and call in turn, so each one's cached chain end and
// numbers go stale again and again.
func TestTwoWritersInterleave(t *testing.T) {
	f := newFixture(t, nil)
	other, err := queue.Open(f.ctx, f.path, f.Options())
	f.must(err)
	defer other.Close()
	engines := []*queue.Engine{f.Engine, other}
	var labels []string
	for i := range 20 {
		e := engines[i%2]
		tk, err := e.Issue(f.ctx, queue.IssueRequest{Service: "BLD"})
		f.must(err)
		labels = append(labels, tk.Label)
		if i%3 == 0 {
			_, err = engines[(i+1)%2].CallNext(f.ctx, 3)
			f.must(err)
		}
		evs, err := e.TicketEvents(f.ctx, tk.ID)
		f.must(err)
		if len(evs) == 0 || evs[0].Type != queue.EvIssued {
			t.Fatalf("%s: events %v", tk.Label, evs)
		}
	}
	for i, l := range labels {
		if want := fmt.Sprintf("A%03d", i+1); l != want {
			t.Fatalf("ticket %d is %s, want %s (all: %v)", i, l, want, labels)
		}
	}
	rep, err := f.Verify(f.ctx)
	f.must(err)
	if !rep.OK() {
		t.Fatalf("chain: %+v", rep.Broken)
	}
}

func TestWatchSignalsCommits(t *testing.T) {
	f := newFixture(t, nil)
	ch, stop := f.Watch()
	defer stop()
	select {
	case <-ch:
		t.Fatal("signal before any change")
	default:
	}
	f.issue("BLD", "")
	select {
	case <-ch:
	default:
		t.Fatal("no signal after issue")
	}
	if _, err := f.CallNext(f.ctx, 2); err == nil {
		t.Fatal("counter 2 does not serve BLD")
	}
	select {
	case <-ch:
		t.Fatal("signal after a refused call")
	default:
	}
}

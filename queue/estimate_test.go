package queue_test

import (
	"testing"
	"time"

	"tabour/queue"
)

// TestPromiseKeptAndScored: the first estimate of a ticket just issued is
// its promise; later estimates follow the day but do not replace it, and
// Accuracy scores the promise against the wait to the first call.
func TestPromiseKeptAndScored(t *testing.T) {
	f := newFixture(t, nil) // SHOP: 6 min average, counters 1 and 2
	for range 4 {
		f.issue("SHOP", "")
	}
	mine := f.issue("SHOP", "")
	first, err := f.EstimateTicket(f.ctx, mine.ID)
	f.must(err)
	if !first.Known || first.Ahead != 4 || first.Wait <= 0 {
		t.Fatalf("first estimate %+v", first)
	}
	late := f.issue("SHOP", "")
	f.clock.Advance(5 * time.Minute) // too late for a promise
	_, err = f.EstimateTicket(f.ctx, late.ID)
	f.must(err)

	f.call(1)
	f.call(2)
	f.clock.Advance(time.Minute)
	later, err := f.EstimateTicket(f.ctx, mine.ID)
	f.must(err)
	if later.Ahead != 2 || later.Wait == first.Wait {
		t.Fatalf("estimate after two calls %+v, first %+v", later, first)
	}
	for range 3 { // SHOP tickets 3 and 4, then mine, 12 min after issue
		f.clock.Advance(2 * time.Minute)
		f.must(ignore(f.Done(f.ctx, 1)))
		f.call(1)
	}
	cur, err := f.Ticket(f.ctx, mine.ID)
	f.must(err)
	if cur.State != queue.Called {
		t.Fatalf("my ticket is %s", cur.State)
	}
	acc, err := f.Accuracy(f.ctx, "")
	f.must(err)
	wait := cur.FirstCalledAt.Sub(mine.IssuedAt)
	if acc.Tickets != 1 || acc.Long != 1 || acc.Bias != (first.Wait-wait).Round(time.Second) {
		t.Fatalf("accuracy %+v; promised %v, waited %v", acc, first.Wait, wait)
	}
}

func TestEstimateUnknownWithoutCounters(t *testing.T) {
	f := newFixture(t, nil)
	for _, c := range []int{1, 2} {
		f.must(f.SetCounterState(f.ctx, c, queue.CounterClosed, ""))
	}
	tk := f.issue("SHOP", "")
	est, err := f.EstimateTicket(f.ctx, tk.ID)
	f.must(err)
	if est.Known || est.Ahead != 0 {
		t.Fatalf("no counter serves SHOP: %+v", est)
	}
	// A paused counter comes back: the wait is known, and longer.
	f.must(f.SetCounterState(f.ctx, 2, queue.CounterPaused, "break"))
	est, err = f.EstimateTicket(f.ctx, tk.ID)
	f.must(err)
	if !est.Known || est.Open != 0 || est.Wait < 10*time.Minute {
		t.Fatalf("counter 2 on a break: %+v", est)
	}
}

// TestEstimateUnknownForClosedTarget: a ticket sent to one counter that
// then closes has no counter that will call it.
func TestEstimateUnknownForClosedTarget(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("SHOP", "")
	f.call(1)
	tk, err := f.Transfer(f.ctx, 1, "", 2)
	f.must(err)
	f.must(f.SetCounterState(f.ctx, 2, queue.CounterClosed, ""))
	est, err := f.EstimateTicket(f.ctx, tk.ID)
	f.must(err)
	if est.Known {
		t.Fatalf("sent to closed counter 2: %+v", est)
	}
	if est, err = f.EstimateTicketBy(f.ctx, tk.ID, queue.EstimateReplay); err != nil || est.Known {
		t.Fatalf("replay: %+v, %v", est, err)
	}
}

// TestHandlingLearnedPerCounter: once a counter has served five tickets of
// a service, its own handling time replaces the service's in the replay.
func TestHandlingLearnedPerCounter(t *testing.T) {
	f := newFixture(t, nil) // SHOP at counters 1 and 2
	for range 12 {
		f.issue("SHOP", "")
	}
	for range 5 { // counter 1: 10 min a ticket; counter 2: 2 min
		f.call(1)
		f.call(2)
		f.clock.Advance(2 * time.Minute)
		f.must(ignore(f.Done(f.ctx, 2)))
		f.clock.Advance(8 * time.Minute)
		f.must(ignore(f.Done(f.ctx, 1)))
	}
	wait := func(open int) time.Duration {
		t.Helper()
		closed := 3 - open
		f.must(f.SetCounterState(f.ctx, closed, queue.CounterClosed, ""))
		defer func() { f.must(f.SetCounterState(f.ctx, closed, queue.CounterOpen, "")) }()
		est, err := f.EstimateNewBy(f.ctx, "SHOP", queue.EstimateReplay)
		f.must(err)
		if est.AHT != 6*time.Minute || est.Ahead != 2 {
			t.Fatalf("counter %d alone: %+v", open, est)
		}
		return est.Wait
	}
	if w1, w2 := wait(1), wait(2); w1 != 20*time.Minute || w2 != 4*time.Minute {
		t.Fatalf("two ahead: %v at counter 1 alone, %v at counter 2 alone; want 2 × 10 and 2 × 2 min", w1, w2)
	}
}

// TestPromiseSurvivesClose: a promise not yet written goes with Close.
func TestPromiseSurvivesClose(t *testing.T) {
	f := newFixture(t, nil)
	tk := f.issue("SHOP", "")
	_, err := f.EstimateTicket(f.ctx, tk.ID)
	f.must(err)
	f.must(f.Close())
	opts := f.Options()
	e, err := queue.Open(f.ctx, f.path, opts)
	f.must(err)
	defer e.Close()
	_, err = e.CallNext(f.ctx, 1)
	f.must(err)
	acc, err := e.Accuracy(f.ctx, "")
	f.must(err)
	if acc.Tickets != 1 {
		t.Fatalf("after a restart: %+v", acc)
	}
}

// TestScreenWaitIsTicketWait: the wait a service's screen shows is the
// wait its ticket prints when nothing moved in between, and a waiting
// ticket's estimate does not change from one refresh to the next.
func TestScreenWaitIsTicketWait(t *testing.T) {
	f := newFixture(t, nil)
	for i := range 9 {
		f.issue([]string{"SHOP", "BLD"}[i%2], "")
	}
	f.call(1)
	f.clock.Advance(90 * time.Second)
	for _, svc := range []string{"SHOP", "BLD"} {
		screen, err := f.EstimateNew(f.ctx, svc)
		f.must(err)
		tk := f.issue(svc, "")
		printed, err := f.EstimateTicket(f.ctx, tk.ID)
		f.must(err)
		if !screen.Known || screen.Wait != printed.Wait || screen.Ahead != printed.Ahead {
			t.Fatalf("%s: the screen showed %v (%d ahead), the ticket printed %v (%d ahead)",
				svc, screen.Wait, screen.Ahead, printed.Wait, printed.Ahead)
		}
		again, err := f.EstimateTicket(f.ctx, tk.ID)
		f.must(err)
		if again.Wait != printed.Wait {
			t.Fatalf("%s: a refresh moved the estimate from %v to %v", svc, printed.Wait, again.Wait)
		}
	}
}

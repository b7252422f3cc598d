package queue_test

import (
	"testing"
	"time"

	"tabour/queue"
)

// CounterChanges lists a day's changes of the counters' states, and not
// another day's.
func TestCounterChanges(t *testing.T) {
	f := newFixture(t, nil) // 09:00 on 2026-11-22, every counter opened
	f.issue("BLD", queue.PriorityNone)
	f.clock.Advance(30 * time.Minute)
	f.must(f.SetCounterState(f.ctx, 2, queue.CounterPaused, "prayer"))
	f.clock.Advance(24 * time.Hour) // the next day
	f.issue("BLD", queue.PriorityNone)
	f.must(f.SetCounterState(f.ctx, 3, queue.CounterClosed, ""))

	chs, err := f.CounterChanges(f.ctx, "2026-11-22")
	if err != nil {
		t.Fatal(err)
	}
	if len(chs) != 4 {
		t.Fatalf("changes %+v", chs)
	}
	for i, n := range []int{1, 2, 3} {
		if c := chs[i]; c.Counter != n || c.From != queue.CounterClosed || c.To != queue.CounterOpen ||
			!c.At.Equal(time.Date(2026, 11, 22, 9, 0, 0, 0, cairo)) {
			t.Errorf("change %d: %+v", i, c)
		}
	}
	if c := chs[3]; c.Counter != 2 || c.From != queue.CounterOpen || c.To != queue.CounterPaused || c.Reason != "prayer" {
		t.Errorf("pause: %+v", c)
	}
	next, err := f.CounterChanges(f.ctx, "")
	if err != nil || len(next) != 1 || next[0].Counter != 3 || next[0].To != queue.CounterClosed {
		t.Errorf("today: %+v %v", next, err)
	}
	if _, err := f.CounterChanges(f.ctx, "22/11/2026"); err == nil {
		t.Error("a bad day was taken")
	}
}

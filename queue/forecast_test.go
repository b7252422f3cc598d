package queue

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata"

	_ "github.com/mattn/go-sqlite3"
)

type replayClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *replayClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *replayClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// TestReplayPicksAsCallNext drives the engine through a random morning and,
// before every call, asks the forecast's in-memory routing which ticket the
// counter will get: it must be the one CallNext returns.
func TestReplayPicksAsCallNext(t *testing.T) {
	cairo, err := time.LoadLocation("Africa/Cairo")
	if err != nil {
		t.Fatal(err)
	}
	clk := &replayClock{t: time.Date(2026, 11, 22, 9, 0, 0, 0, cairo)}
	opts := DefaultOptions()
	opts.Clock, opts.Location, opts.PriorityEvery = clk, cairo, 2
	ctx := context.Background()
	e, err := Open(ctx, filepath.Join(t.TempDir(), "tabour.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	services := []Service{
		{Code: "BLD", Prefix: "A", TargetWaitMin: 25, AvgServiceMin: 8},
		{Code: "SHOP", Prefix: "B", TargetWaitMin: 15, AvgServiceMin: 5},
		{Code: "OUT", Prefix: "C", AvgServiceMin: 2},
	}
	counters := []Counter{
		{Number: 1, Services: []CounterService{{"BLD", 1}, {"SHOP", 2}}},
		{Number: 2, Services: []CounterService{{"SHOP", 1}, {"OUT", 3}}},
		{Number: 3, Services: []CounterService{{"BLD", 2}, {"OUT", 1}}},
	}
	if err := e.SyncCatalog(ctx, services, counters); err != nil {
		t.Fatal(err)
	}
	for _, c := range counters {
		if err := e.SetCounterState(ctx, c.Number, CounterOpen, ""); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	checked := map[Reason]int{}
	for step := range 400 {
		clk.add(time.Duration(rng.IntN(90)) * time.Second)
		if rng.IntN(20) < 9 {
			req := IssueRequest{Service: services[rng.IntN(3)].Code}
			if rng.IntN(5) == 0 {
				req.Priority = PriorityElderly
			}
			if rng.IntN(12) == 0 {
				req.AppointmentAt = clk.Now().Add(time.Duration(rng.IntN(40)-10) * time.Minute)
			}
			if _, err := e.Issue(ctx, req); err != nil {
				t.Fatal(err)
			}
			continue
		}
		c := 1 + rng.IntN(3)
		if rng.IntN(8) == 0 { // a transfer to one counter
			if _, err := e.Transfer(ctx, c, "", c); err != nil && !errors.Is(err, ErrCounterIdle) {
				t.Fatal(err)
			}
		}
		want := replayPick(t, e, c)
		got, err := e.CallNext(ctx, c)
		if errors.Is(err, ErrNoneWaiting) {
			if want != 0 {
				t.Fatalf("step %d, counter %d: replay picks %d, engine finds none", step, c, want)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != want {
			t.Fatalf("step %d, counter %d: engine calls %s (%d, %s), replay picks %d", step, c, got.Label, got.ID, got.CallReason, want)
		}
		checked[got.CallReason]++
	}
	for _, r := range []Reason{ReasonAppointment, ReasonOverdue, ReasonPriority, ReasonFIFO} {
		if checked[r] == 0 {
			t.Errorf("no call by %s was checked: %v", r, checked)
		}
	}
}

// replayPick is the ticket the forecast's routing gives counter now.
func replayPick(t *testing.T, e *Engine, counter int) int64 {
	t.Helper()
	in, err := e.snapshot(context.Background(), e.opts.Clock.Now().Truncate(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	r := &fcRun{in: in, queues: map[string]*fcQueue{}, since: in.since}
	tickets := make([]fcTicket, len(in.waiting))
	copy(tickets, in.waiting)
	sortTickets(tickets)
	for i := range tickets {
		r.add(&tickets[i])
	}
	for i := range in.counters {
		if c := &in.counters[i]; c.number == counter {
			if p, _ := r.pick(c, in.now); p != nil {
				return p.id
			}
			return 0
		}
	}
	t.Fatalf("counter %d not in the snapshot", counter)
	return 0
}

func TestLognormalTimeLeft(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	mean, sigma := 10*time.Minute, defaultSigma
	for _, elapsed := range []time.Duration{0, 5 * time.Minute, 15 * time.Minute} {
		var sum time.Duration
		const n = 20000
		for range n {
			sum += sampleLognormal(rng, mean, sigma, elapsed)
		}
		got, want := sum/n, meanLeft(mean, sigma, elapsed)
		if d := got - want; d < -20*time.Second || d > 20*time.Second {
			t.Errorf("elapsed %v: sampled mean left %v, expected %v", elapsed, got, want)
		}
	}
	if l := meanLeft(mean, sigma, 0); l != mean {
		t.Errorf("nothing elapsed: %v left, want the mean %v", l, mean)
	}
}

// TestEstimateReadsNoDay checks the plans of the estimate's queries that
// could reach the day's tickets: the latest promises are read backwards
// from the promises table (not through the day's tickets), the latest
// tickets backwards by id with no sort, the head of each queue, its count
// and a ticket's place in it through their index, with no sort.
func TestEstimateReadsNoDay(t *testing.T) {
	ctx := context.Background()
	e, err := Open(ctx, filepath.Join(t.TempDir(), "tabour.db"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, q := range []struct {
		sql  string
		args []any
		want string // how the plan (steps joined by "; ") begins
	}{
		{qRatios, []any{"2026-11-22", 80}, "SCAN p; SEARCH t USING INTEGER PRIMARY KEY (rowid=?)"},
		{`SELECT day, service, prio, issued_at FROM tickets ORDER BY id DESC LIMIT 400`, nil, "SCAN tickets"},
		{qWaitingHead, []any{"2026-11-22", "BLD", false, readLimit}, "SEARCH tickets USING INDEX tickets_waiting"},
		{qWaitingCount, []any{"2026-11-22", "BLD", false}, "SEARCH tickets USING COVERING INDEX tickets_waiting"},
		{qAheadOf, []any{"2026-11-22", "BLD", 0, 1, 1, 1, 1}, "SEARCH tickets USING "},
	} {
		rows, err := e.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if got := strings.Join(plan, "; "); !strings.HasPrefix(got, q.want) || strings.Contains(got, "TEMP B-TREE") {
			t.Errorf("%s\nplan %q, want %q", q.sql, got, q.want)
		}
	}
}

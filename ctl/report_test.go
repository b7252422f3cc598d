package ctl_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"tabour/mqtt/contract"
	"tabour/queue"
)

// stepClock is a clock the test moves by hand.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *stepClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// playReportDay plays 24 November 2024 on the session's file, on a clock
// of its own (tabourctl's engines run on the wall clock: the day is long
// past whatever it says):
//
//	09:00 issue A001, A002 (BLD-PERMIT, target 30) and G001 (SHOP-LICENCE)
//	09:05 counter 1 calls A001 (wait 5); 09:06 starts; 09:16 done (handling 11, service 10)
//	09:10 counter 2 calls G001 (wait 10); 09:12 done from called (2, 2)
//	09:16 counter 1 calls A002 (wait 16); 09:18 no-show, back in the queue
//	next day: the day closes, A002 expires
//
// A001 was promised 12 min (8–16), G001 10 min (5–15).
func playReportDay(t *testing.T, s *session) {
	ctx := context.Background()
	day := time.Date(2024, 11, 24, 9, 0, 0, 0, time.UTC)
	clock := &stepClock{t: day}
	opts := queue.DefaultOptions()
	opts.Clock, opts.Device = clock, "test"
	eng, err := queue.Open(ctx, s.db, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	must := func(_ queue.Ticket, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	at := func(min int) { clock.set(day.Add(time.Duration(min) * time.Minute)) }
	issue := func(svc string) queue.Ticket {
		tk, err := eng.Issue(ctx, queue.IssueRequest{Service: svc})
		must(tk, err)
		return tk
	}
	a1, a2, g1 := issue("BLD-PERMIT"), issue("BLD-PERMIT"), issue("SHOP-LICENCE")
	for _, p := range []struct {
		tk              queue.Ticket
		wait, low, high int
	}{{a1, 12, 8, 16}, {g1, 10, 5, 15}} {
		_, err := eng.DB().ExecContext(ctx, `INSERT INTO promises (ticket_id, at, known, wait_ms, low_ms, high_ms)
			VALUES (?, ?, 1, ?, ?, ?)`, p.tk.ID, p.tk.IssuedAt.UnixMilli(), p.wait*60000, p.low*60000, p.high*60000)
		if err != nil {
			t.Fatal(err)
		}
	}
	at(5)
	must(eng.CallTicket(ctx, 1, a1.ID, "other"))
	at(6)
	must(eng.Start(ctx, 1))
	at(10)
	must(eng.CallTicket(ctx, 2, g1.ID, "other"))
	at(12)
	must(eng.Done(ctx, 2))
	at(16)
	must(eng.Done(ctx, 1))
	must(eng.CallTicket(ctx, 1, a2.ID, "other"))
	at(18)
	must(eng.NoShow(ctx, 1))
	clock.set(day.Add(24 * time.Hour))
	if err := eng.CloseDay(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestReport(t *testing.T) {
	s := newSession(t)
	if out := s.ok("report"); !strings.Contains(out, "report of service day") || !strings.Contains(out, "TOTAL") {
		t.Fatalf("report of a day without tickets:\n%s", out)
	}
	playReportDay(t, s)

	out := s.ok("report", "--day", "2024-11-24")
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			key := f[0]
			if _, dup := rows[key]; dup {
				key += " accuracy" // the second table names services and TOTAL again
			}
			rows[key] = f
		}
	}
	for key, want := range map[string]string{
		"BLD-PERMIT":          "BLD-PERMIT 2 1 0 0 0 1 0 10m 16m 100% 11m 10m Building works permit",
		"SHOP-LICENCE":        "SHOP-LICENCE 1 1 0 0 0 0 0 10m 10m 100% 2m 2m Shop operating licence",
		"TOTAL":               "TOTAL 3 2 0 0 0 1 0 10m 16m 100% 6m 6m",
		"BLD-PERMIT accuracy": "BLD-PERMIT 1 0 140% +7.0 min 0% 0% 0%",
		"TOTAL accuracy":      "TOTAL 2 0 70% +3.5 min 50% 50% 50%",
		"1":                   "1 1 11m",
		"2":                   "2 1 2m",
		"3":                   "3 0 —",
	} {
		if got := strings.Join(rows[key], " "); !strings.HasPrefix(got, want) {
			t.Errorf("row %s: %q, want %q", key, got, want)
		}
	}
	if !strings.Contains(out, "report of service day 2024-11-24 (closed)") ||
		!strings.Contains(out, "services with no ticket that day not shown") {
		t.Errorf("report:\n%s", out)
	}

	var r contract.DayReport
	s.json(&r, "report", "--day", "2024-11-24")
	var bld contract.ServiceReport
	for _, x := range r.Services {
		if x.Service == "BLD-PERMIT" {
			bld = x
		}
	}
	tot := r.Total
	if r.Day != "2024-11-24" || !r.Closed || bld.Issued != 2 || bld.Expired != 1 ||
		bld.MeanWaitS != 630 || bld.P90WaitS != 960 || bld.WithinTarget != 1 || bld.MeanHandlingS != 660 ||
		bld.MeanServiceS != 600 || bld.TargetWaitS != 1800 {
		t.Errorf("BLD-PERMIT %+v", bld)
	}
	if tot.Issued != 3 || tot.Served != 2 || tot.MeanWaitS != 620 || tot.MeanHandlingS != 390 || tot.Name != nil ||
		tot.Accuracy != (contract.PromiseAccuracy{Tickets: 2, Long: 2, MAPE: 0.7, BiasS: 210, Within20: 0.5, Within5: 0.5, InRange: 0.5}) {
		t.Errorf("total %+v", tot)
	}
	if c := r.Counters[0]; c.Counter != 1 || c.Served != 1 || c.MeanHandlingS != 660 {
		t.Errorf("counter 1 %+v", c)
	}
	var doc any
	s.json(&doc, "report", "--day", "2024-11-24")
	checkJSON(t, "report", doc, "")
	if b, _ := json.Marshal(doc); len(contract.FindPersonal(string(b))) > 0 {
		t.Errorf("report carries personal data shapes: %s", b)
	}

	for _, bad := range []string{"24/11/2024", "2024-11-31", "yesterday"} {
		if got := s.fails(2, "report", "--day", bad); !strings.Contains(got, "YYYY-MM-DD") {
			t.Errorf("--day %s: %s", bad, got)
		}
	}
}

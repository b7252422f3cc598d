package queue_test

import (
	"database/sql"
	"go/build"
	"strings"
	"testing"
	"time"

	"tabour/queue"
)

func TestStatsAndEstimate(t *testing.T) {
	f := newFixture(t, nil)
	// Counter 1 and 3 serve BLD; close 1 so one counter serves it.
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterClosed, ""))
	est, err := f.EstimateNew(f.ctx, "BLD")
	f.must(err)
	if !est.Known || est.Ahead != 0 || est.Wait != 0 || est.AHT != 10*time.Minute {
		t.Fatalf("empty queue estimate %+v", est)
	}
	for range 4 {
		f.issue("BLD", "")
	}
	est, err = f.EstimateNewBy(f.ctx, "BLD", queue.EstimateReplay)
	f.must(err)
	if est.Ahead != 4 || est.Open != 1 || est.Wait != 40*time.Minute {
		t.Fatalf("seeded estimate %+v, want 4 × 10 min", est)
	}
	est, err = f.EstimateNew(f.ctx, "BLD")
	f.must(err)
	if !est.Known || est.Low > est.Wait || est.Wait > est.High || est.Wait < 30*time.Minute || est.Wait > 60*time.Minute {
		t.Fatalf("forecast %+v, want about 4 × 10 min within its range", est)
	}
	// Serve two tickets: 2 min wait, 1 min walk, 5 min service each.
	for range 2 {
		f.clock.Advance(2 * time.Minute)
		f.call(3)
		f.clock.Advance(time.Minute)
		f.must(ignore(f.Start(f.ctx, 3)))
		f.clock.Advance(5 * time.Minute)
		f.must(ignore(f.Done(f.ctx, 3)))
	}
	// Two served tickets of 6 min: until five are served the replay blends
	// them with the configured 10 min (2/5 × 6 + 3/5 × 10 = 8.4 min).
	est, err = f.EstimateNewBy(f.ctx, "BLD", queue.EstimateReplay)
	f.must(err)
	if est.AHT != 6*time.Minute || est.Wait != 2*(8*time.Minute+24*time.Second) {
		t.Fatalf("measured estimate %+v, want 2 × 8.4 min", est)
	}
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterOpen, ""))
	est, err = f.EstimateNewBy(f.ctx, "BLD", queue.EstimateReplay)
	f.must(err)
	if est.Open != 2 || est.Wait != 8*time.Minute+24*time.Second {
		t.Fatalf("two counters %+v, want one round of 8.4 min", est)
	}
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterClosed, ""))
	f.must(f.SetCounterState(f.ctx, 3, queue.CounterClosed, ""))
	if est, _ = f.EstimateNew(f.ctx, "BLD"); est.Known {
		t.Fatalf("no open counter but estimate known: %+v", est)
	}

	st, err := f.Stats(f.ctx)
	f.must(err)
	var bld queue.ServiceStats
	for _, s := range st.Services {
		if s.Service == "BLD" {
			bld = s
		}
	}
	// Tickets were issued at 09:00; first calls at 09:02 and 09:10.
	if bld.Waiting != 2 || bld.ServedToday != 2 || bld.Called != 2 || bld.MeanWait != 6*time.Minute ||
		bld.MeanService != 5*time.Minute || bld.WithinTarget != 1 || bld.LastCalled != "A002" ||
		bld.LongestWait != 16*time.Minute {
		t.Fatalf("BLD stats %+v", bld)
	}
	if c3 := st.Counters[2]; c3.Number != 3 || c3.Served != 2 || c3.State != queue.CounterClosed {
		t.Fatalf("counter 3 %+v", c3)
	}
}

// TestPassedOverTicketsAreNotServed: tickets called and passed over by
// "next" without being started do not count as served, so they leave the
// handling time behind the estimate, the served counts and the mean
// service time as the served tickets made them.
func TestPassedOverTicketsAreNotServed(t *testing.T) {
	f := newFixture(t, nil) // SHOP: configured average 6 min; counters 1 and 2 serve it
	for range 9 {
		f.issue("SHOP", "")
	}
	for range 3 { // served: 10 min from call to end
		f.call(2)
		f.must(ignore(f.Start(f.ctx, 2)))
		f.clock.Advance(10 * time.Minute)
		f.must(ignore(f.Done(f.ctx, 2)))
	}
	for range 5 { // called, never started, passed over by the next call
		f.call(2)
		f.clock.Advance(20 * time.Second)
	}
	f.call(2)

	est, err := f.EstimateNew(f.ctx, "SHOP")
	f.must(err)
	if est.AHT != 10*time.Minute {
		t.Fatalf("handling time %v after 3 served and 5 passed over, want 10m", est.AHT)
	}
	st, err := f.Stats(f.ctx)
	f.must(err)
	shop := serviceStats(t, st, "SHOP")
	if shop.ServedToday != 3 || shop.MeanService != 10*time.Minute || shop.Called != 9 || shop.Estimate.AHT != 10*time.Minute {
		t.Fatalf("SHOP %+v", shop)
	}
	if c2 := st.Counters[1]; c2.Served != 3 || c2.Current != "B009" {
		t.Fatalf("counter 2 %+v", c2)
	}
	tks, err := f.Tickets(f.ctx, "2026-11-22")
	f.must(err)
	states := map[queue.State]int{}
	for _, tk := range tks {
		states[tk.State]++
	}
	if states[queue.Done] != 3 || states[queue.NotStarted] != 5 || states[queue.Called] != 1 {
		t.Fatalf("states %v", states)
	}
	rep, err := f.Verify(f.ctx)
	f.must(err)
	pend, err := f.Pending(f.ctx, 0, 1000)
	f.must(err)
	if !rep.OK() || int64(len(pend)) != rep.Events {
		t.Fatalf("audit %+v, %d in the outbox", rep, len(pend))
	}
}

func serviceStats(t *testing.T, st queue.Stats, code string) queue.ServiceStats {
	t.Helper()
	for _, s := range st.Services {
		if s.Service == code {
			return s
		}
	}
	t.Fatalf("no stats for %s", code)
	return queue.ServiceStats{}
}

func TestNoShowRate(t *testing.T) {
	f := newFixture(t, func(o *queue.Options) { o.RecycleNoShows = 0 })
	for range 4 {
		f.issue("OUT", "")
	}
	f.call(2)
	f.must(ignore(f.NoShow(f.ctx, 2)))
	f.call(2)
	f.must(ignore(f.Done(f.ctx, 2)))
	st, err := f.Stats(f.ctx)
	f.must(err)
	for _, s := range st.Services {
		if s.Service == "OUT" && (s.NoShowRate != 0.5 || s.Waiting != 2) {
			t.Fatalf("OUT %+v", s)
		}
	}
	if st.Counters[1].Current != "" || st.Counters[1].Served != 1 {
		t.Fatalf("counter 2 %+v", st.Counters[1])
	}
}

func TestEstimateTicketCountsAhead(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("SHOP", "")
	f.clock.Advance(time.Second)
	f.issue("SHOP", "")
	f.clock.Advance(time.Second)
	c := f.issue("SHOP", "")
	est, err := f.EstimateTicketBy(f.ctx, c.ID, queue.EstimateReplay)
	f.must(err)
	// Two ahead, two open counters (1 and 2) serve SHOP, 6 min average.
	if est.Ahead != 2 || est.Wait != 6*time.Minute {
		t.Fatalf("%+v", est)
	}
	est, err = f.EstimateTicket(f.ctx, c.ID)
	f.must(err)
	if est.Ahead != 2 || !est.Known || est.Low > est.Wait || est.Wait > est.High || est.High > 15*time.Minute {
		t.Fatalf("forecast %+v", est)
	}
}

func TestAuditVerifyDetectsEditedRow(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	f.issue("SHOP", "")
	f.call(1)
	rep, err := f.Verify(f.ctx)
	f.must(err)
	if !rep.OK() || rep.Events < 5 {
		t.Fatalf("fresh chain: %+v", rep)
	}
	db, err := sql.Open("sqlite3", f.path)
	f.must(err)
	defer db.Close()
	_, err = db.Exec("UPDATE events SET counter = 2 WHERE type = 'ticket.called'")
	f.must(err)
	var seq int64
	f.must(db.QueryRow("SELECT seq FROM events WHERE type = 'ticket.called'").Scan(&seq))
	rep, err = f.Verify(f.ctx)
	f.must(err)
	if rep.OK() || rep.Broken.Seq != seq || !strings.Contains(rep.Broken.Problem, "changed") {
		t.Fatalf("edited row %d: %+v", seq, rep)
	}
}

func TestAuditVerifyDetectsDeletedRow(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	f.issue("BLD", "")
	f.issue("BLD", "")
	db, err := sql.Open("sqlite3", f.path)
	f.must(err)
	defer db.Close()
	_, err = db.Exec("DELETE FROM outbox; DELETE FROM events WHERE seq = 5")
	f.must(err)
	rep, err := f.Verify(f.ctx)
	f.must(err)
	if rep.OK() || rep.Broken.Seq != 6 || !strings.Contains(rep.Broken.Problem, "gap") {
		t.Fatalf("deleted row: %+v", rep)
	}
}

func TestOutboxAck(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", "")
	f.issue("BLD", "")
	pend, err := f.Pending(f.ctx, 0, 100)
	f.must(err)
	info, err := f.Outbox(f.ctx)
	f.must(err)
	if len(pend) != info.Count || info.Count == 0 {
		t.Fatalf("pending %d, outbox %+v", len(pend), info)
	}
	n, err := f.Ack(f.ctx, []string{pend[0].ID, pend[1].ID, "not-an-id"})
	f.must(err)
	if n != 2 {
		t.Fatalf("acked %d", n)
	}
	rest, err := f.Pending(f.ctx, 0, 100)
	f.must(err)
	if len(rest) != len(pend)-2 || rest[0].Seq != pend[2].Seq {
		t.Fatalf("after ack: %d left", len(rest))
	}
}

// TestQueueImportsNoUIOrNetwork guards the package's dependency rule.
func TestQueueImportsNoUIOrNetwork(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		for _, banned := range []string{"fyne.io/", "github.com/eclipse/paho", "periph.io/", "github.com/mattn/"} {
			if strings.HasPrefix(imp, banned) {
				t.Errorf("queue imports %s", imp)
			}
		}
		if strings.Contains(imp, ".") {
			t.Errorf("queue imports a non-standard package %s", imp)
		}
	}
}

// TestStampMovesOnEveryCommit: a poll sees this engine's commits and those
// of another process on the same file, and nothing else.
func TestStampMovesOnEveryCommit(t *testing.T) {
	f := newFixture(t, nil)
	s0, err := f.Stamp(f.ctx)
	f.must(err)
	if s1, err := f.Stamp(f.ctx); err != nil || s1 != s0 {
		t.Fatalf("stamp moved with no commit: %+v → %+v (%v)", s0, s1, err)
	}
	f.issue("SHOP", "")
	s1, err := f.Stamp(f.ctx)
	f.must(err)
	if s1.Own == s0.Own {
		t.Fatalf("own commit not seen: %+v → %+v", s0, s1)
	}
	opts := queue.DefaultOptions()
	opts.Clock, opts.Location = f.clock, cairo
	other, err := queue.Open(f.ctx, f.path, opts) // as tabourctl would
	f.must(err)
	defer other.Close()
	_, err = other.Issue(f.ctx, queue.IssueRequest{Service: "SHOP"})
	f.must(err)
	s2, err := f.Stamp(f.ctx)
	f.must(err)
	if s2.Other == s1.Other || s2.Own != s1.Own {
		t.Fatalf("the other process's commit: %+v → %+v", s1, s2)
	}
}

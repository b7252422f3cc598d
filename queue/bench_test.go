package queue

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/lang"
)

var benchServices = []Service{
	{Code: "BLD", Prefix: "A", Name: lang.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"}, TargetWaitMin: 1000, AvgServiceMin: 10},
	{Code: "SHOP", Prefix: "B", Name: lang.Text{AR: "ترخيص تشغيل محل", EN: "Shop licence"}, TargetWaitMin: 1000, AvgServiceMin: 6},
}

var benchCounters = []Counter{{Number: 1, Services: []CounterService{{"BLD", 1}, {"SHOP", 2}}}}

// benchClock stands still at the center time -clock (midday unless set):
// the benchmarks do not depend on the time of day they run.
type benchClock struct{}

func (benchClock) Now() time.Time { return benchNow() }

func benchEngine(b *testing.B) *Engine {
	b.Helper()
	opts := DefaultOptions()
	opts.NumberMax, opts.NumberWidth = 999999, 6
	opts.Clock, opts.Location = benchClock{}, benchLoc
	e, err := Open(context.Background(), filepath.Join(b.TempDir(), "tabour.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	ctx := context.Background()
	if err := e.SyncCatalog(ctx, benchServices, benchCounters); err != nil {
		b.Fatal(err)
	}
	if err := e.SetCounterState(ctx, 1, CounterOpen, ""); err != nil {
		b.Fatal(err)
	}
	return e
}

// rawDB is the floor: the same driver and durability settings, one table,
// one row per autocommitted (fsync'd) INSERT, on the same file system.
func rawDB(b *testing.B) *sql.DB {
	b.Helper()
	db, err := sql.Open("sqlite3", dsn(filepath.Join(b.TempDir(), "raw.db")))
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	b.Cleanup(func() { db.Close() })
	if _, err := db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkIssue measures issuing a ticket (number, ticket row, event with
// its hash, outbox row: one transaction) interleaved with the floor, a raw
// fsync'd one-row insert, and reports both and their ratio (goal ≤ 1.5).
func BenchmarkIssue(b *testing.B) {
	e, raw := benchEngine(b), rawDB(b)
	ctx := context.Background()
	var tIssue, tRaw []time.Duration
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if _, err := raw.ExecContext(ctx, "INSERT INTO t (v) VALUES (?)", "A"+fmt.Sprint(i)); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := e.Issue(ctx, IssueRequest{Service: "BLD"}); err != nil {
			b.Fatal(err)
		}
		tRaw, tIssue = append(tRaw, t1.Sub(t0)), append(tIssue, time.Since(t1))
	}
	b.StopTimer()
	report(b, "issue", tIssue)
	report(b, "raw", tRaw)
	b.ReportMetric(float64(median(tIssue))/float64(median(tRaw)), "issue/raw-p50")
	reportPlanner(b, e)
}

// BenchmarkCallNext10k measures "next" at a counter with 10 000 tickets
// waiting in its two services: the previous ticket is finished and the
// next one chosen and called in one transaction.
func BenchmarkCallNext10k(b *testing.B) {
	e := benchEngine(b)
	ctx := context.Background()
	bulkIssue(b, e, 10_000+b.N)
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := e.CallNext(ctx, 1); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	report(b, "call", lat)
	reportPlanner(b, e)
}

// reportPlanner reports planner-stable 1 when SQLite was built as the
// Makefile builds it (see Engine.PlannerStable), 0 otherwise.
func reportPlanner(b *testing.B, e *Engine) {
	v := 0.0
	if e.PlannerStable(context.Background()) {
		v = 1
	}
	b.ReportMetric(v, "planner-stable")
}

// bulkIssue issues n tickets alternating between the services in one
// transaction, to set up a long queue quickly: from the start of the
// service day, spread evenly up to now.
func bulkIssue(b *testing.B, e *Engine, n int) {
	b.Helper()
	ctx := context.Background()
	err := e.tx(ctx, func(tx *dbtx) error {
		now := e.opts.Clock.Now()
		start := e.dayStart(now)
		step := now.Sub(start) / time.Duration(n+1)
		for i := range n {
			svc := benchServices[i%2]
			at := start.Add(time.Duration(i) * step).Truncate(time.Millisecond)
			t := Ticket{Service: svc.Code, Day: e.serviceDay(at), State: Waiting, Priority: PriorityNone,
				Kind: KindSubmit, IssuedAt: at, QueuedAt: at}
			if err := e.issueTx(ctx, tx, svc, &t, ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func report(b *testing.B, name string, d []time.Duration) {
	b.ReportMetric(float64(median(d).Microseconds()), name+"-p50-µs")
	b.ReportMetric(float64(quantile(d, 0.99).Microseconds()), name+"-p99-µs")
}

func median(d []time.Duration) time.Duration { return quantile(d, 0.5) }

func quantile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(q*float64(len(s)-1))]
}

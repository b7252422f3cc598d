package queue

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // Africa/Cairo without the machine's zoneinfo
)

// benchAt sets the center time (Africa/Cairo) the benchmarks run at, to
// show they pass at any time of day: go test -bench . ./queue -args -clock 00:30
var benchAt = flag.String("clock", "12:00", "center time (HH:MM, Africa/Cairo) of the benchmarks' fake clock")

var benchDate = time.Date(2026, 11, 22, 0, 0, 0, 0, benchLoc)

var benchLoc = func() *time.Location {
	l, err := time.LoadLocation("Africa/Cairo")
	if err != nil {
		panic(err)
	}
	return l
}()

// benchNow is the benchmarks' fixed instant: -clock on 22 November 2026.
func benchNow() time.Time {
	at, err := time.Parse("15:04", *benchAt)
	if err != nil {
		panic(fmt.Sprintf("-clock %q: want HH:MM", *benchAt))
	}
	return benchDate.Add(time.Duration(at.Hour())*time.Hour + time.Duration(at.Minute())*time.Minute)
}

// dayStart is when the service day of now began.
func (e *Engine) dayStart(now time.Time) time.Time {
	d, _ := time.ParseInLocation("2006-01-02", e.serviceDay(now), e.opts.Location)
	return d.Add(e.opts.DayStart)
}

// daySizes are the tickets issued today before each measurement.
var daySizes = []int{1_000, 5_000, 20_000}

// dayOpen is how many of them are still open (waiting) when measured.
const dayOpen = 200

// BenchmarkDay measures each engine call at 1 000, 5 000 and 20 000
// tickets issued today (see buildDay: the same recent arrivals and 200
// waiting at every size), on the default numbering (A001–A999, wrapping),
// and reports the p50 at each size and the growth from 1 000 to 20 000
// (goal ≤ 1.5×). The three days are open at once and measured in turn, so
// that a busy moment of the machine weighs on all sizes alike. Issue and
// CallNext also add to the day as they run: keep -benchtime modest (200x).
func BenchmarkDay(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	calls := []struct {
		name string
		// call returns what to time and what to do untimed before it.
		call func(b *testing.B, e *Engine) (timed, before func() error)
	}{
		{"Stats", func(b *testing.B, e *Engine) (func() error, func() error) {
			return func() error { _, err := e.Stats(ctx); return err }, nil
		}},
		{"EstimateNew", func(b *testing.B, e *Engine) (func() error, func() error) {
			return func() error { _, err := e.EstimateNew(ctx, "BLD"); return err }, nil
		}},
		{"EstimateTicket", func(b *testing.B, e *Engine) (func() error, func() error) {
			id := lastWaiting(b, e)
			return func() error { _, err := e.EstimateTicket(ctx, id); return err }, nil
		}},
		{"CallNext", func(b *testing.B, e *Engine) (func() error, func() error) {
			// before each call the called ticket is started (so next
			// finishes it as done) and one is issued: the queue keeps its length
			return func() error { _, err := e.CallNext(ctx, 1); return err }, func() error {
				if _, err := e.Start(ctx, 1); err != nil && !errorsIsIdle(err) {
					return err
				}
				_, err := e.Issue(ctx, IssueRequest{Service: "BLD"})
				return err
			}
		}},
		{"Issue", func(b *testing.B, e *Engine) (func() error, func() error) {
			return func() error { _, err := e.Issue(ctx, IssueRequest{Service: "BLD"}); return err }, nil
		}},
	}
	for _, c := range calls {
		b.Run(c.name, func(b *testing.B) {
			timed := make([]func() error, len(daySizes))
			before := make([]func() error, len(daySizes))
			for i, n := range daySizes {
				e := openDay(b, dir, n)
				defer e.Close()
				timed[i], before[i] = c.call(b, e)
			}
			lat := make([][]time.Duration, len(daySizes))
			for it := range b.N {
				for k := range daySizes {
					i := (it + k) % len(daySizes) // each size first in turn
					if before[i] != nil {
						if err := before[i](); err != nil {
							b.Fatal(err)
						}
					}
					t0 := time.Now()
					if err := timed[i](); err != nil {
						b.Fatal(err)
					}
					lat[i] = append(lat[i], time.Since(t0))
				}
			}
			for i, n := range daySizes {
				b.ReportMetric(float64(median(lat[i]).Microseconds()), fmt.Sprintf("p50-%dk-µs", n/1000))
			}
			b.ReportMetric(float64(median(lat[len(lat)-1]))/float64(median(lat[0])), "growth-20k/1k")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func errorsIsIdle(err error) bool {
	var se *StateError
	return errors.Is(err, ErrCounterIdle) || errors.As(err, &se)
}

func lastWaiting(b *testing.B, e *Engine) int64 {
	var id int64
	err := e.db.QueryRow("SELECT MAX(id) FROM tickets WHERE state = 'waiting' AND service = 'BLD'").Scan(&id)
	if err != nil {
		b.Fatal(err)
	}
	return id
}

// openDay opens a copy of a day with n tickets issued, built once per size.
func openDay(b *testing.B, dir string, n int) *Engine {
	b.Helper()
	tmpl := filepath.Join(dir, fmt.Sprintf("day-%d.db", n))
	if _, err := os.Stat(tmpl); err != nil {
		buildDay(b, tmpl, n)
	}
	path := filepath.Join(b.TempDir(), "tabour.db")
	if err := copyDB(tmpl, path); err != nil {
		b.Fatal(err)
	}
	e, err := Open(context.Background(), path, dayOptions())
	if err != nil {
		b.Fatal(err)
	}
	return e
}

func dayOptions() Options {
	opts := DefaultOptions()
	opts.Clock, opts.Location = benchClock{}, benchLoc
	return opts
}

// buildDay writes a day of n tickets at tmpl, in one transaction through
// the engine's own issue, call and finish. The last dayRecent tickets
// arrive dayGap apart up to now, the others evenly before them from the
// start of the service day, so every size has the same recent arrivals;
// each ticket is called at counter 1 and served once dayOpen more have
// been issued after it, so that dayOpen wait at the end.
func buildDay(b *testing.B, tmpl string, n int) {
	b.Helper()
	ctx := context.Background()
	e, err := Open(ctx, tmpl+".tmp", dayOptions())
	if err != nil {
		b.Fatal(err)
	}
	if err := e.SyncCatalog(ctx, benchServices, benchCounters); err != nil {
		b.Fatal(err)
	}
	if err := e.SetCounterState(ctx, 1, CounterOpen, ""); err != nil {
		b.Fatal(err)
	}
	now := benchNow()
	at := dayArrivals(e.dayStart(now), now, n)
	err = e.tx(ctx, func(tx *dbtx) error {
		for i := range n {
			svc := benchServices[i%2]
			t := Ticket{Service: svc.Code, Day: e.serviceDay(at[i]), State: Waiting, Priority: PriorityNone,
				Kind: KindSubmit, IssuedAt: at[i], QueuedAt: at[i]}
			if err := e.issueTx(ctx, tx, svc, &t, ""); err != nil {
				return err
			}
			if i >= dayOpen {
				gap := at[i+1].Sub(at[i])
				if err := serveOneTx(ctx, e, tx, at[i].Add(gap/3), at[i].Add(2*gap/3)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err == nil {
		err = e.Close()
	}
	if err == nil {
		err = os.Rename(tmpl+".tmp", tmpl)
	}
	if err != nil {
		b.Fatal(err)
	}
}

const (
	dayRecent = 600             // tickets of the last 20 minutes
	dayGap    = 2 * time.Second // between them, or less in the day's first 40 minutes
)

// dayArrivals are the issue times of n tickets and then now.
func dayArrivals(start, now time.Time, n int) []time.Time {
	at := make([]time.Time, n+1)
	recent := min(n, dayRecent)
	gap := min(dayGap, now.Sub(start)/time.Duration(2*recent+1)) // a young day: closer
	early := now.Add(-time.Duration(recent) * gap)
	step := max(early.Sub(start), 0) / time.Duration(n-recent+1)
	for i := range n {
		if i < n-recent {
			at[i] = start.Add(time.Duration(i) * step)
		} else {
			at[i] = now.Add(-time.Duration(n-i) * gap)
		}
		at[i] = at[i].Truncate(time.Millisecond)
	}
	at[n] = now
	return at
}

// serveOneTx calls the next ticket at counter 1 and finishes it.
func serveOneTx(ctx context.Context, e *Engine, tx *dbtx, call, end time.Time) error {
	call, end = call.Truncate(time.Millisecond), end.Truncate(time.Millisecond)
	cs, err := e.prepareCallTx(ctx, tx, 1, call)
	if err != nil {
		return err
	}
	t, reason, err := e.pickTx(ctx, tx, 1, cs, call)
	if err != nil {
		return err
	}
	if err := e.callTx(ctx, tx, &t, 1, reason, "", "", call); err != nil {
		return err
	}
	return e.finishTx(ctx, tx, &t, end, "")
}

func copyDB(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

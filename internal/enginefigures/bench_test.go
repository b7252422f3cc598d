package enginefigures_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tabour/console"
	"tabour/queue"
)

// busyDay plays n tickets through a real engine on a frozen clock: issued
// a minute apart over the scenario's two services from 08:00, each called,
// started and done at one of two counters.
func busyDay(b *testing.B, n int) (*queue.Engine, *frozenClock) {
	b.Helper()
	ctx := context.Background()
	clock := &frozenClock{}
	clock.set("07:55")
	opts := queue.DefaultOptions()
	opts.Device, opts.Clock, opts.Location, opts.DedupWindow = "kiosk1", clock, cairo, 0
	opts.NumberMax, opts.NumberWidth = 99999, 5
	eng, err := queue.Open(ctx, filepath.Join(b.TempDir(), "tabour.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	if err := eng.SyncCatalog(ctx, scenarioServices, scenarioCounters); err != nil {
		b.Fatal(err)
	}
	for _, c := range []int{1, 2} {
		if err := eng.SetCounterState(ctx, c, queue.CounterOpen, ""); err != nil {
			b.Fatal(err)
		}
	}
	t0 := clock.Now().Add(5 * time.Minute)
	at := func(d time.Duration) { clock.mu.Lock(); clock.t = t0.Add(d); clock.mu.Unlock() }
	for i := range n {
		at(time.Duration(i) * 10 * time.Second)
		svc := "BLD"
		if i%3 == 0 {
			svc = "SHOP"
		}
		if _, err := eng.Issue(ctx, queue.IssueRequest{Service: svc}); err != nil {
			b.Fatal(err)
		}
		if i%2 == 1 { // two counters, each serving one ticket of every two
			for _, c := range []int{2, 1} {
				at(time.Duration(i)*10*time.Second + 2*time.Second)
				if _, err := eng.CallNext(ctx, c); err != nil {
					continue
				}
				at(time.Duration(i)*10*time.Second + 4*time.Second)
				if _, err := eng.Start(ctx, c); err != nil {
					b.Fatal(err)
				}
				at(time.Duration(i)*10*time.Second + 6*time.Second)
				if _, err := eng.Done(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	return eng, clock
}

// BenchmarkManagerPages times what the manager's pages cost the appliance
// on a busy day, next to their floor measured in the same run, in turn:
// the two readings of the day the engine must make for them (its day
// report, and the day's tickets).
//   - live: one dashboard update (every second, per open dashboard);
//   - report: the day report's figures and its five plots drawn as SVG
//     (on request, and every minute per open dashboard).
//
// Goal: the report within 1.5× its floor: the console adds little to
// reading the day.
func BenchmarkManagerPages(b *testing.B) {
	for _, n := range []int{1000, 3000} {
		b.Run(fmt.Sprintf("tickets=%d", n), func(b *testing.B) {
			eng, clock := busyDay(b, n)
			s, _ := scenarioServer(b, eng, clock)
			ctx := context.Background()
			day := eng.Today()
			var floor, live, report []time.Duration
			b.ResetTimer()
			for b.Loop() {
				t := time.Now()
				if _, err := eng.DayReport(ctx, day); err != nil {
					b.Fatal(err)
				}
				if _, err := eng.Tickets(ctx, day); err != nil {
					b.Fatal(err)
				}
				floor = append(floor, time.Since(t))
				b.StopTimer()
				time.Sleep(260 * time.Millisecond) // past the dashboard's cache of the live figures
				b.StartTimer()
				t = time.Now()
				if d := s.Dashboard(ctx, console.AR); d.Error != "" {
					b.Fatal(d.Error)
				}
				live = append(live, time.Since(t))
				t = time.Now()
				charts, err := s.Plots(ctx, day, console.AR)
				if err != nil {
					b.Fatal(err)
				}
				for _, c := range charts {
					_ = c.SVG()
				}
				report = append(report, time.Since(t))
			}
			med := func(ds []time.Duration) time.Duration {
				slices.Sort(ds)
				return ds[len(ds)/2]
			}
			b.ReportMetric(float64(med(floor).Microseconds())/1000, "floor-ms")
			b.ReportMetric(float64(med(live).Microseconds())/1000, "live-ms")
			b.ReportMetric(float64(med(report).Microseconds())/1000, "report-ms")
			b.ReportMetric(float64(med(report))/float64(med(floor)), "report/floor")
			b.ReportMetric(0, "ns/op")
		})
	}
}

package queue

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// costSizes are the waiting tickets in the center when EstimateNew is
// measured.
var costSizes = []int{50, 200, 1000, 5000}

// costCounters are the counters of the cost benchmark's center: twenty,
// each serving both services, so that a new ticket behind a thousand is
// still called within the day.
var costCounters = func() []Counter {
	var cs []Counter
	for n := 1; n <= 20; n++ {
		cs = append(cs, Counter{Number: n, Services: []CounterService{{"BLD", 1}, {"SHOP", 2}}})
	}
	return cs
}()

// BenchmarkEstimateCost measures EstimateNew of BLD with 50, 200, 1 000 and
// 5 000 tickets waiting (half BLD, half SHOP; the latest issued 2 s apart,
// so BLD fills at 900 an hour and the center at 1 800), at twenty open
// counters, under the fake clock (-clock). Before each measurement the
// engine commits an empty transaction, so that no estimate is served from
// the snapshot of the one before: every one reads the center again. It
// reports the p50 at each size and the growth from 50 to 5 000 waiting
// (goal ≤ 3×, and p50 ≤ 10 ms at 1 000).
func BenchmarkEstimateCost(b *testing.B) {
	ctx := context.Background()
	engines := make([]*Engine, len(costSizes))
	for i, n := range costSizes {
		engines[i] = costEngine(b, n)
	}
	lat := make([][]time.Duration, len(costSizes))
	b.ResetTimer()
	for it := range b.N {
		for k := range costSizes {
			i := (it + k) % len(costSizes) // each size first in turn
			e := engines[i]
			if err := e.tx(ctx, func(*dbtx) error { return nil }); err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			est, err := e.EstimateNew(ctx, "BLD")
			lat[i] = append(lat[i], time.Since(t0))
			if err != nil {
				b.Fatal(err)
			}
			if it == 0 && k == 0 && (!est.Known || est.Ahead != costSizes[i]/2) {
				b.Fatalf("%d waiting: %+v", costSizes[i], est)
			}
		}
	}
	b.StopTimer()
	for i, n := range costSizes {
		b.ReportMetric(float64(median(lat[i]).Microseconds()), fmt.Sprintf("p50-%d-µs", n))
	}
	b.ReportMetric(float64(median(lat[len(lat)-1]))/float64(median(lat[0])), "growth-5000/50")
	b.ReportMetric(0, "ns/op")
}

// costEngine opens a center with n tickets waiting, issued through the
// engine's own issue in one transaction: the last 600 (or all) of them
// 2 s apart up to now, the others evenly before them since the start of
// the service day.
func costEngine(b *testing.B, n int) *Engine {
	b.Helper()
	ctx := context.Background()
	opts := dayOptions()
	opts.NumberMax, opts.NumberWidth = 999999, 6
	e, err := Open(ctx, filepath.Join(b.TempDir(), "tabour.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	if err := e.SyncCatalog(ctx, benchServices, costCounters); err != nil {
		b.Fatal(err)
	}
	for _, c := range costCounters {
		if err := e.SetCounterState(ctx, c.Number, CounterOpen, ""); err != nil {
			b.Fatal(err)
		}
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
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

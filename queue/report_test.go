package queue_test

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"tabour/queue"
)

// reportDay plays a small day with known numbers, from 09:00 (minute 0):
//
//	0   issue A001 A002 A003 (BLD, target 30), B001 B002 (SHOP, 20), C001 (OUT, 10)
//	10  counter 3 calls A001, counter 1 calls B001      waits 10, 10
//	11  counter 3 starts A001; 12 counter 1 starts B001
//	15  counter 2 calls C001                            wait 15 (over OUT's 10)
//	18  counter 1 finishes B001 (handling 8, service 6), counter 2 C001 from called (3, 3)
//	20  counter 3 finishes A001 (10, 9) and calls A002  wait 20
//	25  A002 is a no-show (final: no recycling)
//	30  issue B003; 35 it is cancelled
//	40  counter 1 calls B002                            wait 40 (over SHOP's 20)
//	41  counter 1 calls A003: B002 passed over          wait 41 (over BLD's 30)
//	45  issue C002, which never is called
//
// A001, A002 and B001 were promised 10, 15 and 4 min (ranges 5–15, 10–18,
// 2–6), C001 an unknown wait; A003, B002 nothing.
func reportDay(t *testing.T) *fixture {
	f := newFixture(t, func(o *queue.Options) { o.RecycleNoShows = 0 })
	start := f.clock.Now()
	at := func(min int) { f.clock.Advance(start.Add(time.Duration(min) * time.Minute).Sub(f.clock.Now())) }
	call := func(counter int, tk queue.Ticket) {
		t.Helper()
		_, err := f.CallTicket(f.ctx, counter, tk.ID, "other")
		f.must(err)
	}
	a1, a2, a3 := f.issue("BLD", ""), f.issue("BLD", ""), f.issue("BLD", "")
	b1, b2 := f.issue("SHOP", ""), f.issue("SHOP", "")
	c1 := f.issue("OUT", "")
	for _, p := range []struct {
		tk              queue.Ticket
		known           bool
		wait, low, high int
	}{{a1, true, 10, 5, 15}, {a2, true, 15, 10, 18}, {b1, true, 4, 2, 6}, {c1, false, 0, 0, 0}} {
		_, err := f.DB().ExecContext(f.ctx, `INSERT INTO promises (ticket_id, at, known, wait_ms, low_ms, high_ms)
			VALUES (?, ?, ?, ?, ?, ?)`, p.tk.ID, p.tk.IssuedAt.UnixMilli(), p.known,
			p.wait*60000, p.low*60000, p.high*60000)
		f.must(err)
	}
	at(10)
	call(3, a1)
	call(1, b1)
	at(11)
	f.must(ignore(f.Start(f.ctx, 3)))
	at(12)
	f.must(ignore(f.Start(f.ctx, 1)))
	at(15)
	call(2, c1)
	at(18)
	f.must(ignore(f.Done(f.ctx, 1)))
	f.must(ignore(f.Done(f.ctx, 2)))
	at(20)
	f.must(ignore(f.Done(f.ctx, 3)))
	call(3, a2)
	at(25)
	f.must(ignore(f.NoShow(f.ctx, 3)))
	at(30)
	b3 := f.issue("SHOP", "")
	at(35)
	f.must(ignore(f.Cancel(f.ctx, b3.ID, "left")))
	at(40)
	call(1, b2)
	at(41)
	call(1, a3)
	at(45)
	f.issue("OUT", "")
	return f
}

func TestDayReport(t *testing.T) {
	f := reportDay(t)
	m := func(min float64) time.Duration { return time.Duration(min * float64(time.Minute)) }
	acc := func(tickets, unknown, long int, mape float64, bias time.Duration, w20, w5, in float64) queue.Accuracy {
		return queue.Accuracy{Day: "2026-11-22", Tickets: tickets, Unknown: unknown, Long: long, MAPE: mape,
			Bias: bias, Within20: w20, Within5: w5, InRange: in}
	}
	bld := queue.ServiceReport{Service: "BLD", Name: testServices[0].Name, TargetWait: m(30),
		Issued: 3, Called: 3, Served: 1, NoShows: 1, Open: 1,
		MeanWait: m(23) + 40*time.Second, P90Wait: m(41), WithinTarget: 2.0 / 3,
		MeanHandling: m(10), MeanService: m(9),
		Accuracy: acc(2, 0, 2, 0.125, -m(2.5), 0.5, 1, 0.5)}
	shop := queue.ServiceReport{Service: "SHOP", Name: testServices[1].Name, TargetWait: m(20),
		Issued: 3, Called: 2, Served: 1, NotStarted: 1, Cancelled: 1,
		MeanWait: m(25), P90Wait: m(40), WithinTarget: 0.5, MeanHandling: m(8), MeanService: m(6),
		Accuracy: acc(1, 0, 1, 0.6, -m(6), 0, 0, 0)}
	out := queue.ServiceReport{Service: "OUT", Name: testServices[2].Name, TargetWait: m(10),
		Issued: 2, Called: 1, Served: 1, Open: 1,
		MeanWait: m(15), P90Wait: m(15), WithinTarget: 0, MeanHandling: m(3), MeanService: m(3),
		Accuracy: acc(1, 1, 0, 0, 0, 0, 0, 0)}
	total := queue.ServiceReport{Issued: 8, Called: 6, Served: 3, NoShows: 1, NotStarted: 1, Cancelled: 1, Open: 2,
		MeanWait: m(22) + 40*time.Second, P90Wait: m(41), WithinTarget: 0.5, MeanHandling: m(7), MeanService: m(6),
		Accuracy: acc(4, 1, 3, (0+0.25+0.6)/3, -m(3)-40*time.Second, 1.0/3, 2.0/3, 1.0/3)}
	counters := []queue.CounterReport{
		{Number: 1, Label: testCounters[0].Label, Served: 1, MeanHandling: m(8)},
		{Number: 2, Label: testCounters[1].Label, Served: 1, MeanHandling: m(3)},
		{Number: 3, Label: testCounters[2].Label, Served: 1, MeanHandling: m(10)},
	}
	check := func(when string, r queue.DayReport, closed bool) {
		t.Helper()
		if r.Day != "2026-11-22" || r.Closed != closed || !r.AsOf.Equal(f.clock.Now()) {
			t.Errorf("%s: day %s closed %v as of %v", when, r.Day, r.Closed, r.AsOf)
		}
		want := []queue.ServiceReport{bld, out, shop} // by code
		if len(r.Services) != len(want) {
			t.Fatalf("%s: %d services, want %d", when, len(r.Services), len(want))
		}
		for i, w := range want {
			sameService(t, when+" "+w.Service, r.Services[i], w)
		}
		sameService(t, when+" total", r.Total, total)
		if !reflect.DeepEqual(r.Counters, counters) {
			t.Errorf("%s: counters\n got %+v\nwant %+v", when, r.Counters, counters)
		}
		a, err := f.Accuracy(f.ctx, "2026-11-22")
		f.must(err)
		if a != r.Total.Accuracy {
			t.Errorf("%s: total accuracy %+v, Accuracy says %+v", when, r.Total.Accuracy, a)
		}
	}

	r, err := f.DayReport(f.ctx, "")
	f.must(err)
	check("running", r, false)

	// The next morning the day closes: A003 (called) and C002 (waiting)
	// expire, and the report of the day reads the same otherwise.
	f.clock.Advance(24 * time.Hour)
	f.must(f.CloseDay(f.ctx))
	bld.Open, bld.Expired = 0, 1
	out.Open, out.Expired = 0, 1
	total.Open, total.Expired = 0, 2
	r, err = f.DayReport(f.ctx, "2026-11-22")
	f.must(err)
	check("closed", r, true)
	prev, err := f.PreviousDay(f.ctx, f.Today())
	f.must(err)
	if f.Today() != "2026-11-23" || prev != "2026-11-22" {
		t.Errorf("today %s, previous day %s", f.Today(), prev)
	}
}

// sameService compares two service reports, the shares to a rounding.
func sameService(t *testing.T, what string, got, want queue.ServiceReport) {
	t.Helper()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(got.WithinTarget, want.WithinTarget) || !near(got.Accuracy.MAPE, want.Accuracy.MAPE) ||
		!near(got.Accuracy.Within20, want.Accuracy.Within20) || !near(got.Accuracy.Within5, want.Accuracy.Within5) ||
		!near(got.Accuracy.InRange, want.Accuracy.InRange) {
		t.Errorf("%s: shares\n got %+v\nwant %+v", what, got, want)
		return
	}
	got.WithinTarget, got.Accuracy.MAPE, got.Accuracy.Within20, got.Accuracy.Within5, got.Accuracy.InRange =
		want.WithinTarget, want.Accuracy.MAPE, want.Accuracy.Within20, want.Accuracy.Within5, want.Accuracy.InRange
	if got != want {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// TestDayReportEmpty: a day without tickets reports every active service
// and counter with zeros; a past one is closed, today is not; a day that
// is not a date is refused.
func TestDayReportEmpty(t *testing.T) {
	f := newFixture(t, nil)
	for _, day := range []string{"", "2026-11-01"} {
		r, err := f.DayReport(f.ctx, day)
		f.must(err)
		want := queue.DayReport{Day: "2026-11-22", AsOf: f.clock.Now().UTC(), Total: queue.ServiceReport{
			Accuracy: queue.Accuracy{Day: "2026-11-22"}}}
		if day != "" {
			want.Day, want.Total.Accuracy.Day, want.Closed = day, day, true
		}
		for _, s := range []queue.Service{testServices[0], testServices[2], testServices[1]} {
			want.Services = append(want.Services, queue.ServiceReport{Service: s.Code, Name: s.Name,
				TargetWait: s.TargetWait(), Accuracy: queue.Accuracy{Day: want.Day}})
		}
		for _, c := range testCounters {
			want.Counters = append(want.Counters, queue.CounterReport{Number: c.Number, Label: c.Label})
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("empty day %q:\n got %+v\nwant %+v", day, r, want)
		}
	}
	for _, day := range []string{"22/11/2026", "2026-13-01", "today"} {
		if _, err := f.DayReport(f.ctx, day); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("day %q: %v", day, err)
		}
	}
	if prev, err := f.PreviousDay(f.ctx, f.Today()); err != nil || prev != "" {
		t.Errorf("previous day of an empty file: %q, %v", prev, err)
	}
}

package sim

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"tabour/queue"
)

// Result is the score of one simulated day.
type Result struct {
	Scenario string
	Issued   int
	Called   int // tickets called at least once (the others expired)
	// Overall, ByHour (of issue, "08".."14") and ByService hold one
	// Accuracy per estimator, in the order of Estimators.
	Overall   []queue.Accuracy
	ByHour    map[string][]queue.Accuracy
	ByService map[string][]queue.Accuracy
	// Unknown counts tickets each estimator could not estimate.
	Unknown []int
	// Range is how the forecast's range did: the share of actual waits
	// inside it and its median width over its midpoint, for all tickets
	// and for waits of 5 minutes or more.
	Range, RangeLong RangeScore
	// Engine is the engine's own accuracy report of the day's promises.
	Engine queue.Accuracy
	// Tickets are the called tickets one by one.
	Tickets []TicketScore
}

// TicketScore is one called ticket: what each estimator told it at issue
// (in the order of Estimators; Known false when it could not), the
// forecast's range, and the wait it had.
type TicketScore struct {
	Service   string
	Issued    time.Time
	Wait      time.Duration
	Estimates []time.Duration
	Known     []bool
	Low, High time.Duration
}

// RangeScore is how a printed range did.
type RangeScore struct {
	N           int
	Inside      float64
	MedianWidth float64 // (high − low) ÷ ((high + low) / 2)
}

func (r *run) result() (*Result, error) {
	res := &Result{Scenario: r.sc.Name, Issued: len(r.order), ByHour: map[string][]queue.Accuracy{},
		ByService: map[string][]queue.Accuracy{}, Unknown: make([]int, len(Estimators))}
	all := make([]queue.Scorer, len(Estimators))
	byHour := map[string][]queue.Scorer{}
	bySvc := map[string][]queue.Scorer{}
	var rng, rngLong rangeAcc
	for _, t := range r.order {
		if t.called.IsZero() {
			continue
		}
		res.Called++
		actual := t.called.Sub(t.issued)
		res.Tickets = append(res.Tickets, TicketScore{Service: t.service, Issued: t.issued, Wait: actual,
			Estimates: append([]time.Duration(nil), t.est[:]...), Known: append([]bool(nil), t.known[:]...),
			Low: t.low, High: t.high})
		hour := t.issued.In(r.day.Location()).Format("15")
		if byHour[hour] == nil {
			byHour[hour] = make([]queue.Scorer, len(Estimators))
		}
		if bySvc[t.service] == nil {
			bySvc[t.service] = make([]queue.Scorer, len(Estimators))
		}
		for i := range Estimators {
			if !t.known[i] {
				res.Unknown[i]++
				continue
			}
			for _, sc := range []*queue.Scorer{&all[i], &byHour[hour][i], &bySvc[t.service][i]} {
				sc.Add(t.est[i], actual)
				if i == estForecast {
					sc.AddRange(t.low, t.high, actual)
				}
			}
		}
		if t.known[estForecast] {
			rng.add(t.low, t.high, actual)
			if actual >= queue.LongWait {
				rngLong.add(t.low, t.high, actual)
			}
		}
	}
	res.Overall = accuracies(all)
	for h, s := range byHour {
		res.ByHour[h] = accuracies(s)
	}
	for c, s := range bySvc {
		res.ByService[c] = accuracies(s)
	}
	res.Range, res.RangeLong = rng.score(), rngLong.score()
	var err error
	res.Engine, err = r.eng.Accuracy(r.ctx, r.day.Format("2006-01-02"))
	return res, err
}

func accuracies(s []queue.Scorer) []queue.Accuracy {
	out := make([]queue.Accuracy, len(s))
	for i := range s {
		out[i] = s[i].Accuracy()
	}
	return out
}

type rangeAcc struct {
	n, inside int
	widths    []float64
}

func (a *rangeAcc) add(low, high, actual time.Duration) {
	a.n++
	if actual >= low && actual <= high {
		a.inside++
	}
	if mid := float64(low+high) / 2; mid > 0 {
		a.widths = append(a.widths, float64(high-low)/mid)
	}
}

func (a *rangeAcc) score() RangeScore {
	s := RangeScore{N: a.n}
	if a.n > 0 {
		s.Inside = float64(a.inside) / float64(a.n)
	}
	if len(a.widths) > 0 {
		sort.Float64s(a.widths)
		s.MedianWidth = a.widths[len(a.widths)/2]
	}
	return s
}

// Print writes the result as text tables.
func (res *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "== %s: %d tickets issued, %d called\n", res.Scenario, res.Issued, res.Called)
	fmt.Fprintf(w, "%-9s %6s %8s %6s %6s %6s %8s\n", "estimator", "MAPE", "bias", "±20%", "±5min", "n≥5m", "unknown")
	for i, name := range Estimators {
		a := res.Overall[i]
		fmt.Fprintf(w, "%-9s %5.0f%% %8s %5.0f%% %5.0f%% %6d %8d\n", name, 100*a.MAPE, minutes(a.Bias),
			100*a.Within20, 100*a.Within5, a.Long, res.Unknown[i])
	}
	fmt.Fprintf(w, "forecast range: %.0f%% of waits inside, median width %.0f%% of its midpoint (waits ≥ 5 min: %.0f%% inside, width %.0f%%)\n",
		100*res.Range.Inside, 100*res.Range.MedianWidth, 100*res.RangeLong.Inside, 100*res.RangeLong.MedianWidth)
	fmt.Fprintf(w, "engine's own report of its promises: %d tickets, MAPE %.0f%%, bias %s, range kept %.0f%%\n",
		res.Engine.Tickets, 100*res.Engine.MAPE, minutes(res.Engine.Bias), 100*res.Engine.InRange)
	res.printBy(w, "hour", res.ByHour)
	res.printBy(w, "service", res.ByService)
	fmt.Fprintln(w)
}

func (res *Result) printBy(w io.Writer, what string, m map[string][]queue.Accuracy) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "by %s (MAPE / bias):\n", what)
	var b strings.Builder
	fmt.Fprintf(&b, "  %-7s %5s", what, "n")
	for _, name := range Estimators {
		fmt.Fprintf(&b, " %16s", name)
	}
	fmt.Fprintln(w, b.String())
	for _, k := range keys {
		b.Reset()
		fmt.Fprintf(&b, "  %-7s %5d", k, m[k][0].Tickets)
		for _, a := range m[k] {
			fmt.Fprintf(&b, " %5.0f%% %9s", 100*a.MAPE, minutes(a.Bias))
		}
		fmt.Fprintln(w, b.String())
	}
}

func minutes(d time.Duration) string {
	return fmt.Sprintf("%+.1fm", d.Minutes())
}

package console

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"slices"
	"time"

	"tabour/console/chart"
	tl "tabour/lang"
)

// dayData is what the plots and the report of one service day are drawn
// from.
type dayData struct {
	day     string
	today   bool
	now     time.Time
	loc     *time.Location
	start   time.Time // the service day's start
	report  DayReport
	tickets []Ticket
	changes []CounterChange
	svcs    []Service
	ratings []Rating
	// states are the counters' states now (today) or at the day's end.
	states map[int]string
}

func (s *Server) loadDay(ctx context.Context, day string) (*dayData, error) {
	f := s.o.Figures
	loc, dayStart := f.Zone()
	d := &dayData{day: day, now: s.o.Now(), loc: loc, states: map[int]string{}}
	if d.loc == nil {
		d.loc = time.UTC
	}
	d.today = day == f.Today()
	t0, err := time.ParseInLocation(time.DateOnly, day, d.loc)
	if err != nil {
		return nil, err
	}
	d.start = t0.Add(dayStart)
	if d.report, err = f.DayReport(ctx, day); err != nil {
		return nil, err
	}
	if d.tickets, err = f.Tickets(ctx, day); err != nil {
		return nil, err
	}
	if d.changes, err = f.CounterChanges(ctx, day); err != nil {
		return nil, err
	}
	if d.svcs, err = f.Services(ctx); err != nil {
		return nil, err
	}
	if d.ratings, err = f.Ratings(ctx, day); err != nil {
		return nil, err
	}
	if d.today {
		st, err := f.Stats(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range st.Counters {
			d.states[c.Number] = c.State
		}
	}
	return d, nil
}

// hours are the whole hours the plots span: from the first activity (or
// 8:00) to the last (or now, today; or 15:00), in local time, as offsets
// from the day's start.
func (d *dayData) hours() (first, last int) {
	first, last = 8, 15
	hour := func(t time.Time) int { return int(t.Sub(d.start) / time.Hour) }
	for _, t := range d.tickets {
		first = min(first, hour(t.IssuedAt))
		last = max(last, hour(t.IssuedAt))
		if !t.EndedAt.IsZero() {
			last = max(last, hour(t.EndedAt))
		}
	}
	if d.today {
		last = max(last, hour(d.now))
	}
	return max(first, 0), min(last, 47)
}

func (d *dayData) hourLabel(h int) string {
	return d.start.Add(time.Duration(h) * time.Hour).In(d.loc).Format("15")
}

// until is the end of what is known: now, today; the day's last moment
// with something in it, else.
func (d *dayData) until() time.Time {
	if d.today {
		return d.now
	}
	_, last := d.hours()
	return d.start.Add(time.Duration(last+1) * time.Hour)
}

// serviceName is the short name of a service in a legend.
func (d *dayData) serviceName(code string, l Lang) string {
	for _, s := range d.svcs {
		if s.Code == code {
			n := s.Name.In(tl.Lang(l))
			if r := []rune(n); len(r) > 28 {
				n = string(r[:27]) + "…"
			}
			if s.Prefix != "" {
				return s.Prefix + " · " + n
			}
			return n
		}
	}
	return code
}

// topServices are the day's services by tickets issued, at most n, and
// whether there were others.
func (d *dayData) topServices(n int) (codes []string, more bool) {
	count := map[string]int{}
	for _, t := range d.tickets {
		count[t.Service]++
	}
	for c := range count {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(codes) > n {
		return codes[:n], true
	}
	return codes, false
}

const otherServices = "\x00others"

// waitingChart: people waiting through the day, every quarter hour, per
// service. Each ticket adds one from its issue to its first call (or its
// end, if never called): counted by a sweep over the day's quarters.
func (d *dayData) waitingChart(l Lang) chart.Chart {
	first, last := d.hours()
	codes, more := d.topServices(5)
	c := chart.Chart{Title: word(l, "p_waiting"), YLabel: word(l, "people"), RTL: l == AR, Empty: word(l, "p_empty")}
	q0, q1 := first*4, (last+1)*4
	n := q1 - q0 + 1
	var at []time.Time
	for q := q0; q <= q1; q++ {
		t := d.start.Add(time.Duration(q) * 15 * time.Minute)
		at = append(at, t)
		label := ""
		if q%4 == 0 {
			label = t.In(d.loc).Format("15")
		}
		c.Categories = append(c.Categories, label)
	}
	// the first sample at or after t
	index := func(t time.Time) int {
		k := int(math.Ceil(float64(t.Sub(d.start)) / float64(15*time.Minute)))
		return min(max(k-q0, 0), n)
	}
	row := map[string]int{}
	for i, code := range codes {
		row[code] = i
	}
	other := len(codes)
	delta := make([][]int, other+1)
	for i := range delta {
		delta[i] = make([]int, n+1)
	}
	for _, k := range d.tickets {
		r, ok := row[k.Service]
		if !ok {
			r = other
		}
		end := k.FirstCalledAt
		if end.IsZero() {
			end = k.EndedAt // cancelled or expired unseen
		}
		from, to := index(k.IssuedAt), n
		if !end.IsZero() {
			to = index(end)
		}
		if from < to {
			delta[r][from]++
			delta[r][to]--
		}
	}
	if more {
		codes = append(codes, otherServices)
	}
	for r, code := range codes {
		s := chart.Series{Line: true, Name: word(l, "others")}
		if code != otherServices {
			s.Name = d.serviceName(code, l)
		}
		v := 0
		for i, t := range at {
			v += delta[r][i]
			if t.After(d.until()) {
				s.Values = append(s.Values, math.NaN())
				continue
			}
			s.Values = append(s.Values, float64(v))
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// waitChart: the mean wait (issue to first call, minutes) of the tickets
// first called in each hour, per service.
func (d *dayData) waitChart(l Lang) chart.Chart {
	first, last := d.hours()
	codes, _ := d.topServices(5)
	c := chart.Chart{Title: word(l, "p_wait"), YLabel: word(l, "minutes"), RTL: l == AR, Empty: word(l, "p_empty")}
	for h := first; h <= last; h++ {
		c.Categories = append(c.Categories, d.hourLabel(h))
	}
	for _, code := range codes {
		s := chart.Series{Name: d.serviceName(code, l), Line: true}
		sum := make([]time.Duration, last-first+1)
		n := make([]int, last-first+1)
		for _, t := range d.tickets {
			if t.Service != code || t.FirstCalledAt.IsZero() {
				continue
			}
			h := int(t.FirstCalledAt.Sub(d.start)/time.Hour) - first
			if h < 0 || h >= len(n) {
				continue
			}
			sum[h] += t.FirstCalledAt.Sub(t.IssuedAt)
			n[h]++
		}
		for i := range n {
			if n[i] == 0 {
				s.Values = append(s.Values, math.NaN())
			} else {
				s.Values = append(s.Values, roundTo((sum[i]/time.Duration(n[i])).Minutes(), 1))
			}
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// serviceTimeBins are the service-time histogram's bins, in minutes.
var serviceTimeBins = []float64{2, 5, 10, 15, 20, 30}

// serviceTimeChart: how long the tickets served took (start to end), by
// counter, in bins of minutes.
func (d *dayData) serviceTimeChart(l Lang) chart.Chart {
	c := chart.Chart{Title: word(l, "p_service"), YLabel: word(l, "tickets"), RTL: l == AR, Empty: word(l, "p_empty")}
	lo := 0.0
	for _, b := range serviceTimeBins {
		c.Categories = append(c.Categories, fmt.Sprintf("%g–%g", lo, b))
		lo = b
	}
	c.Categories = append(c.Categories, fmt.Sprintf("%g+", lo))
	counts := map[int][]float64{}
	for _, t := range d.tickets {
		if t.State != TicketDone || t.Counter == 0 || t.StartedAt.IsZero() {
			continue
		}
		if counts[t.Counter] == nil {
			counts[t.Counter] = make([]float64, len(c.Categories))
		}
		m := t.EndedAt.Sub(t.StartedAt).Minutes()
		i, _ := slices.BinarySearch(serviceTimeBins, m)
		if i < len(serviceTimeBins) && serviceTimeBins[i] == m {
			i++ // a bin holds its lower bound, not its upper
		}
		counts[t.Counter][i]++
	}
	nums := make([]int, 0, len(counts))
	for n := range counts {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("%s %d", word(l, "counter"), n), Values: counts[n]})
	}
	return c
}

// openMinutes is, for each hour from first to last, the minutes counters
// were open (paused and closed counters serve nobody).
func (d *dayData) openMinutes(first, last int) []float64 {
	out := make([]float64, last-first+1)
	byCounter := map[int][]CounterChange{}
	for _, ch := range d.changes {
		byCounter[ch.Counter] = append(byCounter[ch.Counter], ch)
	}
	for n, st := range d.states {
		if _, ok := byCounter[n]; !ok && st == CounterOpen {
			byCounter[n] = nil // open all day, as far as the log tells
		}
	}
	end := d.until()
	for n, chs := range byCounter {
		state := d.states[n]
		if len(chs) > 0 {
			state = chs[0].From
		}
		from := d.start
		add := func(a, b time.Time) {
			for h := first; h <= last; h++ {
				hs := d.start.Add(time.Duration(h) * time.Hour)
				he := hs.Add(time.Hour)
				lo, hi := maxTime(a, hs), minTime(b, he)
				if hi.After(lo) {
					out[h-first] += hi.Sub(lo).Minutes()
				}
			}
		}
		for _, ch := range chs {
			if state == CounterOpen {
				add(from, ch.At)
			}
			state, from = ch.To, ch.At
		}
		if state == CounterOpen {
			add(from, end)
		}
	}
	return out
}

// arrivalsChart: tickets issued in each hour against how many the open
// counters could serve in it (open minutes ÷ the day's mean handling
// time), and how many were served.
func (d *dayData) arrivalsChart(l Lang) chart.Chart {
	first, last := d.hours()
	c := chart.Chart{Title: word(l, "p_arrivals"), YLabel: word(l, "tickets"), RTL: l == AR, Empty: word(l, "p_empty")}
	arr := make([]float64, last-first+1)
	served := make([]float64, last-first+1)
	for h := first; h <= last; h++ {
		c.Categories = append(c.Categories, d.hourLabel(h))
	}
	for _, t := range d.tickets {
		if h := int(t.IssuedAt.Sub(d.start)/time.Hour) - first; h >= 0 && h < len(arr) {
			arr[h]++
		}
		if t.State == TicketDone {
			if h := int(t.EndedAt.Sub(d.start)/time.Hour) - first; h >= 0 && h < len(arr) {
				served[h]++
			}
		}
	}
	c.Series = append(c.Series, chart.Series{Name: word(l, "arrivals"), Values: arr},
		chart.Series{Name: word(l, "served_h"), Values: served})
	if aht := d.report.Total.MeanHandling; aht > 0 {
		capacity := d.openMinutes(first, last)
		for i := range capacity {
			if d.start.Add(time.Duration(first+i) * time.Hour).After(d.until()) {
				capacity[i] = math.NaN() // not yet
				continue
			}
			capacity[i] = roundTo(capacity[i]/aht.Minutes(), 1)
		}
		c.Series = append(c.Series, chart.Series{Name: word(l, "capacity"), Values: capacity, Line: true, Dashed: true})
	}
	return c
}

// accuracyChart: for each service, the share of the tickets called whose
// wait fell in the range they were told, and within 5 minutes of the
// estimate.
func (d *dayData) accuracyChart(l Lang) chart.Chart {
	c := chart.Chart{Title: word(l, "p_accuracy"), YLabel: "%", RTL: l == AR, Empty: word(l, "p_empty"),
		YFormat: func(v float64) string { return fmt.Sprintf("%.0f", v) }}
	in, near := chart.Series{Name: word(l, "in_range")}, chart.Series{Name: word(l, "within_5")}
	for _, s := range d.report.Services {
		if s.Promised <= 0 {
			continue
		}
		label := s.Service
		for _, sv := range d.svcs {
			if sv.Code == s.Service && sv.Prefix != "" {
				label = sv.Prefix
			}
		}
		c.Categories = append(c.Categories, label)
		in.Values = append(in.Values, math.Round(s.InRange*100))
		near.Values = append(near.Values, math.Round(s.Within5m*100))
	}
	c.Series = []chart.Series{in, near}
	return c
}

// charts are the day's plots in l: people waiting, the mean wait, arrivals
// against capacity, service times, estimate accuracy, citizens' ratings.
func (d *dayData) charts(l Lang) []chart.Chart {
	return []chart.Chart{d.waitingChart(l), d.waitChart(l), d.arrivalsChart(l), d.serviceTimeChart(l), d.accuracyChart(l),
		d.ratingsChart(l)}
}

// ratingsChart: the citizens' ratings made in each hour: unhappy (1 or 2),
// neither (3), happy (4 or 5).
func (d *dayData) ratingsChart(l Lang) chart.Chart {
	first, last := d.hours()
	c := chart.Chart{Title: word(l, "p_ratings"), YLabel: word(l, "ratings_n"), RTL: l == AR, Empty: word(l, "p_empty")}
	for h := first; h <= last; h++ {
		c.Categories = append(c.Categories, d.hourLabel(h))
	}
	groups := [3][]float64{}
	for i := range groups {
		groups[i] = make([]float64, last-first+1)
	}
	for _, r := range d.ratings {
		h := int(r.At.Sub(d.start)/time.Hour) - first
		if h < 0 || h > last-first {
			continue
		}
		switch {
		case r.Score <= 2:
			groups[0][h]++
		case r.Score == 3:
			groups[1][h]++
		default:
			groups[2][h]++
		}
	}
	c.Series = []chart.Series{{Name: word(l, "r_unhappy"), Values: groups[0]}, {Name: word(l, "r_neither"), Values: groups[1]},
		{Name: word(l, "r_happy"), Values: groups[2]}}
	return c
}

// plots draws the day's plots in l.
func (d *dayData) plots(l Lang) []template.HTML {
	var out []template.HTML
	for _, c := range d.charts(l) {
		out = append(out, c.SVG())
	}
	return out
}

// Plots are the plots of a service day (YYYY-MM-DD) in l, as the
// dashboard and the day report draw them: people waiting each quarter
// hour per service, the mean wait by the hour of the call, arrivals each
// hour against the open counters' capacity and the served, service times
// per counter, and the estimates' accuracy per service.
func (s *Server) Plots(ctx context.Context, day string, l Lang) ([]chart.Chart, error) {
	if s.o.Figures == nil {
		return nil, errors.New("console: no figures")
	}
	d, err := s.loadDay(ctx, day)
	if err != nil {
		return nil, err
	}
	return d.charts(l), nil
}

func roundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

package queue

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"tabour/lang"
)

// The day report is what a center manager reads at the end of the day:
// for each service and in total, what became of the tickets issued, how
// long they waited and how long counters took with them, and how well the
// waits promised at issue were kept. It reads the day's tickets once
// (unlike Stats, which reads the few rows the triggers keep): it is run on
// request and once a minute by the MQTT bus, never by a command.

// ServiceReport is one service's day, or the center's in DayReport.Total
// (Service empty). A ticket counts in the service it was last queued in.
// The states add up: Issued = Served + NoShows + NotStarted + Cancelled +
// Expired + Open.
type ServiceReport struct {
	Service    string        `json:"service,omitempty"`
	Name       lang.Text     `json:"name"`
	TargetWait time.Duration `json:"target_wait,omitempty"`
	Issued     int           `json:"issued"`
	Called     int           `json:"called"`      // called at least once
	Served     int           `json:"served"`      // done
	NoShows    int           `json:"no_shows"`    // ended as no-shows (recycled ones count as what they became)
	NotStarted int           `json:"not_started"` // called, then passed over by the counter's next call
	Cancelled  int           `json:"cancelled"`
	Expired    int           `json:"expired"` // still open when the day closed
	Open       int           `json:"open"`    // waiting, called, serving or held (the day runs, or is not yet closed)
	// Waits run from issue to the first call, over the tickets called.
	MeanWait time.Duration `json:"mean_wait"`
	P90Wait  time.Duration `json:"p90_wait"` // nearest rank
	// WithinTarget is the share of the called tickets first called within
	// their service's target wait.
	WithinTarget float64 `json:"within_target"`
	// MeanHandling is call to end, MeanService start to end, over the
	// tickets served.
	MeanHandling time.Duration `json:"mean_handling"`
	MeanService  time.Duration `json:"mean_service"`
	// Accuracy scores the waits promised at issue (see Engine.Accuracy).
	Accuracy Accuracy `json:"accuracy"`
}

// CounterReport is one counter's day: the tickets it served and how long
// it took with them, call to end.
type CounterReport struct {
	Number       int           `json:"number"`
	Label        lang.Text     `json:"label"`
	Served       int           `json:"served"`
	MeanHandling time.Duration `json:"mean_handling"`
}

// DayReport is the report of one service day.
type DayReport struct {
	Day  string    `json:"day"`
	AsOf time.Time `json:"as_of"`
	// Closed: the day is over and none of its tickets is open any more
	// (the first write of the next day, or CloseDay, expired them).
	Closed   bool            `json:"closed"`
	Total    ServiceReport   `json:"total"`
	Services []ServiceReport `json:"services"` // the active services, and any other with tickets that day
	Counters []CounterReport `json:"counters"` // the active counters, and any other that served that day
}

// DayReport reports a service day (YYYY-MM-DD; "" is today), while it
// runs or after it closed.
func (e *Engine) DayReport(ctx context.Context, day string) (DayReport, error) {
	now := e.opts.Clock.Now()
	today := e.serviceDay(now)
	if day == "" {
		day = today
	}
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return DayReport{}, fmt.Errorf("queue: report: day %q is not YYYY-MM-DD", day)
	}
	if err := e.writePromises(ctx); err != nil {
		return DayReport{}, err
	}
	svcs, ctrs, err := e.reportCatalog(ctx)
	if err != nil {
		return DayReport{}, err
	}
	acc := newDayAccum(svcs, ctrs)
	if err := e.scanDay(ctx, day, acc); err != nil {
		return DayReport{}, err
	}
	r := acc.report(day)
	r.Day, r.AsOf = day, now.UTC()
	r.Closed = day < today && r.Total.Open == 0
	return r, nil
}

// PreviousDay is the latest service day before day that has tickets, ""
// if none.
func (e *Engine) PreviousDay(ctx context.Context, day string) (string, error) {
	var prev sql.NullString
	if err := e.db.QueryRowContext(ctx, "SELECT MAX(day) FROM tickets WHERE day < ?", day).Scan(&prev); err != nil {
		return "", fmt.Errorf("queue: previous day: %w", err)
	}
	return prev.String, nil
}

// writePromises writes the promises noted but not yet written, so that the
// report scores every ticket promised so far.
func (e *Engine) writePromises(ctx context.Context) error {
	e.promises.mu.Lock()
	pending := len(e.promises.pending)
	e.promises.mu.Unlock()
	if pending == 0 {
		return nil
	}
	return e.tx(ctx, func(*dbtx) error { return nil })
}

// reportCatalog reads every service (a service retired since still names
// its tickets) and every counter.
func (e *Engine) reportCatalog(ctx context.Context) ([]reportService, []reportCounter, error) {
	var svcs []reportService
	err := e.each(ctx, `SELECT code, name_ar, name_en, target_wait_min, active FROM services ORDER BY code`,
		func(r *sql.Rows) error {
			var s reportService
			err := r.Scan(&s.code, &s.name.AR, &s.name.EN, &s.targetMin, &s.active)
			svcs = append(svcs, s)
			return err
		})
	if err != nil {
		return nil, nil, err
	}
	var ctrs []reportCounter
	err = e.each(ctx, `SELECT number, label_ar, label_en, active FROM counters ORDER BY number`,
		func(r *sql.Rows) error {
			var c reportCounter
			err := r.Scan(&c.number, &c.label.AR, &c.label.EN, &c.active)
			ctrs = append(ctrs, c)
			return err
		})
	return svcs, ctrs, err
}

// scanDay reads the day's tickets with their promises into acc.
func (e *Engine) scanDay(ctx context.Context, day string, acc *dayAccum) error {
	return e.each(ctx, qReportDay, func(r *sql.Rows) error {
		var t reportTicket
		var known sql.NullBool
		var wait, low, high, at sql.NullInt64
		err := r.Scan(&t.service, &t.state, &t.counter, &t.issued, &t.firstCalled, &t.called, &t.started,
			&t.ended, &known, &wait, &low, &high, &at)
		if err != nil {
			return err
		}
		if known.Valid {
			t.promise = &reportPromise{known: known.Bool, wait: wait.Int64, low: low.Int64, high: high.Int64, at: at.Int64}
		}
		acc.add(t)
		return nil
	}, day)
}

// each runs q and calls f on every row.
func (e *Engine) each(ctx context.Context, q string, f func(*sql.Rows) error, args ...any) error {
	rows, err := e.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("queue: report: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return fmt.Errorf("queue: report: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("queue: report: %w", err)
	}
	return nil
}

// qReportDay reads one day's tickets, each with its promise if it has one
// (the join Accuracy scores), in one statement: one consistent reading.
var qReportDay = `SELECT t.service, t.state, t.counter, t.issued_at, t.first_called_at, t.called_at,
	t.started_at, t.ended_at, p.known, p.wait_ms, p.low_ms, p.high_ms, p.at
	FROM tickets t LEFT JOIN promises p ON p.ticket_id = t.id WHERE t.day = ?`

type reportService struct {
	code      string
	name      lang.Text
	targetMin int
	active    bool
}

type reportCounter struct {
	number int
	label  lang.Text
	active bool
}

type reportTicket struct {
	service                                     string
	state                                       State
	counter                                     int
	issued, firstCalled, called, started, ended int64 // Unix ms, 0: not yet
	promise                                     *reportPromise
}

// reportPromise is a row of promises, in Unix ms.
type reportPromise struct {
	known               bool
	wait, low, high, at int64
}

// dayAccum adds up the tickets of a day.
type dayAccum struct {
	total    *figures
	services map[string]*figures
	counters map[int]*counterFigures
	svcs     []reportService
	ctrs     []reportCounter
}

// figures add up one service's tickets (or every service's).
type figures struct {
	rep               ServiceReport
	target            time.Duration
	waits             []time.Duration // issue to first call
	withinN           int             // of them, within the target wait
	handling, service time.Duration   // summed over the served
	sc                Scorer          // the known promises of the called
	unknown           int             // the called promised no estimate
}

type counterFigures struct {
	served   int
	handling time.Duration
}

func newDayAccum(svcs []reportService, ctrs []reportCounter) *dayAccum {
	a := &dayAccum{total: &figures{}, services: map[string]*figures{}, counters: map[int]*counterFigures{},
		svcs: svcs, ctrs: ctrs}
	for _, s := range svcs {
		a.services[s.code] = &figures{rep: ServiceReport{Service: s.code, Name: s.name,
			TargetWait: time.Duration(s.targetMin) * time.Minute}, target: time.Duration(s.targetMin) * time.Minute}
	}
	return a
}

func (a *dayAccum) add(t reportTicket) {
	f := a.services[t.service]
	if f == nil { // a service no longer in the catalog
		f = &figures{rep: ServiceReport{Service: t.service}}
		a.services[t.service] = f
	}
	f.add(t, f.target)
	a.total.add(t, f.target)
	if t.state == Done && t.counter > 0 {
		c := a.counters[t.counter]
		if c == nil {
			c = &counterFigures{}
			a.counters[t.counter] = c
		}
		c.served++
		c.handling += msDur(t.ended - t.called)
	}
}

// add counts t, whose service's target wait is target.
func (f *figures) add(t reportTicket, target time.Duration) {
	r := &f.rep
	r.Issued++
	switch t.state {
	case Done:
		r.Served++
		f.handling += msDur(t.ended - t.called)
		f.service += msDur(t.ended - t.started)
	case NoShow:
		r.NoShows++
	case NotStarted:
		r.NotStarted++
	case Cancelled:
		r.Cancelled++
	case Expired:
		r.Expired++
	default:
		r.Open++
	}
	if t.firstCalled > 0 {
		r.Called++
		wait := msDur(t.firstCalled - t.issued)
		f.waits = append(f.waits, wait)
		if wait <= target {
			f.withinN++
		}
	}
	if p := t.promise; p != nil && t.firstCalled > 0 {
		if !p.known {
			f.unknown++
			return
		}
		actual := msDur(t.firstCalled - p.at)
		f.sc.Add(msDur(p.wait), actual)
		f.sc.AddRange(msDur(p.low), msDur(p.high), actual)
	}
}

// finish computes the means, shares and percentile.
func (f *figures) finish(day string) ServiceReport {
	r := f.rep
	if n := len(f.waits); n > 0 {
		var sum time.Duration
		for _, w := range f.waits {
			sum += w
		}
		r.MeanWait = msDuration(float64(sum.Milliseconds()) / float64(n))
		sort.Slice(f.waits, func(i, j int) bool { return f.waits[i] < f.waits[j] })
		r.P90Wait = f.waits[(9*n+9)/10-1].Truncate(time.Second)
		r.WithinTarget = float64(f.withinN) / float64(n)
	}
	if r.Served > 0 {
		r.MeanHandling = msDuration(float64(f.handling.Milliseconds()) / float64(r.Served))
		r.MeanService = msDuration(float64(f.service.Milliseconds()) / float64(r.Served))
	}
	r.Accuracy = f.sc.Accuracy()
	r.Accuracy.Day, r.Accuracy.Tickets, r.Accuracy.Unknown = day, r.Accuracy.Tickets+f.unknown, f.unknown
	return r
}

func (a *dayAccum) report(day string) DayReport {
	var r DayReport
	for _, s := range a.svcs {
		if f := a.services[s.code]; s.active || f.rep.Issued > 0 {
			r.Services = append(r.Services, f.finish(day))
		}
		delete(a.services, s.code)
	}
	rest := make([]string, 0, len(a.services)) // services with tickets but no catalog row
	for code := range a.services {
		rest = append(rest, code)
	}
	sort.Strings(rest)
	for _, code := range rest {
		r.Services = append(r.Services, a.services[code].finish(day))
	}
	r.Total = a.total.finish(day)
	for _, c := range a.ctrs {
		f := a.counters[c.number]
		if !c.active && f == nil {
			continue
		}
		r.Counters = append(r.Counters, counterReport(c.number, c.label, f))
		delete(a.counters, c.number)
	}
	nums := make([]int, 0, len(a.counters))
	for n := range a.counters {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		r.Counters = append(r.Counters, counterReport(n, lang.Text{}, a.counters[n]))
	}
	return r
}

func counterReport(n int, label lang.Text, f *counterFigures) CounterReport {
	c := CounterReport{Number: n, Label: label}
	if f != nil && f.served > 0 {
		c.Served = f.served
		c.MeanHandling = msDuration(float64(f.handling.Milliseconds()) / float64(f.served))
	}
	return c
}

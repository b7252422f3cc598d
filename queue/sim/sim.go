// Package sim drives the real queue engine, on a real SQLite file, through
// a simulated center day under an injected clock, and scores the wait
// estimates the engine gave each ticket when it was issued against the wait
// it then had: the engine's forecast (the default estimator), one replay
// of the routing with mean handling times, the former estimator
// ceil(ahead / open) × aht, and the naive ahead × mean / open.
//
// A day has peaky morning arrivals over services with unequal shares,
// counters that serve overlapping services with weights, lognormal handling
// times that differ by counter, priority tickets, no-shows (recycled once),
// counter breaks and counters closing early. Everything random comes from
// the scenario's seed, so a run is reproducible.
//
// The package uses only the standard library; the program or test that
// runs it registers the SQLite driver (github.com/mattn/go-sqlite3).
package sim

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"time"
	_ "time/tzdata" // Africa/Cairo without the machine's zoneinfo

	"tabour/queue"
)

// Options of a run.
type Options struct {
	// Dir holds the run's database file (required: a temporary directory).
	Dir string
	// Driver is the database/sql driver name (default "sqlite3").
	Driver string
}

// Estimators, in the order they are reported.
var Estimators = []string{"forecast", "replay", "old", "naive"}

const (
	estForecast = iota
	estReplay
	estOld
	estNaive
)

// ticketRec is what the run knows of one ticket.
type ticketRec struct {
	id        int64
	service   string
	issued    time.Time
	noShow    bool
	est       [4]time.Duration
	known     [4]bool
	low, high time.Duration
	called    time.Time
}

type counterRec struct {
	number    int
	speed     float64
	busy      bool
	paused    bool
	closed    bool
	wantBreak *Break
	wantClose bool
	serves    map[string]bool
}

type run struct {
	ctx     context.Context
	sc      Scenario
	eng     *queue.Engine
	clock   *clock
	rng     *rand.Rand
	day     time.Time // local midnight of the day
	svc     map[string]Service
	tickets map[int64]*ticketRec
	order   []*ticketRec
	ctrs    []*counterRec
	events  eventHeap
	seq     int
	served  map[string][]time.Duration // call → end of the last served tickets
	sumAll  time.Duration
	nAll    int
}

// Run simulates one day of sc and scores the estimates.
func Run(ctx context.Context, sc Scenario, opts Options) (*Result, error) {
	if opts.Dir == "" {
		return nil, errors.New("sim: no directory for the database")
	}
	loc, err := time.LoadLocation("Africa/Cairo")
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	r := &run{ctx: ctx, sc: sc, rng: rand.New(rand.NewPCG(sc.Seed, 0x5105)), day: time.Date(2026, 11, 22, 0, 0, 0, 0, loc),
		svc: map[string]Service{}, tickets: map[int64]*ticketRec{}, served: map[string][]time.Duration{}}
	r.clock = &clock{t: r.day.Add(sc.Open - time.Minute)}
	qopts := queue.DefaultOptions()
	qopts.Clock, qopts.Location, qopts.Device = r.clock, loc, "sim"
	if opts.Driver != "" {
		qopts.Driver = opts.Driver
	}
	r.eng, err = queue.Open(ctx, filepath.Join(opts.Dir, sc.Name+".db"), qopts)
	if err != nil {
		return nil, err
	}
	defer r.eng.Close()
	if err := r.setup(); err != nil {
		return nil, err
	}
	r.schedule()
	for r.events.Len() > 0 {
		ev := heap.Pop(&r.events).(*event)
		r.clock.set(ev.at)
		if err := ev.do(); err != nil {
			return nil, fmt.Errorf("sim %s at %s: %w", sc.Name, ev.at.In(loc).Format("15:04:05"), err)
		}
	}
	return r.result()
}

func (r *run) setup() error {
	for _, s := range r.sc.services() {
		r.svc[s.Code] = s
	}
	services, counters := r.sc.catalog(r.rng)
	if err := r.eng.SyncCatalog(r.ctx, services, counters); err != nil {
		return err
	}
	for _, c := range counters {
		cr := &counterRec{number: c.Number, speed: 0.8 + 0.4*r.rng.Float64(), serves: map[string]bool{}}
		for _, cs := range c.Services {
			cr.serves[cs.Code] = true
		}
		r.ctrs = append(r.ctrs, cr)
		if err := r.eng.SetCounterState(r.ctx, c.Number, queue.CounterOpen, ""); err != nil {
			return err
		}
	}
	return nil
}

// schedule lays out the day's arrivals, breaks and closes.
func (r *run) schedule() {
	sc := r.sc
	hours := sc.LastIssue - sc.Open
	var total float64
	for h := time.Duration(0); h < hours; h += time.Hour {
		total += r.intensity(h) * min(time.Hour, hours-h).Hours()
	}
	for t := time.Duration(0); ; {
		rate := float64(sc.Tickets) * r.intensity(t) / total // per hour
		t += time.Duration(r.rng.ExpFloat64() / rate * float64(time.Hour))
		if t >= hours {
			break
		}
		at := r.day.Add(sc.Open + t).Truncate(time.Second)
		r.at(at, func() error { return r.arrive() })
	}
	for _, b := range sc.Breaks {
		b := b
		r.at(r.day.Add(b.At), func() error {
			c := r.ctr(b.Counter)
			if c == nil || c.closed {
				return nil
			}
			c.wantBreak = &b
			return r.maybeFree(c)
		})
	}
	for _, cl := range sc.Close {
		r.at(r.day.Add(cl.At), func() error {
			for _, n := range cl.Counters {
				if c := r.ctr(n); c != nil {
					c.wantClose = true
					if err := r.maybeFree(c); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
}

func (r *run) intensity(sinceOpen time.Duration) float64 {
	p := r.sc.Profile
	if len(p) == 0 {
		return 1
	}
	return p[min(int(sinceOpen/time.Hour), len(p)-1)]
}

func (r *run) ctr(n int) *counterRec {
	if n < 1 || n > len(r.ctrs) {
		return nil
	}
	return r.ctrs[n-1]
}

// arrive issues a ticket, asks every estimator, and lets idle counters call.
func (r *run) arrive() error {
	now := r.clock.Now()
	code := r.drawService()
	prio := queue.PriorityNone
	share := r.sc.Priority
	if r.sc.MorningPriority > 0 && now.Sub(r.day) < 11*time.Hour {
		share = r.sc.MorningPriority
	}
	if r.rng.Float64() < share {
		prio = queue.PriorityElderly
	}
	t, err := r.eng.Issue(r.ctx, queue.IssueRequest{Service: code, Priority: prio})
	if err != nil {
		return err
	}
	rec := &ticketRec{id: t.ID, service: code, issued: t.IssuedAt, noShow: r.rng.Float64() < r.sc.NoShow}
	r.tickets[t.ID], r.order = rec, append(r.order, rec)
	if err := r.estimate(rec); err != nil {
		return err
	}
	for _, c := range r.ctrs {
		if !c.busy && !c.paused && !c.closed && c.serves[code] {
			if err := r.call(c); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *run) drawService() string {
	svcs := r.sc.services()
	w := make([]float64, len(svcs))
	for i, s := range svcs {
		w[i] = s.Share
	}
	return svcs[drawWeighted(r.rng, w)].Code
}

// estimate records what each estimator tells the new ticket.
func (r *run) estimate(rec *ticketRec) error {
	fc, err := r.eng.EstimateTicket(r.ctx, rec.id)
	if err != nil {
		return err
	}
	rp, err := r.eng.EstimateTicketBy(r.ctx, rec.id, queue.EstimateReplay)
	if err != nil {
		return err
	}
	rec.est[estForecast], rec.known[estForecast], rec.low, rec.high = fc.Wait, fc.Known, fc.Low, fc.High
	rec.est[estReplay], rec.known[estReplay] = rp.Wait, rp.Known
	if fc.Open > 0 {
		aht := r.aht(rec.service)
		rounds := (fc.Ahead + fc.Open - 1) / fc.Open
		rec.est[estOld], rec.known[estOld] = time.Duration(rounds)*aht, true
		mean := aht
		if r.nAll > 0 {
			mean = r.sumAll / time.Duration(r.nAll)
		}
		rec.est[estNaive], rec.known[estNaive] = time.Duration(fc.Ahead)*mean/time.Duration(fc.Open), true
	}
	return nil
}

// aht is the former estimator's handling time: the mean call → end of the
// service's last 20 tickets served today, or its configured average.
func (r *run) aht(code string) time.Duration {
	d := r.served[code]
	if len(d) == 0 {
		return time.Duration(math.Round(r.svc[code].MeanMin)) * time.Minute
	}
	var sum time.Duration
	for _, v := range d {
		sum += v
	}
	return sum / time.Duration(len(d))
}

// call asks the engine for the counter's next ticket and plays the citizen.
func (r *run) call(c *counterRec) error {
	t, err := r.eng.CallNext(r.ctx, c.number)
	if errors.Is(err, queue.ErrNoneWaiting) {
		c.busy = false
		return nil
	}
	if err != nil {
		return err
	}
	c.busy = true
	now := r.clock.Now()
	rec := r.tickets[t.ID]
	if rec.called.IsZero() {
		rec.called = now
	}
	if rec.noShow && (t.NoShows == 0 || r.rng.Float64() < 0.5) {
		wait := time.Duration(60+r.rng.IntN(90)) * time.Second
		r.at(now.Add(wait), func() error {
			if _, err := r.eng.NoShow(r.ctx, c.number); err != nil {
				return err
			}
			return r.free(c)
		})
		return nil
	}
	s := r.svc[rec.service]
	h := lognormal(r.rng, s.MeanMin*c.speed*float64(time.Minute), s.CV)
	walk := min(time.Duration(20+r.rng.IntN(25))*time.Second, h/2)
	r.at(now.Add(walk), func() error {
		_, err := r.eng.Start(r.ctx, c.number)
		return err
	})
	r.at(now.Add(h), func() error {
		if _, err := r.eng.Done(r.ctx, c.number); err != nil {
			return err
		}
		r.learn(rec.service, h.Truncate(time.Millisecond))
		return r.free(c)
	})
	return nil
}

func (r *run) learn(code string, h time.Duration) {
	d := append(r.served[code], h)
	if len(d) > 20 {
		d = d[1:]
	}
	r.served[code] = d
	r.sumAll += h
	r.nAll++
}

// free is a counter done with its ticket: it closes, takes its break or
// calls the next.
func (r *run) free(c *counterRec) error {
	c.busy = false
	return r.maybeFree(c)
}

func (r *run) maybeFree(c *counterRec) error {
	if c.busy || c.paused || c.closed {
		return nil
	}
	switch {
	case c.wantClose:
		c.closed = true
		return r.eng.SetCounterState(r.ctx, c.number, queue.CounterClosed, "")
	case c.wantBreak != nil:
		b := c.wantBreak
		c.wantBreak, c.paused = nil, true
		r.at(r.clock.Now().Add(b.For), func() error {
			c.paused = false
			if c.closed {
				return nil
			}
			if err := r.eng.SetCounterState(r.ctx, c.number, queue.CounterOpen, ""); err != nil {
				return err
			}
			return r.call(c)
		})
		return r.eng.SetCounterState(r.ctx, c.number, queue.CounterPaused, "break")
	}
	return r.call(c)
}

func lognormal(rng *rand.Rand, mean, cv float64) time.Duration {
	sigma := math.Sqrt(math.Log1p(cv * cv))
	mu := math.Log(mean) - sigma*sigma/2
	return time.Duration(math.Exp(mu + sigma*rng.NormFloat64()))
}

// clock is the run's injected clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	if t.After(c.t) {
		c.t = t
	}
	c.mu.Unlock()
}

type event struct {
	at  time.Time
	seq int
	do  func() error
}

type eventHeap []*event

func (h eventHeap) Len() int { return len(h) }
func (h eventHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].seq < h[j].seq
}
func (h eventHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *eventHeap) Push(x any)   { *h = append(*h, x.(*event)) }
func (h *eventHeap) Pop() any {
	old := *h
	ev := old[len(old)-1]
	*h = old[:len(old)-1]
	return ev
}

func (r *run) at(t time.Time, do func() error) {
	r.seq++
	heap.Push(&r.events, &event{at: t, seq: r.seq, do: do})
}

package queue

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// Estimate is the expected wait of a ticket.
type Estimate struct {
	Ahead int           // tickets of the service waiting ahead
	Wait  time.Duration // estimated wait from now; meaningful only if Known
	Known bool          // false when no counter that is open (or on a break) serves the service
	AHT   time.Duration // mean handling time of the service (call to end)
	Open  int           // open counters serving the service
	// Low and High bound the wait the ticket can be told ("25–35 min"):
	// about four in five tickets are called within the range (see
	// calibrate).
	Low, High time.Duration
}

// EstimateMethod chooses how an estimate is made.
type EstimateMethod int

const (
	// EstimateForecast replays the routing forward many times with sampled
	// handling times, no-shows and arrivals at today's rate; Wait is the
	// replays' 60th percentile. The default.
	EstimateForecast EstimateMethod = iota
	// EstimateReplay replays the routing once with mean handling times
	// and no new arrivals; Low and High equal Wait.
	EstimateReplay
)

// forecastRuns is how many sampled replays a forecast makes, unless they
// have replayed callBudget calls after minRuns: a long queue (each run
// up to callCap calls) gets fewer runs, so that an estimate costs about
// the same at any length of queue.
const (
	forecastRuns = 40
	minRuns      = 12
	callBudget   = 4000
)

// EstimateNew is the estimate for a ticket of service issued now.
func (e *Engine) EstimateNew(ctx context.Context, service string) (Estimate, error) {
	return e.estimateNew(ctx, service, EstimateForecast)
}

// EstimateTicket is the estimate for a waiting ticket, from the center's
// state now: it changes as the day moves. The first estimate given for a
// ticket just issued is kept as the ticket's promise (see Accuracy).
func (e *Engine) EstimateTicket(ctx context.Context, id int64) (Estimate, error) {
	est, t, err := e.estimateTicket(ctx, id, EstimateForecast)
	if err == nil && t.State == Waiting {
		err = e.notePromise(ctx, t, est)
	}
	return est, err
}

// EstimateNewBy is EstimateNew made by the given method.
func (e *Engine) EstimateNewBy(ctx context.Context, service string, m EstimateMethod) (Estimate, error) {
	return e.estimateNew(ctx, service, m)
}

// EstimateTicketBy is EstimateTicket made by the given method; it records
// nothing.
func (e *Engine) EstimateTicketBy(ctx context.Context, id int64, m EstimateMethod) (Estimate, error) {
	est, _, err := e.estimateTicket(ctx, id, m)
	return est, err
}

func (e *Engine) estimateTicket(ctx context.Context, id int64, m EstimateMethod) (Estimate, Ticket, error) {
	t, err := ticketByID(ctx, e.db, id)
	if err != nil {
		return Estimate{}, t, err
	}
	if t.State != Waiting {
		return Estimate{Known: true}, t, nil
	}
	est, err := e.forecast(ctx, t.Service, &t, m)
	return est, t, err
}

// estimate is the estimate for a new ticket of service (Stats' per service
// figure, refreshed after every burst of changes): one replay with mean
// handling times, forty times cheaper than the forecast. ahead is the
// number waiting, as the caller counted it.
func (e *Engine) estimate(ctx context.Context, _ querier, service string, ahead int) (Estimate, error) {
	est, err := e.estimateNew(ctx, service, EstimateReplay)
	est.Ahead = ahead
	return est, err
}

func (e *Engine) estimateNew(ctx context.Context, service string, m EstimateMethod) (Estimate, error) {
	if _, ok := e.service(service); !ok {
		return Estimate{}, fmt.Errorf("queue: estimate: %w %q", ErrUnknownService, service)
	}
	return e.forecast(ctx, service, nil, m)
}

// cachedSnapshot is the state a forecast at now starts from: read again
// after this engine commits, or snapReuse after it was read; in between
// the copy read is shared (and must not be changed), its now the time it
// was read.
func (e *Engine) cachedSnapshot(ctx context.Context, now time.Time) (*fcInput, error) {
	c := &e.watch.snap
	gen := e.watch.generation()
	c.mu.Lock()
	in, inGen := c.in, c.gen
	c.mu.Unlock()
	if in != nil && inGen == gen && !now.Before(in.now) && now.Sub(in.now) <= snapReuse {
		return in, nil
	}
	in, err := e.snapshot(ctx, now)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.gen, c.in = gen, in
	c.mu.Unlock()
	return in, nil
}

// forecast estimates the wait of waiting ticket t of service, or of a new
// ticket of service when t is nil.
func (e *Engine) forecast(ctx context.Context, service string, t *Ticket, m EstimateMethod) (Estimate, error) {
	shared, err := e.cachedSnapshot(ctx, e.opts.Clock.Now().Truncate(time.Millisecond))
	if err != nil {
		return Estimate{}, err
	}
	in := *shared
	now := in.now
	est := Estimate{AHT: e.seedAHT(service)}
	if h, ok := in.learned[service]; ok && h.n > 0 {
		est.AHT = h.mean.Round(time.Second)
	}
	serves := false
	for _, c := range in.counters {
		if _, ok := c.weights[service]; ok {
			serves = true
			if !c.free.After(now) || c.cur != "" {
				est.Open++
			}
		}
	}
	unread := in.unread[arrivalKey{service, false}] + in.unread[arrivalKey{service, true}]
	in.waiting = make([]fcTicket, len(shared.waiting), len(shared.waiting)+1)
	copy(in.waiting, shared.waiting)
	var me fcTicket
	if t == nil { // a ghost at the back of the queue
		me = fcTicket{id: math.MaxInt64, service: service, queued: now, ghost: true}
		est.Ahead = unread
		for i := range in.waiting {
			if in.waiting[i].service == service {
				est.Ahead++
			}
		}
	} else {
		me = fcTicket{id: t.ID, service: service, prio: t.Priority != PriorityNone, queued: t.QueuedAt,
			appt: t.AppointmentAt, target: t.TargetCounter}
		if est.Ahead, err = e.aheadOf(ctx, in.waiting, unread, me, -1); err != nil {
			return est, err
		}
	}
	key := arrivalKey{service, me.prio}
	in.tgt = &fcTarget{id: me.id, key: key}
	if in.unread[key] > 0 { // the tickets of its level ahead of it that were not read
		if in.tgt.unread, err = e.aheadOf(ctx, in.waiting, 0, me, boolInt(me.prio)); err != nil {
			return est, err
		}
		for i := range in.waiting {
			if w := &in.waiting[i]; w.service == service && w.prio == me.prio && fcEarlier(w, &me) {
				in.tgt.unread--
			}
		}
	}
	in.waiting = placeTarget(in.waiting, me)
	if !serves {
		return est, nil
	}
	waits := e.replays(&in, me.id, m)
	if len(waits) == 0 {
		return est, nil
	}
	est.Known = true
	est.Wait, est.Low, est.High = summarize(waits)
	if t != nil && m == EstimateForecast && t.FirstCalledAt.IsZero() {
		e.promises.noteSpread(t.ID, spreadOf(est))
	}
	if m == EstimateForecast {
		err = e.calibrate(ctx, e.serviceDay(now), &est)
	}
	return est, err
}

// placeTarget marks me as the watched ticket of waiting (in queue order),
// adding it in its place if it was not read.
func placeTarget(waiting []fcTicket, me fcTicket) []fcTicket {
	me.watch = true
	for i := range waiting {
		if waiting[i].id == me.id {
			waiting[i].watch = true
			return waiting
		}
	}
	i := sort.Search(len(waiting), func(i int) bool { return fcEarlier(&me, &waiting[i]) })
	waiting = append(waiting, fcTicket{})
	copy(waiting[i+1:], waiting[i:])
	waiting[i] = me
	return waiting
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// aheadOf counts the waiting tickets of me's service before it in queue
// order, at level prio (0, 1) or both (-1): from the tickets read if none
// of its service was left unread, else from the database.
func (e *Engine) aheadOf(ctx context.Context, waiting []fcTicket, unread int, me fcTicket, prio int) (int, error) {
	if unread == 0 && prio < 0 {
		n := 0
		for i := range waiting {
			if w := &waiting[i]; w.service == me.service && w.id != me.id && fcEarlier(w, &me) {
				n++
			}
		}
		return n, nil
	}
	lo, hi := max(prio, 0), prio
	if prio < 0 {
		hi = 1
	}
	day := e.serviceDay(e.opts.Clock.Now())
	var n int
	err := queryRow(ctx, e.db, qAheadOf, []any{day, me.service, lo, hi, ms(me.queued), ms(me.queued), me.id}, &n)
	if err != nil {
		return 0, fmt.Errorf("queue: estimate: ahead: %w", err)
	}
	return n, nil
}

// replays runs the forecast and returns the target's waits, sorted; runs
// in which it is not called within the horizon count the horizon, and if
// most are, the wait is unknown (nil).
func (e *Engine) replays(in *fcInput, target int64, m EstimateMethod) []time.Duration {
	if m == EstimateReplay {
		at, ok := in.run(nil)[target]
		if !ok {
			return nil
		}
		return []time.Duration{at.Sub(in.now)}
	}
	// The draws depend on the service alone: the wait a service's screen
	// shows is the wait its ticket prints when nothing moved in between
	// (the ghost at the back of the queue and the ticket issued there are
	// the same replay), and a waiting ticket's estimate changes only when
	// the center does, not from one refresh to the next.
	seed := fnv.New64a()
	seed.Write([]byte(in.tgt.key.service))
	rng := rand.New(rand.NewPCG(seed.Sum64(), 0x7ab0))
	waits := make([]time.Duration, 0, forecastRuns)
	missed, calls := 0, 0
	for len(waits) < forecastRuns && (len(waits) < minRuns || calls < callBudget) {
		r := in.replay(rng)
		at, ok := r.called[target]
		if !ok {
			at, missed = in.now.Add(in.horizon), missed+1
		}
		waits = append(waits, at.Sub(in.now))
		calls += r.calls
	}
	if missed > len(waits)/2 { // no counter that may call it will (one it was sent to is closed)
		return nil
	}
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	return waits
}

// summarize turns sorted waits into the point estimate and the spread of
// the replays (10th to 90th percentile). The point is their 60th
// percentile, not the median: handling times are skewed to the long side,
// so waits are too, and the median promised the 5-counter center 1.4–3.8
// minutes too little over four seeds of tabourctl sim (a mean is pulled
// past most tickets' waits by a few long replays). The 60th percentile
// keeps |bias| under 2.5 min there and under 0.5 min at 20 counters, for
// the same error (MAPE 20–26 % and 11–19 %).
func summarize(w []time.Duration) (wait, low, high time.Duration) {
	wait, low, high = quantileOf(w, pointQuantile), quantileOf(w, 0.1), quantileOf(w, 0.9)
	return wait.Round(time.Second), low.Round(time.Second), high.Round(time.Second)
}

// pointQuantile is the replays' quantile promised as the wait.
const pointQuantile = 0.6

func quantileOf(sorted []time.Duration, q float64) time.Duration {
	return sorted[int(q*float64(len(sorted)-1)+0.5)]
}

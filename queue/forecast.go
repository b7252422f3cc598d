package queue

import (
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// A forecast replays the routing rules forward from the center's current
// state, in memory: each open counter calls again when its ticket is done,
// and picks by the same rules as CallNext (appointments, overdue, the
// priority share, weighted first come; see the package doc). Handling times
// come from what was learned per service and counter. In a sampled run
// they are drawn from a lognormal fit, no-shows happen at the learned rate
// and new tickets arrive at today's recent rate; in a mean run every
// handling time is its mean and no ticket arrives. Tickets marked as
// targets record when they are called. A ghost target stands for a ticket
// not issued yet: it is called like any other but takes no counter time
// and does not move the priority share, so it does not delay the others.

type fcTicket struct {
	id       int64
	service  string
	prio     bool
	queued   time.Time
	appt     time.Time
	target   int // counter it was transferred to (0 = any)
	ghost    bool
	watch    bool // record its call time
	recycled bool
	taken    bool
}

// fcQueue is one service's waiting tickets, normal and priority, each in
// queue order (queued, id).
type fcQueue struct {
	lists [2][]*fcTicket
	first [2]int // before it every ticket is taken
	open  [2]int // untaken tickets any counter may call
}

type fcCounter struct {
	number  int
	weights map[string]int
	codes   []string // sorted
	free    time.Time
	retired bool
	// cur is the service of the ticket the counter has in hand ("" none),
	// called elapsed before now; the counter calls again when it ends.
	cur     string
	elapsed time.Duration
}

type arrivalKey struct {
	service string
	prio    bool
}

// fcInput is the state a forecast starts from.
type fcInput struct {
	now        time.Time
	counters   []fcCounter
	waiting    []fcTicket // every waiting ticket, in any order
	since      int        // normal calls since the last priority call
	every      int
	apptEarly  time.Duration
	apptLate   time.Duration
	recycle    bool
	targetWait map[string]time.Duration
	hand       func(service string, counter int) handling
	learned    map[string]handling    // per service, as learned (no seed)
	arrivals   map[arrivalKey]float64 // tickets per hour
	horizon    time.Duration
	// unread counts, per service and priority level, the waiting tickets
	// behind the first readLimit that were not read (see snapshot).
	unread map[arrivalKey]int
	// sorted says waiting is in queue order already.
	sorted bool
	// tgt is the one watched ticket, if set: the stream of its own
	// service and level is not replayed (a later ticket there cannot be
	// called before it), and a run that reaches callCap extrapolates its
	// call from how fast its queue went down.
	tgt *fcTarget
}

// fcTarget is the watched ticket of a forecast.
type fcTarget struct {
	id     int64
	key    arrivalKey
	unread int // tickets of its list ahead of it that were not read
}

// fcRun is one replay.
type fcRun struct {
	in       *fcInput
	rng      *rand.Rand // nil: a mean run
	queues   map[string]*fcQueue
	appts    []*fcTicket
	counters []fcCounter
	since    int
	nextID   int64
	streams  []stream
	called   map[int64]time.Time
	pending  int // watched tickets not called yet
	calls    int
	took     int // calls of the target's service
	buf      []*fcTicket
}

// callCap is how many calls a run replays; a target not called by then
// is extrapolated (see extrapolate). It is below readLimit, so a run
// never reaches the waiting tickets that were not read.
const callCap = 250

type stream struct {
	key  arrivalKey
	rate float64 // per hour
	next time.Time
}

// run replays once and returns when each watched ticket is called
// (missing: not within the horizon).
func (in *fcInput) run(rng *rand.Rand) map[int64]time.Time { return in.replay(rng).called }

// replay runs the forecast once.
func (in *fcInput) replay(rng *rand.Rand) *fcRun {
	r := &fcRun{in: in, rng: rng, queues: map[string]*fcQueue{}, since: in.since, called: map[int64]time.Time{}}
	tickets := make([]fcTicket, len(in.waiting))
	copy(tickets, in.waiting)
	if !in.sorted {
		sortTickets(tickets)
	}
	for i := range tickets {
		t := &tickets[i]
		r.add(t)
		r.nextID = max(r.nextID, t.id)
		if t.watch {
			r.pending++
		}
	}
	r.counters = make([]fcCounter, len(in.counters))
	copy(r.counters, in.counters)
	for i := range r.counters {
		c := &r.counters[i]
		if c.cur == "" {
			continue
		}
		h := in.hand(c.cur, c.number)
		left := meanLeft(h.mean, h.sigma, c.elapsed)
		if rng != nil {
			left = sampleLognormal(rng, h.mean, h.sigma, c.elapsed)
		}
		c.free = in.now.Add(left)
	}
	if rng != nil {
		for _, k := range sortedArrivals(in.arrivals) {
			if in.tgt != nil && in.tgt.key == k && !k.prio {
				continue // behind the target: never called before it
			}
			r.streams = append(r.streams, stream{key: k, rate: in.arrivals[k], next: in.now.Add(r.gap(in.arrivals[k]))})
		}
	}
	r.loop()
	return r
}

func (r *fcRun) add(t *fcTicket) {
	q := r.queues[t.service]
	if q == nil {
		q = &fcQueue{}
		r.queues[t.service] = q
	}
	p := 0
	if t.prio {
		p = 1
	}
	q.lists[p] = append(q.lists[p], t)
	if t.target == 0 {
		q.open[p]++
	}
	if !t.appt.IsZero() {
		r.appts = append(r.appts, t)
	}
}

func (r *fcRun) loop() {
	end := r.in.now.Add(r.in.horizon)
	for r.pending > 0 {
		c := r.nextCounter()
		if c == nil || c.free.After(end) {
			return
		}
		now := c.free
		if r.calls >= callCap {
			r.extrapolate(now, end)
			return
		}
		r.arrive(now)
		t, prio := r.pick(c, now)
		if t == nil {
			r.idle(c)
			continue
		}
		r.take(t)
		if r.in.tgt != nil && t.service == r.in.tgt.key.service {
			r.took++
		}
		if t.watch {
			r.called[t.id] = now
			r.pending--
		}
		if t.ghost || t.watch && r.pending == 0 {
			continue // no counter time: nothing after the last watched call is read
		}
		if prio {
			r.since = 0
		} else {
			r.since++
		}
		c.free = now.Add(r.occupy(t, c.number, now))
	}
}

func (r *fcRun) take(t *fcTicket) {
	t.taken = true
	r.calls++
	if t.target == 0 {
		p := 0
		if t.prio {
			p = 1
		}
		r.queues[t.service].open[p]--
	}
}

// extrapolate ends a run that reached callCap before its target was
// called: the tickets still ahead of the target in its service (both
// levels, read or not) go at the pace the run took that service's
// tickets so far.
func (r *fcRun) extrapolate(now, end time.Time) {
	g := r.in.tgt
	if g == nil || r.took == 0 || !now.After(r.in.now) {
		return
	}
	ahead := g.unread
	if q := r.queues[g.key.service]; q != nil {
		for p := range 2 {
			for _, t := range q.lists[p][q.first[p]:] {
				if t.id == g.id {
					break
				}
				if !t.taken && !t.ghost {
					ahead++
				}
			}
			if p == 1 && !g.key.prio || p == 0 && g.key.prio {
				ahead += r.in.unread[arrivalKey{g.key.service, p == 1}]
			}
		}
	}
	pace := float64(now.Sub(r.in.now)) / float64(r.took)
	at := now.Add(time.Duration(float64(ahead) * pace))
	if !at.After(end) {
		r.called[g.id] = at
		r.pending--
	}
}

// nextCounter is the open counter that calls first (lowest number on a tie).
func (r *fcRun) nextCounter() *fcCounter {
	var best *fcCounter
	for i := range r.counters {
		c := &r.counters[i]
		if !c.retired && (best == nil || c.free.Before(best.free)) {
			best = c
		}
	}
	return best
}

// idle leaves a counter with nothing to call until the next arrival.
func (r *fcRun) idle(c *fcCounter) {
	var next time.Time
	for _, s := range r.streams {
		if _, ok := c.weights[s.key.service]; ok && (next.IsZero() || s.next.Before(next)) {
			next = s.next
		}
	}
	if next.IsZero() {
		c.retired = true
		return
	}
	c.free = next
}

// arrive adds the tickets that arrive up to now, lazily: only the head of
// a list can be called, so a stream adds its next ticket only once the
// tickets before it in its list are all taken (the others stay due).
func (r *fcRun) arrive(now time.Time) {
	for i := range r.streams {
		s := &r.streams[i]
		if s.next.After(now) {
			continue
		}
		p := 0
		if s.key.prio {
			p = 1
		}
		if q := r.queues[s.key.service]; q != nil && q.open[p] > 0 {
			continue
		}
		r.nextID++
		r.add(&fcTicket{id: r.nextID, service: s.key.service, prio: s.key.prio, queued: s.next})
		s.next = s.next.Add(r.gap(s.rate))
	}
}

func (r *fcRun) gap(perHour float64) time.Duration {
	return time.Duration(r.rng.ExpFloat64() / perHour * float64(time.Hour))
}

// occupy is how long counter keeps t: a handling time, or the wait for a
// citizen who does not come (who then goes back to the queue once).
func (r *fcRun) occupy(t *fcTicket, counter int, now time.Time) time.Duration {
	h := r.in.hand(t.service, counter)
	if r.rng == nil {
		return time.Duration((1-h.noShow)*float64(h.mean) + h.noShow*float64(h.nsMean))
	}
	if h.noShow > 0 && r.rng.Float64() < h.noShow {
		if r.in.recycle && !t.recycled && !t.watch {
			r.nextID++
			r.add(&fcTicket{id: r.nextID, service: t.service, prio: t.prio, queued: now.Add(h.nsMean), target: t.target, recycled: true})
		}
		return h.nsMean
	}
	return sampleLognormal(r.rng, h.mean, h.sigma, 0)
}

// pick applies the routing rules at counter c at time now; prio says the
// ticket counts as a priority call.
func (r *fcRun) pick(c *fcCounter, now time.Time) (*fcTicket, bool) {
	if t := r.appointment(c, now); t != nil {
		return t, t.prio
	}
	heads := r.heads(c)
	if len(heads) == 0 {
		return nil, false
	}
	for _, t := range heads {
		if w := r.in.targetWait[t.service]; w > 0 && now.Sub(t.queued) > w {
			return t, t.prio
		}
	}
	if r.since >= r.in.every {
		for _, t := range heads {
			if t.prio {
				return t, true
			}
		}
	}
	best := heads[0]
	bestScore := now.Sub(best.queued) * time.Duration(c.weights[best.service])
	for _, t := range heads[1:] {
		if s := now.Sub(t.queued) * time.Duration(c.weights[t.service]); s > bestScore {
			best, bestScore = t, s
		}
	}
	return best, best.prio
}

func (r *fcRun) appointment(c *fcCounter, now time.Time) *fcTicket {
	var best *fcTicket
	lo, hi := now.Add(-r.in.apptLate), now.Add(r.in.apptEarly)
	for _, t := range r.appts {
		if t.taken || t.appt.Before(lo) || t.appt.After(hi) || (t.target != 0 && t.target != c.number) {
			continue
		}
		if _, ok := c.weights[t.service]; !ok {
			continue
		}
		if best == nil || t.appt.Before(best.appt) || t.appt.Equal(best.appt) && t.id < best.id {
			best = t
		}
	}
	return best
}

// heads are, per service of c, the first normal and first priority ticket
// c may call, longest waiting first.
func (r *fcRun) heads(c *fcCounter) []*fcTicket {
	heads := r.buf[:0]
	for _, code := range c.codes {
		q := r.queues[code]
		if q == nil {
			continue
		}
		for p := range 2 {
			list := q.lists[p]
			for q.first[p] < len(list) && list[q.first[p]].taken {
				q.first[p]++
			}
			for _, t := range list[q.first[p]:] {
				if !t.taken && (t.target == 0 || t.target == c.number) {
					heads = append(heads, t)
					break
				}
			}
		}
	}
	for i := 1; i < len(heads); i++ { // a few: insertion sort
		for j := i; j > 0 && fcEarlier(heads[j], heads[j-1]); j-- {
			heads[j], heads[j-1] = heads[j-1], heads[j]
		}
	}
	r.buf = heads
	return heads
}

// sortedArrivals lists the streams with a positive rate in a fixed order,
// so that a seeded forecast draws the same numbers each time.
func sortedArrivals(m map[arrivalKey]float64) []arrivalKey {
	var keys []arrivalKey
	for k, rate := range m {
		if rate > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a.service < b.service || a.service == b.service && !a.prio && b.prio
	})
	return keys
}

func sortTickets(t []fcTicket) {
	sort.Slice(t, func(i, j int) bool { return fcEarlier(&t[i], &t[j]) })
}

func fcEarlier(a, b *fcTicket) bool {
	if !a.queued.Equal(b.queued) {
		return a.queued.Before(b.queued)
	}
	return a.id < b.id
}

// sampleLognormal draws a handling time with the given mean and log-spread,
// conditioned on being longer than elapsed; it returns the time left.
func sampleLognormal(rng *rand.Rand, mean time.Duration, sigma float64, elapsed time.Duration) time.Duration {
	if mean <= 0 {
		return 0
	}
	mu := math.Log(float64(mean)) - sigma*sigma/2
	if elapsed <= 0 {
		return time.Duration(math.Exp(mu + sigma*rng.NormFloat64()))
	}
	lo := 0.0
	if elapsed > 0 {
		lo = normCDF((math.Log(float64(elapsed)) - mu) / sigma)
	}
	u := lo + (1-lo)*rng.Float64()
	u = min(max(u, 1e-9), 1-1e-9)
	x := math.Exp(mu + sigma*normQuantile(u))
	return max(time.Duration(x)-elapsed, 0)
}

// meanLeft is the expected time left of a lognormal handling time that
// has already lasted elapsed.
func meanLeft(mean time.Duration, sigma float64, elapsed time.Duration) time.Duration {
	if elapsed <= 0 || mean <= 0 {
		return mean
	}
	mu := math.Log(float64(mean)) - sigma*sigma/2
	z := (math.Log(float64(elapsed)) - mu) / sigma
	tail := normCDF(-z)
	if tail < 1e-9 {
		return 0
	}
	cond := float64(mean) * normCDF(sigma-z) / tail
	return max(time.Duration(cond)-elapsed, 0)
}

func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

func normQuantile(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

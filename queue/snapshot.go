package queue

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// pauseGuess is how long a paused counter (a break) is assumed to stay
// away, counted from when it paused; one paused longer is assumed back in
// pauseLate.
const (
	pauseGuess = 15 * time.Minute
	pauseLate  = 5 * time.Minute
)

// arrivalWindow is how far back today's issue rate is measured, and
// arrivalRows how many of the latest tickets are read to measure it.
const (
	arrivalWindow = time.Hour
	arrivalRows   = 400
)

// snapshot reads the state a forecast starts from. It reads only what is
// open (the waiting queues of active services, the tickets at counters),
// the counters, the learned handling times and the latest tickets issued:
// nothing grows with the length of the day.
func (e *Engine) snapshot(ctx context.Context, now time.Time) (*fcInput, error) {
	day := e.serviceDay(now)
	in := &fcInput{now: now, every: e.opts.PriorityEvery, apptEarly: e.opts.AppointmentEarly,
		apptLate: e.opts.AppointmentLate, recycle: e.opts.RecycleNoShows > 0, horizon: 12 * time.Hour,
		targetWait: map[string]time.Duration{}}
	e.mu.Lock()
	for code, s := range e.services {
		in.targetWait[code] = s.TargetWait()
	}
	e.mu.Unlock()
	var err error
	if in.counters, err = e.snapCounters(ctx, now); err != nil {
		return nil, err
	}
	in.unread = map[arrivalKey]int{}
	for code := range in.targetWait {
		if in.waiting, err = appendWaiting(ctx, e.db, in.waiting, in.unread, day, code); err != nil {
			return nil, err
		}
	}
	sortTickets(in.waiting)
	in.sorted = true
	if in.since, err = e.normalSincePriority(ctx, e.db, day); err != nil {
		return nil, err
	}
	hand, err := loadHandling(ctx, e.db)
	if err != nil {
		return nil, err
	}
	in.hand = memoHandling(e.handlingOf(hand), in.counters)
	in.learned = map[string]handling{}
	for k, h := range hand {
		if k.counter == 0 {
			in.learned[k.service] = h
		}
	}
	in.arrivals, err = recentArrivals(ctx, e.db, day, now)
	return in, err
}

// handlingOf picks what is known of a service at a counter: the counter's
// own figures once it has served enough, else the service's, else the
// configured average.
func (e *Engine) handlingOf(m map[handlingKey]handling) func(string, int) handling {
	return func(service string, counter int) handling {
		h := m[handlingKey{service, 0}]
		if c, ok := m[handlingKey{service, counter}]; ok && c.n >= minLearned {
			h.n, h.mean, h.sigma = c.n, c.mean, c.sigma
		}
		if h.n < minLearned {
			seed := e.seedAHT(service)
			if h.n > 0 { // blend the first few tickets into the configured average
				w := float64(h.n) / minLearned
				seed = time.Duration(w*float64(h.mean) + (1-w)*float64(seed))
			}
			h.mean, h.sigma = seed, defaultSigma
		}
		if h.nsMean <= 0 {
			h.nsMean = 2 * time.Minute
		}
		return h
	}
}

// memoHandling works out once what a replay asks of hand at every call:
// the figures of each service at each counter that serves it.
func memoHandling(hand func(string, int) handling, counters []fcCounter) func(string, int) handling {
	memo := map[handlingKey]handling{}
	for _, c := range counters {
		for _, code := range c.codes {
			memo[handlingKey{code, c.number}] = hand(code, c.number)
		}
	}
	return func(service string, counter int) handling {
		if h, ok := memo[handlingKey{service, counter}]; ok {
			return h
		}
		return hand(service, counter)
	}
}

// seedAHT is the configured average handling time of a service.
func (e *Engine) seedAHT(service string) time.Duration {
	min := e.opts.DefaultServiceMin
	if svc, ok := e.service(service); ok && svc.AvgServiceMin > 0 {
		min = svc.AvgServiceMin
	}
	return time.Duration(min) * time.Minute
}

// snapCounters lists the counters that may call: open ones, and paused
// ones from when they are expected back. Closed counters are left out.
func (e *Engine) snapCounters(ctx context.Context, now time.Time) ([]fcCounter, error) {
	rows, err := e.db.QueryContext(ctx, `WITH served (counter, service, weight) AS (`+allServedToday+`)
		SELECT c.number, c.state, c.state_since, cs.service, cs.weight
		FROM counters c JOIN served cs ON cs.counter = c.number
		JOIN services s ON s.code = cs.service AND s.active = 1
		WHERE c.active = 1 AND c.state != 'closed' ORDER BY c.number, cs.service`, e.serviceDay(now))
	if err != nil {
		return nil, fmt.Errorf("queue: estimate: counters: %w", err)
	}
	defer rows.Close()
	var out []fcCounter
	for rows.Next() {
		var num, w int
		var st CounterState
		var since, code string
		if err := rows.Scan(&num, &st, &since, &code, &w); err != nil {
			return nil, fmt.Errorf("queue: estimate: counters: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].number != num {
			out = append(out, fcCounter{number: num, weights: map[string]int{}, free: now})
			if st == CounterPaused {
				out[len(out)-1].free = pausedUntil(since, now)
			}
		}
		c := &out[len(out)-1]
		c.weights[code] = max(w, 1)
		c.codes = append(c.codes, code)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: estimate: counters: %w", err)
	}
	for i := range out {
		cur, err := currentTicket(ctx, e.db, out[i].number)
		if err != nil {
			continue // idle
		}
		out[i].cur, out[i].elapsed = cur.Service, max(now.Sub(cur.CalledAt), 0)
		if out[i].free.After(now) { // paused with a ticket in hand: back after it
			out[i].cur = ""
		}
	}
	return out, nil
}

func pausedUntil(since string, now time.Time) time.Time {
	t, err := time.Parse(time.RFC3339Nano, since)
	if err != nil || !t.Add(pauseGuess).After(now) {
		return now.Add(pauseLate)
	}
	return t.Add(pauseGuess)
}

// readLimit is how many waiting tickets of each service and priority
// level a snapshot reads, in queue order: a run replays at most callCap
// calls, so it never reaches the ones behind, which are only counted
// (unread). The waiting appointments are read whatever their place.
const readLimit = callCap + 1

// appendWaiting adds the head of a service's queues: up to readLimit
// waiting tickets of each priority level, and the waiting appointments
// behind them; it counts the tickets left unread per level.
func appendWaiting(ctx context.Context, q queryer, out []fcTicket, unread map[arrivalKey]int, day, service string) ([]fcTicket, error) {
	from := len(out)
	for _, prio := range []bool{false, true} {
		n := 0
		var err error
		if out, n, err = scanWaiting(ctx, q, out, service, qWaitingHead, day, service, prio, readLimit); err != nil {
			return nil, err
		}
		if n < readLimit {
			continue
		}
		var total int
		if err := queryRow(ctx, q, qWaitingCount, []any{day, service, prio}, &total); err != nil {
			return nil, fmt.Errorf("queue: estimate: waiting %s: %w", service, err)
		}
		unread[arrivalKey{service, prio}] = max(total-n, 0)
		read := map[int64]bool{}
		for _, t := range out[from:] {
			read[t.id] = true
		}
		var appts []fcTicket
		if appts, _, err = scanWaiting(ctx, q, nil, service, qWaitingAppts, day, service); err != nil {
			return nil, err
		}
		for _, t := range appts {
			if !read[t.id] {
				out = append(out, t)
				unread[arrivalKey{service, t.prio}]--
			}
		}
	}
	return out, nil
}

func scanWaiting(ctx context.Context, q queryer, out []fcTicket, service, query string, args ...any) ([]fcTicket, int, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("queue: estimate: waiting %s: %w", service, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		t := fcTicket{service: service}
		var queued, appt int64
		if err := rows.Scan(&t.id, &t.prio, &queued, &appt, &t.target); err != nil {
			return nil, 0, fmt.Errorf("queue: estimate: waiting %s: %w", service, err)
		}
		t.queued, t.appt = fromMs(queued), fromMs(appt)
		out = append(out, t)
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("queue: estimate: waiting %s: %w", service, err)
	}
	return out, n, nil
}

func queryRow(ctx context.Context, q queryer, query string, args []any, dest ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

var (
	// qWaitingHead reads one level of a queue from its head, in the
	// tickets_waiting index's order.
	qWaitingHead = `SELECT id, prio, queued_at, appointment_at, target_counter FROM tickets
		WHERE day = ? AND service = ? AND state = 'waiting' AND prio = ? ORDER BY queued_at, id LIMIT ?`
	qWaitingCount = `SELECT COUNT(*) FROM tickets WHERE day = ? AND service = ? AND state = 'waiting' AND prio = ?`
	// qWaitingAppts are the waiting appointments, wherever they stand.
	qWaitingAppts = `SELECT id, prio, queued_at, appointment_at, target_counter FROM tickets
		WHERE day = ? AND service = ? AND appointment_at > 0 AND state = 'waiting'`
	// qAheadOf counts the waiting tickets of a service before a place in
	// its queue (queued_at, id), at one level or both.
	qAheadOf = `SELECT COUNT(*) FROM tickets WHERE day = ? AND service = ? AND state = 'waiting'
		AND prio IN (?, ?) AND (queued_at < ? OR queued_at = ? AND id < ?)`
)

// recentArrivals is today's issue rate per service and priority, in
// tickets per hour, over the last hour (or since the first ticket of the
// day, if that is later), from the latest tickets issued.
func recentArrivals(ctx context.Context, q queryer, day string, now time.Time) (map[arrivalKey]float64, error) {
	rows, err := q.QueryContext(ctx, `SELECT day, service, prio, issued_at FROM tickets ORDER BY id DESC LIMIT ?`, arrivalRows)
	if err != nil {
		return nil, fmt.Errorf("queue: estimate: arrivals: %w", err)
	}
	defer rows.Close()
	counts := map[arrivalKey]int{}
	from := now.Add(-arrivalWindow)
	oldest, olderToday := now, false
	for rows.Next() {
		var d, code string
		var prio bool
		var at int64
		if err := rows.Scan(&d, &code, &prio, &at); err != nil {
			return nil, fmt.Errorf("queue: estimate: arrivals: %w", err)
		}
		t := fromMs(at)
		if d != day || t.Before(from) {
			olderToday = olderToday || d == day
			continue
		}
		counts[arrivalKey{code, prio}]++
		if t.Before(oldest) {
			oldest = t
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: estimate: arrivals: %w", err)
	}
	span := arrivalWindow
	if !olderToday { // the day began within the hour, or the rows read are all recent
		span = min(arrivalWindow, now.Sub(oldest))
	}
	span = max(span, 10*time.Minute)
	out := make(map[arrivalKey]float64, len(counts))
	for k, c := range counts {
		out[k] = float64(c) / span.Hours()
	}
	return out, nil
}

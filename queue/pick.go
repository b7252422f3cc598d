package queue

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// pickTx chooses the next ticket for counter among the services cs (code →
// weight), by the rules in the package doc, and says why.
func (e *Engine) pickTx(ctx context.Context, tx *dbtx, counter int, cs map[string]int, now time.Time) (Ticket, Reason, error) {
	day := e.serviceDay(now)
	c, err := e.candidatesTx(ctx, tx, counter, day, now)
	if err != nil {
		return Ticket{}, "", err
	}
	if t, ok := firstAppointment(c.appointments); ok {
		return t, ReasonAppointment, nil
	}
	heads := c.heads
	if len(heads) == 0 {
		return Ticket{}, "", fmt.Errorf("queue: call at counter %d: %w", counter, ErrNoneWaiting)
	}
	sort.Slice(heads, func(i, j int) bool { return earlier(heads[i], heads[j]) })
	if t, ok := e.overdue(heads, now); ok {
		return t, ReasonOverdue, nil
	}
	if t, ok := oldestPriority(heads); ok && c.since >= e.opts.PriorityEvery {
		return t, ReasonPriority, nil
	}
	return weightedFirst(heads, cs, now), ReasonFIFO, nil
}

// candidates are what the routing rules choose among: per service of the
// counter, the earliest checked-in appointment whose window contains now,
// the longest-waiting normal ticket and the longest-waiting priority
// ticket; and the fairness counter of the day.
type candidates struct {
	appointments []Ticket // sorted by service code
	heads        []Ticket
	since        int
}

// candidatesTx reads the candidates in one statement: a few index seeks
// per service of the counter, one round trip.
func (e *Engine) candidatesTx(ctx context.Context, tx *dbtx, counter int, day string, now time.Time) (candidates, error) {
	c := candidates{since: e.opts.PriorityEvery}
	rows, err := tx.QueryContext(ctx, qCandidates, counter, day,
		ms(now.Add(-e.opts.AppointmentLate)), ms(now.Add(e.opts.AppointmentEarly)))
	if err != nil {
		return c, fmt.Errorf("queue: queue heads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind int
		var since sql.NullInt64
		t, err := scanTicket(prefixScanner{rows, []any{&kind, &since}})
		if err != nil {
			return c, fmt.Errorf("queue: queue heads: %w", err)
		}
		if since.Valid {
			c.since = int(since.Int64)
		}
		if kind == 0 {
			c.appointments = append(c.appointments, t)
		} else {
			c.heads = append(c.heads, t)
		}
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("queue: queue heads: %w", err)
	}
	sort.Slice(c.appointments, func(i, j int) bool { return c.appointments[i].Service < c.appointments[j].Service })
	return c, nil
}

// prefixScanner scans leading columns into pre, the rest into dest.
type prefixScanner struct {
	r   rowScanner
	pre []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.r.Scan(append(p.pre, dest...)...) }

// firstAppointment is the earliest appointment; between equal times, the
// first service by code.
func firstAppointment(ts []Ticket) (Ticket, bool) {
	if len(ts) == 0 {
		return Ticket{}, false
	}
	best := ts[0]
	for _, t := range ts[1:] {
		if t.AppointmentAt.Before(best.AppointmentAt) {
			best = t
		}
	}
	return best, true
}

// overdue returns the longest-waiting head past its service's target wait.
func (e *Engine) overdue(heads []Ticket, now time.Time) (Ticket, bool) {
	for _, t := range heads { // heads are sorted, longest waiting first
		svc, ok := e.service(t.Service)
		if ok && svc.TargetWaitMin > 0 && now.Sub(t.QueuedAt) > svc.TargetWait() {
			return t, true
		}
	}
	return Ticket{}, false
}

func oldestPriority(heads []Ticket) (Ticket, bool) {
	for _, t := range heads {
		if t.Priority != PriorityNone {
			return t, true
		}
	}
	return Ticket{}, false
}

// weightedFirst picks the head with the longest waiting time multiplied by
// its service's weight at this counter; ties go to the earlier ticket.
func weightedFirst(heads []Ticket, cs map[string]int, now time.Time) Ticket {
	best := heads[0]
	bestScore := now.Sub(best.QueuedAt) * time.Duration(cs[best.Service])
	for _, t := range heads[1:] {
		score := now.Sub(t.QueuedAt) * time.Duration(cs[t.Service])
		if score > bestScore {
			best, bestScore = t, score
		}
	}
	return best
}

func earlier(a, b Ticket) bool {
	if !a.QueuedAt.Equal(b.QueuedAt) {
		return a.QueuedAt.Before(b.QueuedAt)
	}
	return a.ID < b.ID
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// qCandidates: for each active service counter ?1 serves on day ?2, the earliest
// checked-in appointment of day ?2 within [?3, ?4] (kind 0, through
// tickets_appointments), and the longest-waiting normal and priority
// tickets (kind 1, through tickets_waiting); each row also carries the
// day's normal calls since the last priority call.
var qCandidates = stmt(`WITH served (service, weight) AS (` + servedToday + `),
	cs (code) AS (SELECT served.service FROM served JOIN services s ON s.code = served.service AND s.active = 1),
	routing_day (since) AS (SELECT normal_since_priority FROM routing WHERE day = ?2)
	SELECT 0, (SELECT since FROM routing_day), ` + prefixed("t.", ticketColumns) + ` FROM cs JOIN tickets t ON t.id = (
		SELECT a.id FROM tickets a WHERE a.day = ?2 AND a.service = cs.code AND a.appointment_at > 0
		AND a.appointment_at BETWEEN ?3 AND ?4 AND a.state = 'waiting' AND a.target_counter IN (0, ?1)
		ORDER BY a.appointment_at, a.id LIMIT 1)
	UNION ALL
	SELECT 1, (SELECT since FROM routing_day), ` + prefixed("t.", ticketColumns) + ` FROM cs JOIN tickets t ON t.id = (
		SELECT h.id FROM tickets h WHERE h.day = ?2 AND h.service = cs.code AND h.state = 'waiting' AND h.prio = 0
		AND h.target_counter IN (0, ?1) ORDER BY h.queued_at, h.id LIMIT 1)
	UNION ALL
	SELECT 1, (SELECT since FROM routing_day), ` + prefixed("t.", ticketColumns) + ` FROM cs JOIN tickets t ON t.id = (
		SELECT h.id FROM tickets h WHERE h.day = ?2 AND h.service = cs.code AND h.state = 'waiting' AND h.prio = 1
		AND h.target_counter IN (0, ?1) ORDER BY h.queued_at, h.id LIMIT 1)`)

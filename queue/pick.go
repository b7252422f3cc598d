package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// pickTx chooses the next ticket for counter among the services cs (code →
// weight), by the rules in the package doc, and says why.
func (e *Engine) pickTx(ctx context.Context, tx *dbtx, counter int, cs map[string]int, now time.Time) (Ticket, Reason, error) {
	day := e.serviceDay(now)
	codes := sortedKeys(cs)
	if t, ok, err := e.appointmentTx(ctx, tx, counter, codes, day, now); err != nil || ok {
		return t, ReasonAppointment, err
	}
	heads, err := headsTx(ctx, tx, counter, codes, day)
	if err != nil {
		return Ticket{}, "", err
	}
	if len(heads) == 0 {
		return Ticket{}, "", fmt.Errorf("queue: call at counter %d: %w", counter, ErrNoneWaiting)
	}
	if t, ok := e.overdue(heads, now); ok {
		return t, ReasonOverdue, nil
	}
	since, err := e.normalSincePriority(ctx, tx, day)
	if err != nil {
		return Ticket{}, "", err
	}
	if t, ok := oldestPriority(heads); ok && since >= e.opts.PriorityEvery {
		return t, ReasonPriority, nil
	}
	return weightedFirst(heads, cs, now), ReasonFIFO, nil
}

// appointmentTx finds the earliest checked-in appointment whose window
// contains now.
func (e *Engine) appointmentTx(ctx context.Context, tx *dbtx, counter int, codes []string, day string, now time.Time) (Ticket, bool, error) {
	var best Ticket
	found := false
	for _, code := range codes {
		t, err := scanTicket(tx.QueryRowContext(ctx, qAppointment, day, code,
			ms(now.Add(-e.opts.AppointmentLate)), ms(now.Add(e.opts.AppointmentEarly)), counter))
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return t, false, fmt.Errorf("queue: appointments: %w", err)
		}
		if !found || t.AppointmentAt.Before(best.AppointmentAt) {
			best, found = t, true
		}
	}
	return best, found, nil
}

// headsTx returns, for each service, the longest-waiting normal ticket and
// the longest-waiting priority ticket the counter may call.
func headsTx(ctx context.Context, tx *dbtx, counter int, codes []string, day string) ([]Ticket, error) {
	var heads []Ticket
	for _, code := range codes {
		for prio := 0; prio <= 1; prio++ {
			t, err := scanTicket(tx.QueryRowContext(ctx, qHead, day, code, prio, counter))
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("queue: queue heads: %w", err)
			}
			heads = append(heads, t)
		}
	}
	sort.Slice(heads, func(i, j int) bool { return earlier(heads[i], heads[j]) })
	return heads, nil
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

var (
	qAppointment = stmt("SELECT " + ticketColumns + ` FROM tickets WHERE day = ? AND service = ?
		AND appointment_at > 0 AND appointment_at BETWEEN ? AND ? AND state = 'waiting' AND target_counter IN (0, ?)
		ORDER BY appointment_at, id LIMIT 1`)
	qHead = stmt("SELECT " + ticketColumns + ` FROM tickets
		WHERE day = ? AND service = ? AND state = 'waiting' AND prio = ? AND target_counter IN (0, ?)
		ORDER BY queued_at, id LIMIT 1`)
)

package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const ticketColumns = `id, ref, service, day, number, label, state, priority, kind, counter, target_counter,
	appointment_at, issued_at, queued_at, first_called_at, called_at, started_at, ended_at,
	recalls, no_shows, transfers, call_reason`

type rowScanner interface{ Scan(dest ...any) error }

func scanTicket(r rowScanner) (Ticket, error) {
	var t Ticket
	var appt, issued, queued, first, called, started, ended int64
	err := r.Scan(&t.ID, &t.Ref, &t.Service, &t.Day, &t.Number, &t.Label, &t.State, &t.Priority, &t.Kind,
		&t.Counter, &t.TargetCounter, &appt, &issued, &queued, &first, &called, &started, &ended,
		&t.Recalls, &t.NoShows, &t.Transfers, &t.CallReason)
	t.AppointmentAt, t.IssuedAt, t.QueuedAt = fromMs(appt), fromMs(issued), fromMs(queued)
	t.FirstCalledAt, t.CalledAt, t.StartedAt, t.EndedAt = fromMs(first), fromMs(called), fromMs(started), fromMs(ended)
	return t, err
}

// fromMs turns stored Unix milliseconds into a time; 0 is the zero time.
func fromMs(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// ms stores a time as Unix milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func ticketByID(ctx context.Context, q querier, id int64) (Ticket, error) {
	t, err := scanTicket(q.QueryRowContext(ctx, qTicketByID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("queue: ticket %d: %w", id, ErrUnknownTicket)
	}
	return t, err
}

// Ticket returns one ticket by id.
func (e *Engine) Ticket(ctx context.Context, id int64) (Ticket, error) {
	return ticketByID(ctx, e.db, id)
}

// TicketByRef finds a ticket by its public reference (the QR code's).
func (e *Engine) TicketByRef(ctx context.Context, ref string) (Ticket, error) {
	t, err := scanTicket(e.db.QueryRowContext(ctx, "SELECT "+ticketColumns+" FROM tickets WHERE ref = ?", ref))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("queue: ticket %q: %w", ref, ErrUnknownTicket)
	}
	return t, err
}

// TicketByLabel finds today's ticket with a label such as "A023" (the
// latest, if numbering wrapped).
func (e *Engine) TicketByLabel(ctx context.Context, label string) (Ticket, error) {
	day := e.serviceDay(e.opts.Clock.Now())
	t, err := scanTicket(e.db.QueryRowContext(ctx, "SELECT "+ticketColumns+
		" FROM tickets WHERE day = ? AND label = ? ORDER BY id DESC LIMIT 1", day, label))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("queue: ticket %q today: %w", label, ErrUnknownTicket)
	}
	return t, err
}

// currentTicket is the ticket a counter has called or is serving.
func currentTicket(ctx context.Context, q querier, counter int) (Ticket, error) {
	t, err := scanTicket(q.QueryRowContext(ctx, qCurrentTicket, counter))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("queue: counter %d: %w", counter, ErrCounterIdle)
	}
	return t, err
}

// Tickets lists the tickets of a service day in issue order.
func (e *Engine) Tickets(ctx context.Context, day string) ([]Ticket, error) {
	rows, err := e.db.QueryContext(ctx, "SELECT "+ticketColumns+" FROM tickets WHERE day = ? ORDER BY id", day)
	if err != nil {
		return nil, fmt.Errorf("queue: list tickets: %w", err)
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("queue: list tickets: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// updateTicket writes t's mutable fields.
func updateTicket(ctx context.Context, tx *dbtx, t Ticket) error {
	_, err := tx.ExecContext(ctx, qUpdateTicket, t.Service, t.State, t.Counter, t.TargetCounter, ms(t.QueuedAt), ms(t.FirstCalledAt),
		ms(t.CalledAt), ms(t.StartedAt), ms(t.EndedAt), t.Recalls, t.NoShows, t.Transfers, t.CallReason, t.ID)
	if err != nil {
		return fmt.Errorf("queue: update ticket %s: %w", t.Label, err)
	}
	return nil
}

var (
	qTicketByID    = stmt("SELECT " + ticketColumns + " FROM tickets WHERE id = ?")
	qCurrentTicket = stmt("SELECT " + ticketColumns +
		` FROM tickets WHERE counter = ? AND state IN ('called','serving') ORDER BY called_at DESC LIMIT 1`)
	qUpdateTicket = stmt(`UPDATE tickets SET service=?, state=?, counter=?, target_counter=?, queued_at=?,
		first_called_at=?, called_at=?, started_at=?, ended_at=?, recalls=?, no_shows=?, transfers=?, call_reason=?
		WHERE id=?`)
)

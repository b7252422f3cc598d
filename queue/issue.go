package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// IssueRequest asks for a new ticket.
type IssueRequest struct {
	Service  string
	Priority Priority // "" = none
	Kind     Kind     // "" = submit
	// AppointmentAt marks a checked-in appointment (zero = walk-in).
	AppointmentAt time.Time
	// NIDHash is a keyed hash of the citizen's national ID, used only to
	// refuse a repeat ticket within Options.DedupWindow. Never the number.
	NIDHash string
	// SMSBox is the citizen's mobile number sealed to the workflow
	// server's key (base64), for text notices: stored with the ticket in
	// the same transaction (see SMSBox). Never the number.
	SMSBox string
}

// Issue creates a ticket: the number is allocated, the ticket stored and
// the ticket.issued event appended in one transaction.
func (e *Engine) Issue(ctx context.Context, req IssueRequest) (Ticket, error) {
	svc, ok := e.service(req.Service)
	if !ok {
		return Ticket{}, fmt.Errorf("queue: issue: %w %q", ErrUnknownService, req.Service)
	}
	prio, err := ParsePriority(string(req.Priority))
	if err != nil {
		return Ticket{}, err
	}
	kind, err := ParseKind(string(req.Kind))
	if err != nil {
		return Ticket{}, err
	}
	if req.SMSBox != "" {
		if err := checkSealed(req.SMSBox); err != nil {
			return Ticket{}, err
		}
	}
	var t Ticket
	err = e.tx(ctx, func(tx *dbtx) error {
		now := e.opts.Clock.Now().Truncate(time.Millisecond)
		t = Ticket{Service: svc.Code, Day: e.serviceDay(now), State: Waiting, Priority: prio, Kind: kind,
			AppointmentAt: req.AppointmentAt, IssuedAt: now, QueuedAt: now}
		if err := e.issueTx(ctx, tx, svc, &t, req.NIDHash); err != nil {
			return err
		}
		if req.SMSBox == "" {
			return nil
		}
		return keepSMSBoxTx(ctx, tx, t.ID, req.SMSBox)
	})
	return t, err
}

func (e *Engine) issueTx(ctx context.Context, tx *dbtx, svc Service, t *Ticket, nidHash string) error {
	if err := e.rolloverTx(ctx, tx, t.IssuedAt); err != nil {
		return err
	}
	if err := e.checkDuplicateTx(ctx, tx, svc.Code, nidHash, t.IssuedAt); err != nil {
		return err
	}
	if err := e.insertTicketTx(ctx, tx, svc, t, nidHash); err != nil {
		return err
	}
	data := map[string]any{"priority": t.Priority, "kind": t.Kind}
	if !t.AppointmentAt.IsZero() {
		data["appointment_at"] = t.AppointmentAt.UTC().Format(time.RFC3339)
	}
	firstSeq := e.cache.lastSeq + 1
	ev, err := e.appendEvent(ctx, tx, ticketEvent(EvIssued, *t, t.IssuedAt, "", data))
	if err != nil || ev.Seq == firstSeq {
		return err
	}
	_, err = tx.ExecContext(ctx, qFirstSeq, ev.Seq, t.ID) // another process appended in between
	return err
}

// insertTicketTx allocates t's number and stores it. The insert skips a
// number another process took since it was cached, and then tries again.
func (e *Engine) insertTicketTx(ctx context.Context, tx *dbtx, svc Service, t *Ticket, nidHash string) error {
	prio := 0
	if t.Priority != PriorityNone {
		prio = 1
	}
	for range 3 {
		number, cycle, err := e.allocateNumber(ctx, tx, svc, t.Day, t.IssuedAt)
		if err != nil {
			return err
		}
		firstSeq, err := e.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		t.Number, t.Label = number, e.label(svc.Prefix, number)
		t.Ref = ref(t.Day, t.Label, cycle)
		res, err := tx.ExecContext(ctx, qInsertTicket, t.Ref, t.Service, t.Service, t.Day, t.Number, cycle, t.Label,
			t.State, t.Priority, prio, t.Kind, ms(t.AppointmentAt), ms(t.IssuedAt), ms(t.QueuedAt), nidHash, firstSeq)
		if err != nil {
			return fmt.Errorf("queue: issue %s: %w", t.Label, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			e.numberStale(svc.Code, t.Day)
			continue
		}
		e.numberTaken(svc.Code, t.Day, cycle, number)
		if tx.issued != nil {
			*tx.issued = append(*tx.issued, HeadNumber{Service: svc.Code, Day: t.Day, Cycle: cycle, Number: number})
		}
		t.ID, err = res.LastInsertId()
		return err
	}
	return fmt.Errorf("queue: issue: number %s keeps being taken", t.Label)
}

// checkDuplicateTx refuses a second waiting ticket for the same ID hash and
// service within the dedup window.
func (e *Engine) checkDuplicateTx(ctx context.Context, tx *dbtx, service, nidHash string, now time.Time) error {
	if nidHash == "" || e.opts.DedupWindow == 0 {
		return nil
	}
	t, err := scanTicket(tx.QueryRowContext(ctx, qDuplicate, nidHash, service, ms(now.Add(-e.opts.DedupWindow))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("queue: issue: duplicate check: %w", err)
	}
	return &DuplicateError{Existing: t}
}

// rolloverTx closes previous service days the first time a write of a new
// day happens: their open tickets become expired.
func (e *Engine) rolloverTx(ctx context.Context, tx *dbtx, now time.Time) error {
	today := e.serviceDay(now)
	if e.rolled.Load() == today {
		return nil // days only move forward: once seen closed, it stays so
	}
	var last string
	err := tx.QueryRowContext(ctx, qMetaDay).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("queue: rollover: %w", err)
	}
	if last == today {
		e.rolled.Store(today)
		return nil
	}
	if last != "" {
		if err := e.expireBeforeTx(ctx, tx, today, now); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('day', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, today)
	if err != nil {
		return fmt.Errorf("queue: rollover: %w", err)
	}
	return nil
}

func (e *Engine) expireBeforeTx(ctx context.Context, tx *dbtx, day string, now time.Time) error {
	rows, err := tx.QueryContext(ctx, "SELECT "+ticketColumns+
		` FROM tickets WHERE day < ? AND state IN ('waiting','called','serving','held') ORDER BY id`, day)
	if err != nil {
		return fmt.Errorf("queue: expire: %w", err)
	}
	var open []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("queue: expire: %w", err)
		}
		open = append(open, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("queue: expire: %w", err)
	}
	for _, t := range open {
		from := t.State
		t.State, t.EndedAt = Expired, now
		if err := updateTicket(ctx, tx, t); err != nil {
			return err
		}
		if _, err := e.appendEvent(ctx, tx, ticketEvent(EvExpired, t, now, "day_close", map[string]any{"from": from})); err != nil {
			return err
		}
	}
	_, err = e.appendEvent(ctx, tx, Event{Type: EvDayClosed, At: now,
		Data: fmt.Sprintf(`{"before":%q,"expired":%d}`, day, len(open))})
	return err
}

// CloseDay expires every open ticket of days before the current one now,
// without waiting for the first ticket of the new day.
func (e *Engine) CloseDay(ctx context.Context) error {
	return e.tx(ctx, func(tx *dbtx) error {
		return e.rolloverTx(ctx, tx, e.opts.Clock.Now())
	})
}

var (
	qInsertTicket = stmt(`INSERT INTO tickets (ref, service, num_service, day, number, cycle, label, state,
		priority, prio, kind, appointment_at, issued_at, queued_at, nid_hash, first_seq)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`)
	qDuplicate = stmt("SELECT " + ticketColumns + ` FROM tickets
		WHERE nid_hash = ? AND service = ? AND state IN ('waiting','called','held') AND issued_at >= ?
		ORDER BY id DESC LIMIT 1`)
	qMetaDay  = stmt("SELECT value FROM meta WHERE key = 'day'")
	qFirstSeq = stmt("UPDATE tickets SET first_seq = ? WHERE id = ?")
)

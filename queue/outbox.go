package queue

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

const eventColumns = `seq, id, device, boot_id, type, ticket_id, ticket, service, counter, reason, data, at, prev_hash, hash`

func scanEvent(r rowScanner) (Event, error) {
	var ev Event
	var at int64
	err := r.Scan(&ev.Seq, &ev.ID, &ev.Device, &ev.BootID, &ev.Type, &ev.TicketID, &ev.Ticket, &ev.Service,
		&ev.Counter, &ev.Reason, &ev.Data, &at, &ev.PrevHash, &ev.Hash)
	ev.At = time.UnixMilli(at).UTC()
	return ev, err
}

func (e *Engine) queryEvents(ctx context.Context, q string, args ...any) ([]Event, error) {
	rows, err := e.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("queue: events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("queue: events: %w", err)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// Events lists events with seq > after, in order, at most limit.
func (e *Engine) Events(ctx context.Context, after int64, limit int) ([]Event, error) {
	return e.queryEvents(ctx, "SELECT "+eventColumns+" FROM events WHERE seq > ? ORDER BY seq LIMIT ?", after, limit)
}

// TicketEvents lists one ticket's events in order.
func (e *Engine) TicketEvents(ctx context.Context, id int64) ([]Event, error) {
	return e.queryEvents(ctx, "SELECT "+eventColumns+` FROM events
		WHERE seq >= (SELECT first_seq FROM tickets WHERE id = ?) AND ticket_id = ? ORDER BY seq`, id, id)
}

// Pending lists outbox events with seq > after, in sequence order: the
// events the upstream server has not acknowledged yet.
func (e *Engine) Pending(ctx context.Context, after int64, limit int) ([]Event, error) {
	return e.queryEvents(ctx, "SELECT "+prefixed("e.", eventColumns)+
		" FROM outbox o JOIN events e ON e.seq = o.seq WHERE o.seq > ? ORDER BY o.seq LIMIT ?", after, limit)
}

// Ack removes acknowledged events from the outbox, by event id. Unknown or
// already acknowledged ids are ignored; it returns how many rows went. The
// ids are looked up through the outbox (small while the link is up), so the
// event log needs no index on them.
func (e *Engine) Ack(ctx context.Context, ids []string) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	res, err := e.db.ExecContext(ctx, `DELETE FROM outbox WHERE seq IN (SELECT o.seq FROM outbox o
		JOIN events e ON e.seq = o.seq WHERE e.id IN (`+placeholders(len(ids))+`))`, args...)
	if err != nil {
		return 0, fmt.Errorf("queue: ack: %w", err)
	}
	return res.RowsAffected()
}

// AckSeqs removes acknowledged events from the outbox by sequence number
// (the relay knows the numbers of the events it has in flight).
func (e *Engine) AckSeqs(ctx context.Context, seqs []int64) (int64, error) {
	var n int64
	err := e.tx(ctx, func(tx *dbtx) error {
		for _, seq := range seqs {
			res, err := tx.ExecContext(ctx, qAckSeq, seq)
			if err != nil {
				return fmt.Errorf("queue: ack: %w", err)
			}
			k, _ := res.RowsAffected()
			n += k
		}
		return nil
	})
	return n, err
}

var qAckSeq = stmt("DELETE FROM outbox WHERE seq = ?")

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// AckUpTo removes every outbox row with seq ≤ seq.
func (e *Engine) AckUpTo(ctx context.Context, seq int64) (int64, error) {
	res, err := e.db.ExecContext(ctx, "DELETE FROM outbox WHERE seq <= ?", seq)
	if err != nil {
		return 0, fmt.Errorf("queue: ack: %w", err)
	}
	return res.RowsAffected()
}

// OutboxInfo is the size and age of the outbox, for health reports.
type OutboxInfo struct {
	Count  int       `json:"count"`
	Oldest time.Time `json:"oldest"`
}

// Outbox reports how many events await acknowledgement and the oldest one's time.
func (e *Engine) Outbox(ctx context.Context) (OutboxInfo, error) {
	var info OutboxInfo
	var oldest sql.NullInt64
	err := e.db.QueryRowContext(ctx, `SELECT COUNT(*), MIN(e.at) FROM outbox o JOIN events e ON e.seq = o.seq`).
		Scan(&info.Count, &oldest)
	if err != nil {
		return info, fmt.Errorf("queue: outbox: %w", err)
	}
	if oldest.Valid {
		info.Oldest = time.UnixMilli(oldest.Int64).UTC()
	}
	return info, nil
}

func prefixed(p, cols string) string {
	out := p
	for _, c := range cols {
		out += string(c)
		if c == ' ' {
			out += p
		}
	}
	return out
}

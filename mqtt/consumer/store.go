package consumer

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	"tabour/mqtt/contract"
)

// eventStore is the reference consumer's SQLite file: every event once,
// by event id, with where it came from.
type eventStore struct{ db *sql.DB }

const eventSchema = `CREATE TABLE IF NOT EXISTS events (
	event_id  TEXT PRIMARY KEY,
	center    TEXT NOT NULL,
	source    TEXT NOT NULL, -- the device in the topic: the relaying appliance
	seq       INTEGER NOT NULL,
	device    TEXT NOT NULL,
	boot_id   TEXT NOT NULL,
	type      TEXT NOT NULL,
	ticket_id INTEGER NOT NULL,
	ticket    TEXT NOT NULL,
	service   TEXT NOT NULL,
	counter   INTEGER NOT NULL,
	reason    TEXT NOT NULL,
	data      TEXT NOT NULL,
	at        INTEGER NOT NULL, -- Unix ms
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL,
	hash_ok   INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS events_seq ON events (center, source, seq);`

func openEventStore(ctx context.Context, driver, path string) (*eventStore, error) {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL") // an ack promises the event is stored
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	db, err := sql.Open(driver, "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("mqtt: consumer store: %w", err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, eventSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("mqtt: consumer store: %w", err)
	}
	return &eventStore{db: db}, nil
}

// received is one event as it arrived.
type received struct {
	center, source string
	ev             contract.Event
}

// insert stores a batch in one transaction and reports which events were
// new (a duplicate is ignored).
func (s *eventStore) insert(ctx context.Context, batch []received) ([]bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("mqtt: consumer store: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (event_id) DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("mqtt: consumer store: %w", err)
	}
	defer stmt.Close()
	fresh := make([]bool, len(batch))
	for i, r := range batch {
		e := r.ev
		res, err := stmt.ExecContext(ctx, e.EventID, r.center, r.source, e.Seq, e.Device, e.BootID, e.Type, e.TicketID,
			e.Ticket, e.Service, e.Counter, e.Reason, e.Data, e.At.UnixMilli(), e.PrevHash, e.Hash, e.HashOK())
		if err != nil {
			return nil, fmt.Errorf("mqtt: consumer store: %w", err)
		}
		n, _ := res.RowsAffected()
		fresh[i] = n == 1
	}
	return fresh, tx.Commit()
}

// events lists one source's stored events in sequence order.
func (s *eventStore) events(ctx context.Context, center, source string) ([]contract.Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT event_id, seq, device, boot_id, type, ticket_id, ticket, service,
		counter, reason, data, at, prev_hash, hash FROM events WHERE center = ? AND source = ? ORDER BY seq, event_id`,
		center, source)
	if err != nil {
		return nil, fmt.Errorf("mqtt: consumer store: %w", err)
	}
	defer rows.Close()
	var out []contract.Event
	for rows.Next() {
		var e contract.Event
		var at int64
		err := rows.Scan(&e.EventID, &e.Seq, &e.Device, &e.BootID, &e.Type, &e.TicketID, &e.Ticket, &e.Service,
			&e.Counter, &e.Reason, &e.Data, &at, &e.PrevHash, &e.Hash)
		if err != nil {
			return nil, fmt.Errorf("mqtt: consumer store: %w", err)
		}
		e.At = contract.At(time.UnixMilli(at))
		out = append(out, e)
	}
	return out, rows.Err()
}

// Report queries: holes in each source's sequence, events whose hash does
// not match their contents, links whose prev_hash is not the stored
// previous event's hash, and sequence numbers held by two event ids (a
// restored backup).
const (
	qGaps = `SELECT center, source, seq + 1, nxt - 1 FROM (SELECT center, source, seq,
		LEAD(seq) OVER (PARTITION BY center, source ORDER BY seq) AS nxt FROM events) WHERE nxt > seq + 1
		ORDER BY center, source, seq`
	qBadHash    = `SELECT center, source, seq FROM events WHERE hash_ok = 0 ORDER BY center, source, seq`
	qBrokenLink = `SELECT b.center, b.source, b.seq FROM events a JOIN events b ON b.center = a.center
		AND b.source = a.source AND b.seq = a.seq + 1 WHERE b.prev_hash != a.hash ORDER BY b.center, b.source, b.seq`
	qConflicts = `SELECT center, source, seq FROM events GROUP BY center, source, seq HAVING COUNT(*) > 1
		ORDER BY center, source, seq`
)

func (s *eventStore) report(ctx context.Context) (Report, error) {
	var r Report
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM events").Scan(&r.Events); err != nil {
		return r, fmt.Errorf("mqtt: consumer report: %w", err)
	}
	var err error
	if r.Gaps, err = s.gaps(ctx); err != nil {
		return r, err
	}
	if r.BadHashes, err = s.refs(ctx, qBadHash); err != nil {
		return r, err
	}
	if r.BrokenLinks, err = s.refs(ctx, qBrokenLink); err != nil {
		return r, err
	}
	r.SeqConflicts, err = s.refs(ctx, qConflicts)
	return r, err
}

func (s *eventStore) gaps(ctx context.Context) ([]Gap, error) {
	rows, err := s.db.QueryContext(ctx, qGaps)
	if err != nil {
		return nil, fmt.Errorf("mqtt: consumer report: %w", err)
	}
	defer rows.Close()
	var out []Gap
	for rows.Next() {
		var g Gap
		if err := rows.Scan(&g.Center, &g.Device, &g.From, &g.To); err != nil {
			return nil, fmt.Errorf("mqtt: consumer report: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func (s *eventStore) refs(ctx context.Context, q string) ([]EventRef, error) {
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("mqtt: consumer report: %w", err)
	}
	defer rows.Close()
	var out []EventRef
	for rows.Next() {
		var e EventRef
		if err := rows.Scan(&e.Center, &e.Device, &e.Seq); err != nil {
			return nil, fmt.Errorf("mqtt: consumer report: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

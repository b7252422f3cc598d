package queue

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Event types. The data of each (a JSON object; durations in seconds):
const (
	EvIssued       = "ticket.issued"      // priority, kind, appointment_at
	EvCalled       = "ticket.called"      // wait_s, priority, from, why (a CallReasons code; before it, note: free text); reason: why chosen
	EvRecalled     = "ticket.recalled"    // recalls
	EvStarted      = "ticket.started"     // walk_s
	EvDone         = "ticket.done"        // service_s; reason "next" when finished by the next call
	EvNoShow       = "ticket.no_show"     // no_shows
	EvNotStarted   = "ticket.not_started" // since_call_s; reason "next": passed over, never started
	EvRecycled     = "ticket.recycled"    // no_shows
	EvTransferred  = "ticket.transferred" // from_service, from_counter, to_service, to_counter
	EvHeld         = "ticket.held"
	EvReturned     = "ticket.returned"
	EvCancelled    = "ticket.cancelled"  // reason: why
	EvExpired      = "ticket.expired"    // from; reason "day_close"
	EvCounter      = "counter.state"     // from, to; reason: a PauseReasons code (before them, free text)
	EvWrapped      = "numbering.wrapped" // cycle, day
	EvDayClosed    = "day.closed"        // before, expired
	EvNoteRedacted = "note.redacted"     // event_id: the event whose note was redacted
	// EvCounterServices: day, from, services (lists of {code, weight}):
	// the services the counter serves for the rest of the service day.
	EvCounterServices = "counter.services"
	EvHallTicker      = "hall.ticker"    // text {ar, en}; empty: back to the configured line
	EvAnnounced       = "hall.announced" // text {ar, en}
	// EvRated: score (1 to 5), reasons (RatingReasons codes): the
	// citizen's rating of a done ticket's service (Rate).
	EvRated = "ticket.rated"
)

// GenesisHash is the prev_hash of the first event.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// Event is one row of the append-only event log. It carries no personal
// data: tickets are named by their label, never by a citizen's details.
type Event struct {
	Seq      int64     `json:"seq"`
	ID       string    `json:"event_id"`
	Device   string    `json:"device"`
	BootID   string    `json:"boot_id"`
	Type     string    `json:"type"`
	TicketID int64     `json:"ticket_id,omitempty"`
	Ticket   string    `json:"ticket,omitempty"`
	Service  string    `json:"service,omitempty"`
	Counter  int       `json:"counter,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	Data     string    `json:"data,omitempty"` // JSON object with type-specific details
	At       time.Time `json:"at"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// hashInput is the canonical form an event's hash covers; encoding/json
// writes struct fields in this order, so any verifier can rebuild it.
type hashInput struct {
	Seq      int64  `json:"seq"`
	ID       string `json:"id"`
	Device   string `json:"device"`
	BootID   string `json:"boot_id"`
	Type     string `json:"type"`
	TicketID int64  `json:"ticket_id"`
	Ticket   string `json:"ticket"`
	Service  string `json:"service"`
	Counter  int    `json:"counter"`
	Reason   string `json:"reason"`
	Data     string `json:"data"`
	At       int64  `json:"at"`
}

// ComputeHash returns hex(sha256(prev_hash || canonical JSON of the event)).
func (ev Event) ComputeHash() string {
	b, _ := json.Marshal(hashInput{ev.Seq, ev.ID, ev.Device, ev.BootID, ev.Type, ev.TicketID,
		ev.Ticket, ev.Service, ev.Counter, ev.Reason, ev.Data, ev.At.UnixMilli()})
	h := sha256.New()
	h.Write([]byte(ev.PrevHash))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// appendEvent writes ev as the next event of the chain; a trigger adds
// its outbox row. The chain's end is cached: if another process appended
// since (the insert finds its seq taken), the end is read again.
func (e *Engine) appendEvent(ctx context.Context, tx *dbtx, ev Event) (Event, error) {
	ev.Device, ev.BootID = e.opts.Device, e.bootID
	if is, ok := ctx.Value(issuerKey{}).(issuer); ok {
		ev.Data = is.addTo(ev.Data)
	}
	ev.At = ev.At.Truncate(time.Millisecond)
	ev.ID = newUUIDv7(ev.At)
	for range 3 {
		seq, err := e.nextSeq(ctx, tx)
		if err != nil {
			return ev, err
		}
		ev.Seq, ev.PrevHash = seq, e.cache.lastHash
		ev.Hash = ev.ComputeHash()
		res, err := tx.ExecContext(ctx, qInsertEvent,
			ev.Seq, ev.ID, ev.Device, ev.BootID, ev.Type, ev.TicketID, ev.Ticket, ev.Service,
			ev.Counter, ev.Reason, ev.Data, ev.At.UnixMilli(), ev.PrevHash, ev.Hash)
		if err != nil {
			return ev, fmt.Errorf("queue: append event: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			e.cache.lastSeq, e.cache.lastHash = ev.Seq, ev.Hash
			if tx.events != nil {
				*tx.events = append(*tx.events, ev)
			}
			return ev, nil
		}
		e.cache.chainKnown = false
	}
	return ev, fmt.Errorf("queue: append event: sequence %d keeps being taken", ev.Seq)
}

// nextSeq is the sequence number the next event will get.
func (e *Engine) nextSeq(ctx context.Context, tx *dbtx) (int64, error) {
	if !e.cache.chainKnown {
		var last sql.NullInt64
		prev := GenesisHash
		err := tx.QueryRowContext(ctx, qLastEvent).Scan(&last, &prev)
		if err != nil && err != sql.ErrNoRows {
			return 0, fmt.Errorf("queue: read last event: %w", err)
		}
		e.cache.chainKnown, e.cache.lastSeq, e.cache.lastHash = true, last.Int64, prev
	}
	return e.cache.lastSeq + 1, nil
}

// ticketEvent builds an event about t.
func ticketEvent(typ string, t Ticket, at time.Time, reason string, data any) Event {
	ev := Event{Type: typ, TicketID: t.ID, Ticket: t.Label, Service: t.Service,
		Counter: t.Counter, Reason: reason, At: at}
	if data != nil {
		b, _ := json.Marshal(data)
		ev.Data = string(b)
	}
	return ev
}

// newUUIDv7 returns a UUID version 7 (RFC 9562): 48 bits of Unix
// milliseconds, then random bits. Written here because the queue package
// keeps to the standard library.
func newUUIDv7(t time.Time) string {
	var u [16]byte
	binary.BigEndian.PutUint64(u[0:8], uint64(t.UnixMilli())<<16)
	_, _ = rand.Read(u[6:])
	u[6] = 0x70 | u[6]&0x0f
	u[8] = 0x80 | u[8]&0x3f
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}

var (
	qLastEvent   = stmt("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
	qInsertEvent = stmt(`INSERT INTO events
		(seq, id, device, boot_id, type, ticket_id, ticket, service, counter, reason, data, at, prev_hash, hash)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (seq) DO NOTHING`)
)

package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Reason codes. A pause, a call out of order and a cancellation carry a
// code from a fixed list into their event, where the audit hash covers it. What the clerk
// typed besides, if anything, is a note kept beside the event (the
// event_notes table, keyed by the event's id) outside what the hash
// covers, so that it can be redacted (RedactNote) and the chain still
// verifies. Events written before the codes keep their free-text reason.
var (
	// PauseReasons are the codes a counter's pause may carry.
	PauseReasons = []string{"break", "prayer", "meeting", "system", "other"}
	// CallReasons are the codes a call out of order may carry.
	CallReasons = []string{"returned", "appointment", "priority", "correction", "other"}
	// CancelReasons are the codes a cancellation may carry.
	CancelReasons = []string{"left", "duplicate", "wrong_service", "other"}
)

// MaxNote is the longest note, in bytes.
const MaxNote = 500

// ErrNoNote is returned for an event that has no note.
var ErrNoNote = errors.New("event has no note")

// checkReason requires code to be one of codes.
func checkReason(op string, codes []string, code string) error {
	if strings.TrimSpace(code) == "" {
		return fmt.Errorf("queue: %s: %w", op, ErrReasonRequired)
	}
	if !slices.Contains(codes, code) {
		return fmt.Errorf("queue: %s: reason %q is not one of %s (free text goes in the note): %w",
			op, code, strings.Join(codes, ", "), ErrInvalid)
	}
	return nil
}

func checkNote(op, note string) error {
	if len(note) > MaxNote {
		return fmt.Errorf("queue: %s: a note holds at most %d bytes: %w", op, MaxNote, ErrInvalid)
	}
	return nil
}

// addNoteTx keeps note beside the event eventID (nothing if it is blank).
func addNoteTx(ctx context.Context, tx *dbtx, eventID, note string) error {
	if strings.TrimSpace(note) == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO event_notes (event_id, text) VALUES (?, ?)", eventID, note); err != nil {
		return fmt.Errorf("queue: note: %w", err)
	}
	return nil
}

// Note is the free text kept beside an event, outside its hash. A
// redacted note has lost its text; RedactedAt says when.
type Note struct {
	EventID    string    `json:"event_id"`
	Text       string    `json:"text"`
	RedactedAt time.Time `json:"redacted_at,omitzero"`
}

// EventNote returns the note of the event with id eventID, or ErrNoNote.
func (e *Engine) EventNote(ctx context.Context, eventID string) (Note, error) {
	n := Note{EventID: eventID}
	var redacted int64
	err := e.db.QueryRowContext(ctx, "SELECT text, redacted_at FROM event_notes WHERE event_id = ?", eventID).
		Scan(&n.Text, &redacted)
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("queue: event %s: %w", eventID, ErrNoNote)
	}
	if err != nil {
		return n, fmt.Errorf("queue: read note: %w", err)
	}
	if redacted > 0 {
		n.RedactedAt = time.UnixMilli(redacted).UTC()
	}
	return n, nil
}

// RedactNote erases the text of the note of the event with id eventID
// and records that it did with a note.redacted event naming it. The
// redacted event and its hash are untouched, so the chain still verifies.
// Redacting a note again changes nothing.
func (e *Engine) RedactNote(ctx context.Context, eventID string) (Note, error) {
	n := Note{EventID: eventID}
	err := e.tx(ctx, func(tx *dbtx) error {
		now := e.opts.Clock.Now().Truncate(time.Millisecond)
		var redacted int64
		err := tx.QueryRowContext(ctx, "SELECT redacted_at FROM event_notes WHERE event_id = ?", eventID).Scan(&redacted)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("queue: event %s: %w", eventID, ErrNoNote)
		}
		if err != nil {
			return fmt.Errorf("queue: read note: %w", err)
		}
		if redacted > 0 {
			n.RedactedAt = time.UnixMilli(redacted).UTC()
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE event_notes SET text = '', redacted_at = ? WHERE event_id = ?",
			now.UnixMilli(), eventID); err != nil {
			return fmt.Errorf("queue: redact note: %w", err)
		}
		n.RedactedAt = now.UTC()
		_, err = e.appendEvent(ctx, tx, Event{Type: EvNoteRedacted, At: now, Data: fmt.Sprintf(`{"event_id":%q}`, eventID)})
		return err
	})
	return n, err
}

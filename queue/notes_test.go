package queue_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"tabour/queue"
)

// A pause and a call out of order carry a code into the hashed event; the
// clerk's free text stays beside it, out of every event field.
func TestReasonCodesAndNotes(t *testing.T) {
	f := newFixture(t, nil)
	for _, bad := range []string{"tea with a colleague", "Break", "lunch"} {
		if err := f.SetCounterState(f.ctx, 1, queue.CounterPaused, bad); !errors.Is(err, queue.ErrInvalid) {
			t.Errorf("pause %q: %v", bad, err)
		}
	}
	if err := f.SetCounterState(f.ctx, 1, queue.CounterPaused, ""); !errors.Is(err, queue.ErrReasonRequired) {
		t.Errorf("pause without reason: %v", err)
	}
	if err := f.SetCounterStateNote(f.ctx, 1, queue.CounterPaused, "break", strings.Repeat("x", queue.MaxNote+1)); !errors.Is(err, queue.ErrInvalid) {
		t.Errorf("long note: %v", err)
	}
	const pauseNote, callNote = "back after the supervisor's visit", "came back with the missing stamp"
	f.must(f.SetCounterStateNote(f.ctx, 1, queue.CounterPaused, "meeting", pauseNote))
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterOpen, ""))
	f.issue("BLD", "")
	b := f.issue("BLD", "")
	if _, err := f.CallTicketNote(f.ctx, 1, b.ID, "documents ready", ""); !errors.Is(err, queue.ErrInvalid) {
		t.Errorf("call with free text as its reason: %v", err)
	}
	_, err := f.CallTicketNote(f.ctx, 1, b.ID, "returned", callNote)
	f.must(err)

	evs, err := f.Events(f.ctx, 0, 1000)
	f.must(err)
	var pause, call queue.Event
	for _, ev := range evs {
		raw, _ := json.Marshal(ev)
		if strings.Contains(string(raw), "supervisor") || strings.Contains(string(raw), "stamp") {
			t.Errorf("event %d holds the note: %s", ev.Seq, raw)
		}
		switch {
		case ev.Type == queue.EvCounter && strings.Contains(ev.Data, `"to":"paused"`):
			pause = ev
		case ev.Type == queue.EvCalled && ev.Ticket == b.Label:
			call = ev
		}
	}
	if pause.Reason != "meeting" {
		t.Fatalf("pause event %+v", pause)
	}
	if call.Reason != "manual" || !strings.Contains(call.Data, `"why":"returned"`) {
		t.Fatalf("call event %+v", call)
	}
	for ev, want := range map[string]string{pause.ID: pauseNote, call.ID: callNote} {
		n, err := f.EventNote(f.ctx, ev)
		f.must(err)
		if n.Text != want || !n.RedactedAt.IsZero() {
			t.Errorf("note of %s: %+v, want %q", ev, n, want)
		}
	}
	if _, err := f.EventNote(f.ctx, evs[0].ID); !errors.Is(err, queue.ErrNoNote) {
		t.Errorf("an event without a note: %v", err)
	}
}

// Redacting a note erases its text, records the redaction in the chain
// and leaves the chain verifying.
func TestRedactNoteKeepsTheChain(t *testing.T) {
	f := newFixture(t, nil)
	f.must(f.SetCounterStateNote(f.ctx, 2, queue.CounterPaused, "other", "citizen Ahmed's complaint"))
	evs, err := f.Events(f.ctx, 0, 1000)
	f.must(err)
	paused := evs[len(evs)-1]
	f.clock.Advance(time.Minute)
	n, err := f.RedactNote(f.ctx, paused.ID)
	f.must(err)
	if n.Text != "" || n.RedactedAt.IsZero() {
		t.Fatalf("redacted: %+v", n)
	}
	if got, err := f.EventNote(f.ctx, paused.ID); err != nil || got.Text != "" || !got.RedactedAt.Equal(n.RedactedAt) {
		t.Fatalf("note after redaction: %+v, %v", got, err)
	}
	again, err := f.RedactNote(f.ctx, paused.ID)
	f.must(err)
	if !again.RedactedAt.Equal(n.RedactedAt) {
		t.Errorf("second redaction: %+v", again)
	}
	after, err := f.Events(f.ctx, paused.Seq, 1000)
	f.must(err)
	if len(after) != 1 || after[0].Type != queue.EvNoteRedacted || after[0].Data != `{"event_id":"`+paused.ID+`"}` {
		t.Fatalf("events after the pause: %+v, want one note.redacted", after)
	}
	rep, err := f.Verify(f.ctx)
	f.must(err)
	if !rep.OK() {
		t.Fatalf("chain broken after redaction: %+v", rep.Broken)
	}
	if _, err := f.RedactNote(f.ctx, "no-such-event"); !errors.Is(err, queue.ErrNoNote) {
		t.Errorf("redact an unknown event: %v", err)
	}
}

// A database written before the reason codes (schema 3: free text in the
// hashed reason, no notes table) opens, migrates and still verifies, and
// its old events read as they were written.
func TestOldEventsStayReadable(t *testing.T) {
	f := newFixture(t, nil)
	f.must(f.SetCounterState(f.ctx, 1, queue.CounterPaused, "break"))
	f.must(f.Close())

	db, err := sql.Open("sqlite3", "file:"+f.path)
	f.must(err)
	defer db.Close()
	var last queue.Event
	f.must(db.QueryRow("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").Scan(&last.Seq, &last.Hash))
	old := queue.Event{Seq: last.Seq + 1, ID: "0193a3c0-0000-7000-8000-000000000001", Device: "kiosk1", BootID: "old",
		Type: queue.EvCounter, Counter: 2, Reason: "tea with a colleague", Data: `{"from":"open","to":"paused"}`,
		At: f.clock.Now().Truncate(time.Millisecond), PrevHash: last.Hash}
	old.Hash = old.ComputeHash()
	_, err = db.Exec(`INSERT INTO events (seq, id, device, boot_id, type, ticket_id, ticket, service, counter, reason, data, at, prev_hash, hash)
		VALUES (?,?,?,?,?,0,'','',?,?,?,?,?,?)`, old.Seq, old.ID, old.Device, old.BootID, old.Type, old.Counter, old.Reason,
		old.Data, old.At.UnixMilli(), old.PrevHash, old.Hash)
	f.must(err)
	for _, q := range []string{"DROP TABLE event_notes", "DROP TABLE sms_boxes", "DROP TABLE number_floor",
		"DROP TABLE counter_services_day", "DROP INDEX events_hall", "DROP TABLE ratings", "PRAGMA user_version = 3"} {
		_, err := db.Exec(q)
		f.must(err)
	}
	f.must(db.Close())

	e, err := queue.Open(f.ctx, f.path, queue.DefaultOptions())
	f.must(err)
	defer e.Close()
	rep, err := e.Verify(f.ctx)
	f.must(err)
	if !rep.OK() || rep.LastSeq != old.Seq {
		t.Fatalf("verify after migrating: %+v", rep)
	}
	evs, err := e.Events(f.ctx, old.Seq-1, 10)
	f.must(err)
	if len(evs) != 1 || evs[0].Reason != old.Reason || evs[0].Hash != old.Hash {
		t.Fatalf("old event read as %+v", evs)
	}
	if _, err := e.EventNote(f.ctx, old.ID); !errors.Is(err, queue.ErrNoNote) {
		t.Fatalf("note of an old event: %v", err)
	}
}

package queue

import (
	"context"
	"fmt"
)

// Broken names the first event at which the audit chain fails.
type Broken struct {
	Seq     int64  `json:"seq"`
	Problem string `json:"problem"`
}

// VerifyReport is the result of walking the audit chain.
type VerifyReport struct {
	Events  int64   `json:"events"`
	LastSeq int64   `json:"last_seq"`
	Broken  *Broken `json:"broken,omitempty"`
}

// OK reports whether the whole chain verified.
func (r VerifyReport) OK() bool { return r.Broken == nil }

// Verify walks the event log in sequence order and checks that sequence
// numbers have no gap, each event names the previous event's hash, and
// each hash matches the event's contents. It reports the first broken link.
func (e *Engine) Verify(ctx context.Context) (VerifyReport, error) {
	var rep VerifyReport
	rows, err := e.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM events ORDER BY seq`)
	if err != nil {
		return rep, fmt.Errorf("queue: verify: %w", err)
	}
	defer rows.Close()
	prev := GenesisHash
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return rep, fmt.Errorf("queue: verify: %w", err)
		}
		rep.Events++
		if p := checkLink(ev, rep.LastSeq, prev); p != "" {
			rep.Broken = &Broken{Seq: ev.Seq, Problem: p}
			return rep, nil
		}
		rep.LastSeq, prev = ev.Seq, ev.Hash
	}
	return rep, rows.Err()
}

func checkLink(ev Event, lastSeq int64, prev string) string {
	switch {
	case ev.Seq != lastSeq+1:
		return fmt.Sprintf("sequence gap: expected %d, found %d", lastSeq+1, ev.Seq)
	case ev.PrevHash != prev:
		return "prev_hash does not match the previous event's hash"
	case ev.ComputeHash() != ev.Hash:
		return "hash does not match the event's contents (the row was changed)"
	}
	return ""
}

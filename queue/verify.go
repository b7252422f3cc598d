package queue

import (
	"context"
	"database/sql"
	"fmt"
)

// Broken names the first event at which the audit chain fails.
type Broken struct {
	Seq     int64  `json:"seq"`
	Problem string `json:"problem"`
}

// SeqRange is a range of event sequence numbers, both ends included.
type SeqRange struct {
	From int64 `json:"from"`
	To   int64 `json:"to"`
}

// VerifyReport is the result of walking the audit chain.
type VerifyReport struct {
	Events  int64   `json:"events"`
	LastSeq int64   `json:"last_seq"`
	Broken  *Broken `json:"broken,omitempty"`
	// Missing is the range of seq the head file shows committed that the
	// database lacks.
	Missing *SeqRange `json:"missing,omitempty"`
}

// OK reports whether the whole chain verified.
func (r VerifyReport) OK() bool { return r.Broken == nil }

// Verify walks the event log in sequence order and checks that sequence
// numbers have no gap (but the range an EvLossAccepted names), each event
// names the previous event's hash, and each hash matches the event's
// contents; then that the log reaches the event the head file anchors and
// holds it. It reports the first broken link, or the missing range.
func (e *Engine) Verify(ctx context.Context) (VerifyReport, error) {
	return verify(ctx, e.db, e.file, true)
}

// VerifyFile verifies the database at path as Verify does, without
// opening an engine: it writes nothing, and verifies a database that Open
// refuses because it does not match its head file.
func VerifyFile(ctx context.Context, path string, opts Options) (VerifyReport, error) {
	opts = opts.withDefaults()
	if err := checkPath(path); err != nil {
		return VerifyReport{}, err
	}
	if noDatabase(path) {
		return verify(ctx, nil, path, false)
	}
	db, err := sql.Open(opts.Driver, "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		return VerifyReport{}, &openError{path: path, err: err}
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return VerifyReport{}, &openError{path: path, err: err}
	}
	return verify(ctx, db, path, v > 0)
}

// verify walks the log of db (when hasLog) and compares it with the head
// file of path.
func verify(ctx context.Context, db *sql.DB, path string, hasLog bool) (VerifyReport, error) {
	var rep VerifyReport
	head, hasHead, err := ReadHead(path)
	if err != nil {
		return rep, err
	}
	if hasLog {
		if err := walkChain(ctx, db, &rep); err != nil || !rep.OK() {
			return rep, err
		}
	}
	if !hasHead {
		return rep, nil
	}
	c := &ChainError{DB: path, HeadFile: HeadPath(path), Head: head, LastSeq: rep.LastSeq}
	if c.Behind() {
		rep.Missing = &SeqRange{From: c.From(), To: c.To()}
		rep.Broken = &Broken{Seq: c.From(), Problem: c.problem()}
		return rep, nil
	}
	if err := db.QueryRowContext(ctx, "SELECT hash FROM events WHERE seq = ?", head.Seq).Scan(&c.DBHash); err != nil && err != sql.ErrNoRows {
		return rep, fmt.Errorf("queue: verify: %w", err)
	}
	if c.DBHash != head.Hash {
		rep.Broken = &Broken{Seq: head.Seq, Problem: c.problem()}
	}
	return rep, nil
}

// walkChain checks every link of the log into rep.
func walkChain(ctx context.Context, db *sql.DB, rep *VerifyReport) error {
	rows, err := db.QueryContext(ctx, `SELECT `+eventColumns+` FROM events ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("queue: verify: %w", err)
	}
	defer rows.Close()
	prev := GenesisHash
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return fmt.Errorf("queue: verify: %w", err)
		}
		rep.Events++
		if p := checkLink(ev, rep.LastSeq, prev); p != "" {
			rep.Broken = &Broken{Seq: ev.Seq, Problem: p}
			return nil
		}
		rep.LastSeq, prev = ev.Seq, ev.Hash
	}
	return rows.Err()
}

func checkLink(ev Event, lastSeq int64, prev string) string {
	switch {
	case ev.Seq != lastSeq+1 && !lossGap(ev, lastSeq):
		return fmt.Sprintf("sequence gap: expected %d, found %d", lastSeq+1, ev.Seq)
	case ev.PrevHash != prev:
		return "prev_hash does not match the previous event's hash"
	case ev.ComputeHash() != ev.Hash:
		return "hash does not match the event's contents (the row was changed)"
	}
	return ""
}

package queue

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Head is the anchor of the audit chain kept outside the database, in the
// head file next to it (HeadPath): the last event this appliance knows was
// committed, and the highest ticket number issued per service on its
// newest day. It is replaced atomically (a temporary file, fsync'd, then
// renamed, and the directory fsync'd) after commits, off the commit's
// critical section: it never names an event that is not committed, and
// after a crash it may lag the database by the last commits. A database
// whose log is behind its head file, or holds another event at the head's
// seq, has lost or replaced committed events, and Open refuses it.
type Head struct {
	Seq       int64        `json:"seq"`
	Hash      string       `json:"hash"`
	Device    string       `json:"device"`
	BootID    string       `json:"boot_id"`
	WrittenAt time.Time    `json:"written_at"`
	Numbers   []HeadNumber `json:"numbers,omitempty"`
}

// HeadNumber is the highest number a service issued on a day, in the
// day's current numbering cycle.
type HeadNumber struct {
	Service string `json:"service"`
	Day     string `json:"day"`
	Cycle   int    `json:"cycle"`
	Number  int    `json:"number"`
}

// above reports whether n is a later day, cycle or number than o.
func (n HeadNumber) above(o HeadNumber) bool {
	return cmp.Or(cmp.Compare(n.Day, o.Day), cmp.Compare(n.Cycle, o.Cycle), cmp.Compare(n.Number, o.Number)) > 0
}

// HeadPath is the head file of the database at path.
func HeadPath(path string) string { return path + ".head" }

// ReadHead reads the head file of the database at path; ok is false when
// there is none.
func ReadHead(path string) (h Head, ok bool, err error) {
	return readHead(HeadPath(path))
}

func readHead(hp string) (h Head, ok bool, err error) {
	b, err := os.ReadFile(hp)
	if errors.Is(err, fs.ErrNotExist) {
		return h, false, nil
	}
	if err != nil {
		return h, false, fmt.Errorf("queue: head file %s: %w", hp, unwrapPath(err))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err = dec.Decode(&h)
	if err == nil && (h.Seq <= 0 || len(h.Hash) != len(GenesisHash)) {
		err = fmt.Errorf("no seq and hash of an event")
	}
	if err != nil {
		return h, false, fmt.Errorf("queue: head file %s: unreadable (%v): it must hold the seq and hash of the last committed event; restore it, or move it aside after checking the database", hp, err)
	}
	return h, true, nil
}

// mergeNumbers keeps, per service, the newest day's highest number of
// both lists.
func mergeNumbers(a, b []HeadNumber) []HeadNumber {
	by := map[string]HeadNumber{}
	for _, n := range slices.Concat(a, b) {
		if o, ok := by[n.Service]; !ok || n.above(o) {
			by[n.Service] = n
		}
	}
	out := make([]HeadNumber, 0, len(by))
	for _, n := range by {
		out = append(out, n)
	}
	slices.SortFunc(out, func(x, y HeadNumber) int { return cmp.Compare(x.Service, y.Service) })
	return out
}

// writeHead replaces the head file hp with h merged with the file's
// contents: the later of the two anchors and the higher numbers. Writers
// of the same database (the kiosk and tabourctl) take turns through a
// lock file, so the head never goes back.
func writeHead(hp string, h Head) error {
	unlock, err := lockFile(hp + ".lock")
	if err != nil {
		return fmt.Errorf("queue: head file %s: lock: %w", hp, err)
	}
	defer unlock()
	if old, ok, err := readHead(hp); err == nil && ok {
		if old.Seq > h.Seq {
			h.Seq, h.Hash, h.Device, h.BootID, h.WrittenAt = old.Seq, old.Hash, old.Device, old.BootID, old.WrittenAt
		}
		h.Numbers = mergeNumbers(old.Numbers, h.Numbers)
	}
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return err
	}
	tmp := hp + ".tmp"
	if err := writeSynced(tmp, append(b, '\n')); err != nil {
		return fmt.Errorf("queue: head file %s: %w", hp, err)
	}
	if err := os.Rename(tmp, hp); err != nil {
		return fmt.Errorf("queue: head file %s: %w", hp, err)
	}
	if err := syncDir(filepath.Dir(hp)); err != nil {
		return fmt.Errorf("queue: head file %s: %w", hp, err)
	}
	return nil
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// headWriter writes the head file after commits on a goroutine of its
// own: a commit only records its last event and the numbers it issued,
// and the writer writes the newest state it has, one write for all the
// commits made while the previous write ran or since, at most every
// headEvery. Close writes what is left at once.
type headWriter struct {
	path   string
	device string
	bootID string

	mu      sync.Mutex
	seq     int64
	hash    string
	numbers []HeadNumber
	dirty   bool
	err     error // of the last write

	kick    chan struct{}
	stop    chan struct{}
	stopped sync.Once
	done    chan struct{}
}

func newHeadWriter(hp, device, bootID string) *headWriter {
	w := &headWriter{path: hp, device: device, bootID: bootID,
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go w.run()
	return w
}

// post records a committed event (the last of its transaction) and the
// numbers the transaction issued.
func (w *headWriter) post(seq int64, hash string, issued []HeadNumber) {
	w.mu.Lock()
	if seq > w.seq {
		w.seq, w.hash = seq, hash
	}
	if len(issued) > 0 {
		w.numbers = mergeNumbers(w.numbers, issued)
	}
	w.dirty = true
	w.mu.Unlock()
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// headEvery is the least time between two writes of the head file: the
// commits made meanwhile are written together, so that the head file's
// fsyncs do not compete with every commit's on a busy disk.
const headEvery = 100 * time.Millisecond

func (w *headWriter) run() {
	defer close(w.done)
	pause := time.NewTimer(headEvery)
	pause.Stop()
	defer pause.Stop()
	for {
		select {
		case <-w.kick:
		case <-w.stop:
			w.flush()
			return
		}
		w.flush()
		pause.Reset(headEvery)
		select {
		case <-pause.C:
		case <-w.stop:
			w.flush()
			return
		}
	}
}

// flush writes what was posted since the last write.
func (w *headWriter) flush() {
	w.mu.Lock()
	if !w.dirty || w.seq == 0 {
		w.mu.Unlock()
		return
	}
	h := Head{Seq: w.seq, Hash: w.hash, Device: w.device, BootID: w.bootID, WrittenAt: time.Now().UTC(),
		Numbers: slices.Clone(w.numbers)}
	w.dirty = false
	w.mu.Unlock()
	err := writeHead(w.path, h)
	w.mu.Lock()
	w.err = err
	if err != nil {
		w.dirty = true // written again with the next commit, or at close
	}
	w.mu.Unlock()
}

// close writes what is pending and stops the writer; it returns the
// error of the last write. It may be called again.
func (w *headWriter) close() error {
	w.stopped.Do(func() { close(w.stop) })
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Errors of a database that does not match its head file; the error is a
// *ChainError.
var (
	ErrChainBehind   = errors.New("the database's event log is behind its head file")
	ErrChainReplaced = errors.New("the database's event log is not the one its head file anchors")
)

// ChainError reports a database whose event log does not reach, or does
// not hold, the event its head file anchors: committed events were lost
// (a copy without its -wal, an emptied or older file) or the log was
// replaced. The engine then issues nothing until an operator accepts the
// loss (AcceptLoss, tabourctl audit accept-loss).
type ChainError struct {
	DB       string // the database file
	HeadFile string
	Head     Head
	LastSeq  int64  // the database's last event; 0 when it holds none
	DBHash   string // the database's hash at Head.Seq, when it reaches it
}

// Behind reports whether events are missing; From..To is their range.
func (c *ChainError) Behind() bool { return c.LastSeq < c.Head.Seq }

// From is the first seq missing when Behind.
func (c *ChainError) From() int64 { return c.LastSeq + 1 }

// To is the last seq missing when Behind: the head file's.
func (c *ChainError) To() int64 { return c.Head.Seq }

func (c *ChainError) Error() string { return "queue: " + c.DB + ": " + c.problem() }

// problem says what does not match, naming both files.
func (c *ChainError) problem() string {
	by := fmt.Sprintf("written by %s, boot %s", c.Head.Device, c.Head.BootID)
	if c.Behind() {
		holds := fmt.Sprintf("the database ends at seq %d", c.LastSeq)
		if c.LastSeq == 0 {
			holds = "the database holds no events"
		}
		return fmt.Sprintf("seq %d..%d missing: %s but its head file %s anchors seq %d (%s)",
			c.From(), c.To(), holds, c.HeadFile, c.Head.Seq, by)
	}
	found := "no event"
	if c.DBHash != "" {
		found = "hash " + short(c.DBHash)
	}
	return fmt.Sprintf("seq %d differs from its head file %s: the database has %s there, the head file hash %s (%s): the log was replaced or the head file changed",
		c.Head.Seq, c.HeadFile, found, short(c.Head.Hash), by)
}

func short(h string) string { return h[:min(len(h), 16)] }

// Is makes errors.Is(err, ErrChainBehind) or ErrChainReplaced true.
func (c *ChainError) Is(target error) bool {
	return target == ErrChainBehind && c.Behind() || target == ErrChainReplaced && !c.Behind()
}

// compareHead checks the database's log against the head h; it returns a
// *ChainError when the log is behind it or differs at its seq.
func compareHead(ctx context.Context, q rowQueryer, path string, h Head) error {
	last, _, err := lastEvent(ctx, q)
	if err != nil {
		return err
	}
	c := &ChainError{DB: path, HeadFile: HeadPath(path), Head: h, LastSeq: last}
	if c.Behind() {
		return c
	}
	err = q.QueryRowContext(ctx, "SELECT hash FROM events WHERE seq = ?", h.Seq).Scan(&c.DBHash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("queue: read event %d: %w", h.Seq, err)
	}
	if c.DBHash != h.Hash {
		return c
	}
	return nil
}

// lastEvent is the seq and hash of the log's last event (0 and the
// genesis hash when it is empty).
func lastEvent(ctx context.Context, q rowQueryer) (int64, string, error) {
	var last sql.NullInt64
	hash := GenesisHash
	err := q.QueryRowContext(ctx, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").Scan(&last, &hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, "", fmt.Errorf("queue: read last event: %w", err)
	}
	return last.Int64, hash, nil
}

// rowQueryer reads one row: a database or a transaction.
type rowQueryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// noDatabase reports whether path holds no database yet: no file, or an
// empty one without a write-ahead log.
func noDatabase(path string) bool {
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil && fi.Size() > 0 {
			return false
		}
	}
	return true
}

// anchorHead brings the head file up to the database when the database is
// ahead of it (the last commits before a crash, or a database older than
// head files), with the highest numbers of its newest day.
func (e *Engine) anchorHead(ctx context.Context, h Head, hasHead bool) error {
	last, hash, err := lastEvent(ctx, e.db)
	if err != nil || last == 0 || hasHead && last <= h.Seq {
		return err
	}
	rows, err := e.db.QueryContext(ctx, `SELECT num_service, day, cycle, MAX(number) FROM tickets
		WHERE day = (SELECT MAX(day) FROM tickets) GROUP BY num_service, cycle`)
	if err != nil {
		return fmt.Errorf("queue: head: %w", err)
	}
	defer rows.Close()
	var nums []HeadNumber
	for rows.Next() {
		var n HeadNumber
		if err := rows.Scan(&n.Service, &n.Day, &n.Cycle, &n.Number); err != nil {
			return fmt.Errorf("queue: head: %w", err)
		}
		nums = append(nums, n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("queue: head: %w", err)
	}
	e.head.post(last, hash, mergeNumbers(nil, nums))
	return nil
}

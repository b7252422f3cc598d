package queue_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"tabour/queue"
)

// opts are the fixture's engine options.
func (f *fixture) opts() queue.Options {
	o := queue.DefaultOptions()
	o.Clock, o.Location, o.Device = f.clock, cairo, "kiosk1"
	return o
}

// reopen opens the fixture's file again, closing it at the end of the test.
func (f *fixture) reopen() (*queue.Engine, error) {
	e, err := queue.Open(f.ctx, f.path, f.opts())
	if err == nil {
		f.t.Cleanup(func() { e.Close() })
	}
	return e, err
}

func (f *fixture) head() queue.Head {
	f.t.Helper()
	h, ok, err := queue.ReadHead(f.path)
	if err != nil || !ok {
		f.t.Fatalf("head file: %v %v", ok, err)
	}
	return h
}

func lastSeq(t *testing.T, e *queue.Engine) (int64, string) {
	t.Helper()
	evs, err := e.Events(context.Background(), 0, 1_000_000)
	if err != nil || len(evs) == 0 {
		t.Fatalf("events: %v (%d)", err, len(evs))
	}
	return evs[len(evs)-1].Seq, evs[len(evs)-1].Hash
}

// refused checks that err is a *ChainError of kind want that names the
// database, its head file and (when behind) the missing range.
func refused(t *testing.T, f *fixture, err error, want error, from, to int64) *queue.ChainError {
	t.Helper()
	var c *queue.ChainError
	if !errors.As(err, &c) || !errors.Is(err, want) {
		t.Fatalf("open: %v, want %v", err, want)
	}
	msg := err.Error()
	t.Log(msg)
	for _, w := range []string{f.path + ":", queue.HeadPath(f.path)} {
		if !strings.Contains(msg, w) {
			t.Errorf("%q does not name %s", msg, w)
		}
	}
	if want == queue.ErrChainBehind {
		if r := fmt.Sprintf("seq %d..%d missing", from, to); !strings.Contains(msg, r) || c.From() != from || c.To() != to {
			t.Errorf("%q: want %q", msg, r)
		}
	}
	return c
}

// verifyNames checks that VerifyFile reports the range missing.
func verifyNames(t *testing.T, f *fixture, from, to int64) {
	t.Helper()
	rep, err := queue.VerifyFile(f.ctx, f.path, f.opts())
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("seq %d..%d missing", from, to)
	if rep.OK() || rep.Missing == nil || *rep.Missing != (queue.SeqRange{From: from, To: to}) ||
		!strings.Contains(rep.Broken.Problem, want) {
		t.Fatalf("verify: %+v %+v, want %s", rep, rep.Broken, want)
	}
}

// A fresh install (no database, no head file) opens, and after its
// commits the head file anchors the last event and the numbers issued.
func TestHeadFreshInstall(t *testing.T) {
	f := newFixture(t, nil)
	for range 3 {
		f.issue("BLD", queue.PriorityNone)
	}
	f.issue("SHOP", queue.PriorityNone)
	seq, hash := lastSeq(t, f.Engine)
	f.must(f.Close())
	h := f.head()
	if h.Seq != seq || h.Hash != hash || h.Device != "kiosk1" || h.BootID != f.BootID() {
		t.Fatalf("head %+v, want seq %d hash %s", h, seq, hash)
	}
	want := []queue.HeadNumber{{Service: "BLD", Day: "2026-11-22", Number: 3}, {Service: "SHOP", Day: "2026-11-22", Number: 1}}
	if fmt.Sprint(h.Numbers) != fmt.Sprint(want) {
		t.Fatalf("numbers %+v, want %+v", h.Numbers, want)
	}
	if _, err := f.reopen(); err != nil {
		t.Fatal(err)
	}
}

// A database emptied to zero bytes next to its head file is refused, with
// the whole range missing, and left as it is.
func TestHeadZeroByteDatabaseRefused(t *testing.T) {
	f := newFixture(t, nil)
	for range 5 {
		f.issue("BLD", queue.PriorityNone)
	}
	seq, _ := lastSeq(t, f.Engine)
	f.must(f.Close())
	writeFile(t, f.path, nil)
	before := snapshotDir(t, f.path[:strings.LastIndex(f.path, "/")])
	_, err := f.reopen()
	refused(t, f, err, queue.ErrChainBehind, 1, seq)
	verifyNames(t, f, 1, seq)
	if after := snapshotDir(t, f.path[:strings.LastIndex(f.path, "/")]); after != before {
		t.Errorf("the refusal changed the files:\n%s\nthen\n%s", before, after)
	}
}

// lostWAL leaves the fixture's database as a copy of its main file made
// while the engine ran with its last tickets only in the -wal: it returns
// the seq of the last event the copy holds and of the last one committed.
func lostWAL(t *testing.T, f *fixture) (kept, last int64) {
	t.Helper()
	for range 4 {
		f.issue("BLD", queue.PriorityNone)
	}
	kept, _ = lastSeq(t, f.Engine)
	f.must(f.Close()) // checkpointed: the main file holds them
	e, err := f.reopen()
	if err != nil {
		t.Fatal(err)
	}
	for range 6 {
		if _, err := e.Issue(f.ctx, queue.IssueRequest{Service: "BLD"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Issue(f.ctx, queue.IssueRequest{Service: "SHOP"}); err != nil {
		t.Fatal(err)
	}
	last, _ = lastSeq(t, e)
	copied, err := os.ReadFile(f.path) // without its -wal
	if err != nil {
		t.Fatal(err)
	}
	f.must(e.Close())
	writeFile(t, f.path, copied)
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(f.path + ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	return kept, last
}

// A copy of the database without its -wal lost the last tickets: it is
// refused, naming the range, and Verify names it too.
func TestHeadCopyWithoutWALRefused(t *testing.T) {
	f := newFixture(t, nil)
	kept, last := lostWAL(t, f)
	if last <= kept {
		t.Fatalf("nothing was lost: %d then %d", kept, last)
	}
	_, err := f.reopen()
	refused(t, f, err, queue.ErrChainBehind, kept+1, last)
	verifyNames(t, f, kept+1, last)
}

// After the operator accepts the loss, the engine runs again: the event
// recording it skips the lost range, the chain verifies, and numbering
// goes on above every number issued before, lost ones included.
func TestAcceptLossContinuesAboveEveryNumber(t *testing.T) {
	f := newFixture(t, nil)
	kept, last := lostWAL(t, f)
	loss, err := queue.AcceptLoss(f.ctx, f.path, f.opts())
	if err != nil {
		t.Fatal(err)
	}
	if loss.From != kept+1 || loss.To != last || loss.Event.Seq != last+1 || loss.Event.Type != queue.EvLossAccepted ||
		loss.Event.Reason != fmt.Sprintf("operator accepted loss of seq %d..%d", kept+1, last) {
		t.Fatalf("loss %+v", loss)
	}
	if h := f.head(); h.Seq != loss.Event.Seq || h.Hash != loss.Event.Hash {
		t.Fatalf("head %+v not anchored on %+v", h, loss.Event)
	}
	e, err := f.reopen()
	if err != nil {
		t.Fatal(err)
	}
	bld, err := e.Issue(f.ctx, queue.IssueRequest{Service: "BLD"})
	if err != nil {
		t.Fatal(err)
	}
	shop, err := e.Issue(f.ctx, queue.IssueRequest{Service: "SHOP"})
	if err != nil {
		t.Fatal(err)
	}
	if bld.Label != "A011" || shop.Label != "B002" {
		t.Fatalf("after the loss of A005–A010 and B001: issued %s and %s, want A011 and B002", bld.Label, shop.Label)
	}
	rep, err := e.Verify(f.ctx)
	if err != nil || !rep.OK() {
		t.Fatalf("verify after accepting: %+v %v", rep, err)
	}
	if _, err := queue.AcceptLoss(f.ctx, f.path, f.opts()); !errors.Is(err, queue.ErrNothingToAccept) {
		t.Fatalf("accepting again: %v", err)
	}
}

// A zero-byte database accepted as lost starts a new log above the head,
// and numbers above those issued before.
func TestAcceptLossOfEverything(t *testing.T) {
	f := newFixture(t, nil)
	for range 3 {
		f.issue("OUT", queue.PriorityNone)
	}
	seq, _ := lastSeq(t, f.Engine)
	f.must(f.Close())
	writeFile(t, f.path, nil)
	loss, err := queue.AcceptLoss(f.ctx, f.path, f.opts())
	if err != nil || loss.From != 1 || loss.To != seq {
		t.Fatalf("loss %+v %v", loss, err)
	}
	e, err := f.reopen()
	if err != nil {
		t.Fatal(err)
	}
	f.must(e.SyncCatalog(f.ctx, testServices, testCounters))
	tk, err := e.Issue(f.ctx, queue.IssueRequest{Service: "OUT"})
	if err != nil || tk.Label != "C004" {
		t.Fatalf("issued %s %v, want C004", tk.Label, err)
	}
	if rep, err := e.Verify(f.ctx); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

// A head file whose hash was changed does not anchor the database's
// event: refused, and Verify says so.
func TestHeadTamperedHashRefused(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", queue.PriorityNone)
	f.must(f.Close())
	hp := queue.HeadPath(f.path)
	b, err := os.ReadFile(hp)
	if err != nil {
		t.Fatal(err)
	}
	h := f.head()
	forged := strings.Replace(string(b), h.Hash, strings.Repeat("ab", 32), 1)
	writeFile(t, hp, []byte(forged))
	_, err = f.reopen()
	refused(t, f, err, queue.ErrChainReplaced, 0, 0)
	rep, err := queue.VerifyFile(f.ctx, f.path, f.opts())
	if err != nil || rep.OK() || rep.Broken.Seq != h.Seq || !strings.Contains(rep.Broken.Problem, "replaced") {
		t.Fatalf("verify: %+v %+v %v", rep, rep.Broken, err)
	}
	loss, err := queue.AcceptLoss(f.ctx, f.path, f.opts())
	if err != nil || loss.From != 0 || loss.Event.Seq != h.Seq+1 ||
		loss.Event.Reason != fmt.Sprintf("operator accepted a replaced log at seq %d", h.Seq) {
		t.Fatalf("accept: %+v %v", loss, err)
	}
	e, err := f.reopen()
	if err != nil {
		t.Fatal(err)
	}
	if tk, err := e.Issue(f.ctx, queue.IssueRequest{Service: "BLD"}); err != nil || tk.Label != "A002" {
		t.Fatalf("issued %s %v, want A002", tk.Label, err)
	}
}

// A database ahead of its head file (killed between a commit and the head
// file's write) opens, and the head file catches up with it.
func TestHeadBehindDatabaseIsFine(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", queue.PriorityNone)
	f.must(f.Close())
	hp := queue.HeadPath(f.path)
	old, err := os.ReadFile(hp)
	if err != nil {
		t.Fatal(err)
	}
	e, err := f.reopen()
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := e.Issue(f.ctx, queue.IssueRequest{Service: "BLD"}); err != nil {
			t.Fatal(err)
		}
	}
	seq, hash := lastSeq(t, e)
	f.must(e.Close())
	writeFile(t, hp, old) // the last head writes never happened
	if f.head().Seq >= seq {
		t.Fatal("the head file is not behind")
	}
	e, err = f.reopen()
	if err != nil {
		t.Fatal(err)
	}
	f.must(e.Close())
	if h := f.head(); h.Seq != seq || h.Hash != hash || len(h.Numbers) != 1 || h.Numbers[0].Number != 4 {
		t.Fatalf("head %+v did not catch up with seq %d", h, seq)
	}
}

// A head file that cannot be read stops Open with an error naming it.
func TestHeadUnreadableRefused(t *testing.T) {
	f := newFixture(t, nil)
	f.issue("BLD", queue.PriorityNone)
	f.must(f.Close())
	writeFile(t, queue.HeadPath(f.path), []byte("{\"seq\": 3"))
	_, err := f.reopen()
	if err == nil || !strings.Contains(err.Error(), "head file "+queue.HeadPath(f.path)+": unreadable") {
		t.Fatalf("open: %v", err)
	}
}

// While the engine runs, the head file follows its commits within moments,
// never ahead of them.
func TestHeadFollowsCommits(t *testing.T) {
	f := newFixture(t, nil)
	for i := range 20 {
		f.issue("BLD", queue.PriorityNone)
		seq, _ := lastSeq(t, f.Engine)
		if h, ok, err := queue.ReadHead(f.path); err != nil || ok && h.Seq > seq {
			t.Fatalf("ticket %d: head %+v ahead of seq %d (%v)", i, h, seq, err)
		}
	}
	seq, hash := lastSeq(t, f.Engine)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		h, ok, err := queue.ReadHead(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if ok && h.Seq == seq && h.Hash == hash && h.Numbers[0].Number == 20 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("head %+v has not reached seq %d", h, seq)
		}
	}
}

// Two engines on one file (the kiosk and tabourctl) share its head file:
// it ends on the last commit of either, with the numbers both issued.
func TestHeadTwoWriters(t *testing.T) {
	f := newFixture(t, nil)
	other, err := f.reopen()
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		f.issue("BLD", queue.PriorityNone)
		if _, err := other.Issue(f.ctx, queue.IssueRequest{Service: "SHOP"}); err != nil {
			t.Fatal(err)
		}
	}
	seq, hash := lastSeq(t, other)
	f.must(other.Close())
	f.must(f.Close())
	h := f.head()
	want := []queue.HeadNumber{{Service: "BLD", Day: "2026-11-22", Number: 10}, {Service: "SHOP", Day: "2026-11-22", Number: 10}}
	if h.Seq != seq || h.Hash != hash || fmt.Sprint(h.Numbers) != fmt.Sprint(want) {
		t.Fatalf("head %+v, want seq %d and %+v", h, seq, want)
	}
}

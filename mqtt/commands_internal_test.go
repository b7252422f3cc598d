package mqtt

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/lang"
	"tabour/mqtt/auth"
	"tabour/mqtt/contract"
	"tabour/queue"
)

// A command's running row commits with its effect, in the engine's
// transaction: after a crash before its answer was stored, the command is
// never run again (the replay is answered "interrupted"), and a command
// the engine refused leaves no row behind.
func TestInterruptedCommandIsNotRerun(t *testing.T) {
	ctx, now := context.Background(), cmdTestNow
	eng, path := cmdTestEngine(t)
	st, err := openCmdStore(ctx, "sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	record := func(id string) (cmdRecord, context.Context) {
		payload, _ := json.Marshal(contract.Command{CmdID: id, Actor: "a", IssuedAt: contract.At(now), ExpiresAt: contract.At(now.Add(time.Minute))})
		tp := contract.Topic{Center: "x", Kind: "cmd", Key: "ctr01", Sub: "next"}
		rec := cmdRecord{ID: id, Device: "ctr01", Name: "next", Digest: digest(tp, payload), ExpiresAt: now.Add(time.Minute)}
		return rec, queue.WithTxHook(ctx, func(ctx context.Context, tx queue.Execer) error { return runningTx(ctx, tx, rec) })
	}

	// refused by the engine (nobody waiting): rolled back with no row
	rec, hctx := record("c0")
	if _, err := eng.CallNext(hctx, 1); !errors.Is(err, queue.ErrNoneWaiting) {
		t.Fatalf("call with none waiting: %v", err)
	}
	if old, err := st.get(ctx, "c0"); !errors.Is(err, errNoCommand) {
		t.Fatalf("a refused command left a row: %+v %v", old, err)
	}
	refusal := []byte(`{"cmd_id":"c0","code":"none_waiting"}`)
	if old, err := st.refused(ctx, rec, refusal); err != nil || old != nil {
		t.Fatalf("store the refusal: %+v %v", old, err)
	}
	// redelivered, the refusal is replayed, not decided again
	if old, err := st.refused(ctx, rec, []byte(`{"cmd_id":"c0","code":"other"}`)); err != nil || string(replay(old, rec)) != string(refusal) {
		t.Fatalf("refusal not replayed: %+v %v", old, err)
	}

	if _, err := eng.Issue(ctx, queue.IssueRequest{Service: "BLD"}); err != nil {
		t.Fatal(err)
	}
	rec, hctx = record("c1")
	if _, err := eng.CallNext(hctx, 1); err != nil {
		t.Fatal(err)
	}
	// the process dies here, before the answer is stored; after the
	// restart the same command arrives
	old, err := st.get(ctx, "c1")
	if err != nil || old == nil || !old.Running {
		t.Fatalf("known after the effect: %+v %v", old, err)
	}
	var res contract.Result
	if err := json.Unmarshal(replay(old, rec), &res); err != nil || res.OK || res.Code != contract.CodeInterrupted {
		t.Fatalf("replay: %+v %v", res, err)
	}
	// the same id in a second transaction is refused, and the change with it
	if _, err := eng.Issue(ctx, queue.IssueRequest{Service: "BLD"}); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.CallNext(hctx, 1); !errors.Is(err, errKnown) {
		t.Fatalf("a command id ran twice: %v", err)
	}
	if err := st.answered(ctx, rec.ID, []byte(`{"cmd_id":"c1","ok":true}`)); err != nil {
		t.Fatal(err)
	}
	old, _ = st.get(ctx, "c1")
	if string(replay(old, rec)) != `{"cmd_id":"c1","ok":true}` {
		t.Fatalf("stored answer not replayed: %s", replay(old, rec))
	}
	if n, err := st.prune(ctx, now.Add(2*time.Minute)); err != nil || n != 2 {
		t.Fatalf("prune: %d %v", n, err)
	}
}

// cmdTestNow is the fixed time of the command table tests.
var cmdTestNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// cmdTestEngine opens an engine at cmdTestNow with one service and counter
// 1 open, and returns it with its file.
func cmdTestEngine(t *testing.T) (*queue.Engine, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	opts := queue.DefaultOptions()
	opts.Clock = fixedClock(cmdTestNow)
	eng, err := queue.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	svc := queue.Service{Code: "BLD", Prefix: "A", Name: lang.Text{AR: "بناء", EN: "Building"}, AvgServiceMin: 5}
	if err := eng.SyncCatalog(ctx, []queue.Service{svc}, []queue.Counter{{Number: 1, Services: []queue.CounterService{{Code: "BLD", Weight: 1}}}}); err != nil {
		t.Fatal(err)
	}
	if err := eng.SetCounterState(ctx, 1, queue.CounterOpen, ""); err != nil {
		t.Fatal(err)
	}
	return eng, path
}

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

func TestDecodeCommandRefusesWithoutEchoing(t *testing.T) {
	_, _, err := decodeCommand([]byte(`{"cmd_id":"a","actor":"x","issued_at":"29001011234567","expires_at":"x"}`), time.Minute)
	if err == nil {
		t.Fatal("accepted")
	}
	if r := refuse("a", contract.CodeMalformed, err); len(contract.FindPersonal(r.Error)) > 0 {
		t.Fatalf("the refusal echoes the payload: %s", r.Error)
	}
	if probeID([]byte(`{"cmd_id":"a/b"}`)) != contract.MalformedID || probeID([]byte(`{"cmd_id":"ok-1"}`)) != "ok-1" {
		t.Fatal("probeID")
	}
}

// A command's answer is written by the next command's transaction, or
// after a quiet second; until then a redelivery is answered from memory.
func TestAnswersAreWrittenWithTheNextCommand(t *testing.T) {
	ctx, now := context.Background(), cmdTestNow
	eng, path := cmdTestEngine(t)
	for range 3 {
		if _, err := eng.Issue(ctx, queue.IssueRequest{Service: "BLD"}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := openCmdStore(ctx, "sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err := auth.NewRegistry("c", []auth.Device{{ID: "ctr01", Role: auth.RoleCounter, Counter: 1, PasswordSHA256: auth.HashPassword("x")}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Center: "c", MaxCommandTTL: time.Minute, ClockSkew: time.Minute}
	p := newCommands(eng, st, reg, nil, cfg, fixedClock(now), slog.New(slog.NewTextHandler(io.Discard, nil)))
	tp := contract.Topic{Center: "c", Kind: "cmd", Key: "ctr01", Sub: contract.CmdNext}
	payload := func(id string) []byte {
		b, _ := json.Marshal(contract.Command{CmdID: id, Actor: "a", IssuedAt: contract.At(now), ExpiresAt: contract.At(now.Add(time.Minute))})
		return b
	}
	row := func(id string) (running bool, result string) {
		r, err := st.get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return r.Running, string(r.Result)
	}

	_, first := p.answer(ctx, tp, payload("c1"))
	if running, _ := row("c1"); !running {
		t.Fatal("c1's answer written at once: it should ride on the next command")
	}
	if _, again := p.answer(ctx, tp, payload("c1")); string(again) != string(first) {
		t.Fatalf("redelivery answered %s, want %s", again, first)
	}
	_, second := p.answer(ctx, tp, payload("c2"))
	if running, res := row("c1"); running || res != string(first) {
		t.Fatalf("c1 after the next command: running %v, %s", running, res)
	}
	if running, _ := row("c2"); !running {
		t.Fatal("c2's answer written at once")
	}
	p.saveAnswers(ctx) // what the runner does after a quiet second
	if running, res := row("c2"); running || res != string(second) {
		t.Fatalf("c2 after a quiet second: running %v, %s", running, res)
	}
	if _, again := p.answer(ctx, tp, payload("c2")); string(again) != string(second) {
		t.Fatalf("redelivery from the table answered %s, want %s", again, second)
	}
}

// A command whose engine transaction failed is answered as its retry
// will be: "nothing changed; retry" when its running row is not in the
// command table, "interrupted" when the commit reached the disk anyway.
func TestAnswerAfterFailureMatchesTheRetry(t *testing.T) {
	ctx, now := context.Background(), cmdTestNow
	_, path := cmdTestEngine(t)
	st, err := openCmdStore(ctx, "sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := &commands{store: st, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	rec := cmdRecord{ID: "f1", Device: "ctr01", Name: "pause", Digest: "d", ExpiresAt: now.Add(time.Minute)}
	failed := refuse(rec.ID, contract.CodeInternal, errInternal)
	var got contract.Result
	if err := json.Unmarshal(p.afterFailure(ctx, rec, failed), &got); err != nil || got != failed {
		t.Fatalf("nothing committed: %+v, %v; want %+v", got, err, failed)
	}
	if err := runningTx(ctx, st.db, rec); err != nil { // the commit reached the disk after all
		t.Fatal(err)
	}
	first := p.afterFailure(ctx, rec, failed)
	old, err := st.get(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if retry := replay(old, rec); string(first) != string(retry) || !json.Valid(first) {
		t.Fatalf("answered %s, a retry gets %s", first, retry)
	}
	if err := json.Unmarshal(first, &got); err != nil || got.Code != contract.CodeInterrupted {
		t.Fatalf("committed anyway: %+v, %v", got, err)
	}
}

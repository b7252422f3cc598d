package mqtt

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// A command whose "running" row survived a crash is never run again: the
// replay is answered "interrupted".
func TestInterruptedCommandIsNotRerun(t *testing.T) {
	ctx := context.Background()
	st, err := openCmdStore(ctx, "sqlite3", filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	payload, _ := json.Marshal(Command{CmdID: "c1", Actor: "a", IssuedAt: At(now), ExpiresAt: At(now.Add(time.Minute))})
	tp := Topic{Center: "x", Kind: "cmd", Key: "ctr01", Sub: "next"}
	rec := cmdRecord{ID: "c1", Device: "ctr01", Name: "next", Digest: digest(tp, payload), ExpiresAt: now.Add(time.Minute)}
	if old, err := st.begin(ctx, rec); err != nil || old != nil {
		t.Fatalf("begin: %v %v", old, err)
	}
	// the process dies here; after the restart the same command arrives
	old, err := st.begin(ctx, rec)
	if err != nil || old == nil || !old.Running {
		t.Fatalf("second begin: %+v %v", old, err)
	}
	var res Result
	if err := json.Unmarshal(replay(old, rec), &res); err != nil || res.OK || res.Code != CodeInterrupted {
		t.Fatalf("replay: %+v %v", res, err)
	}
	if err := st.finish(ctx, "c1", []byte(`{"cmd_id":"c1","ok":true}`)); err != nil {
		t.Fatal(err)
	}
	old, _ = st.begin(ctx, rec)
	if string(replay(old, rec)) != `{"cmd_id":"c1","ok":true}` {
		t.Fatalf("stored answer not replayed: %s", replay(old, rec))
	}
	if n, err := st.prune(ctx, now.Add(2*time.Minute)); err != nil || n != 1 {
		t.Fatalf("prune: %d %v", n, err)
	}
}

func TestDecodeCommandRefusesWithoutEchoing(t *testing.T) {
	_, err := decodeCommand([]byte(`{"cmd_id":"a","actor":"x","issued_at":"29001011234567","expires_at":"x"}`), time.Minute)
	if err == nil {
		t.Fatal("accepted")
	}
	if r := refuse("a", CodeMalformed, err); len(FindPersonal(r.Error)) > 0 {
		t.Fatalf("the refusal echoes the payload: %s", r.Error)
	}
	if probeID([]byte(`{"cmd_id":"a/b"}`)) != MalformedID || probeID([]byte(`{"cmd_id":"ok-1"}`)) != "ok-1" {
		t.Fatal("probeID")
	}
}

package ctl_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/ctl"
	"tabour/nationalid"
	"tabour/queue"
)

type session struct {
	t  *testing.T
	db string
}

// middayClock is the wall clock moved so that the tests start at midday of
// 22 November 2026 (UTC), whatever the time of day they run.
type middayClock time.Duration

func (c middayClock) Now() time.Time { return time.Now().Add(time.Duration(c)) }

var midday = middayClock(time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC).Sub(time.Now()))

func newSession(t *testing.T) *session {
	s := &session{t: t, db: filepath.Join(t.TempDir(), "tabour.db")}
	s.ok("init", "--open")
	return s
}

// run runs tabourctl and returns its exit code, stdout and stderr.
func (s *session) run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	ctx := ctl.WithClock(context.Background(), midday)
	code := ctl.Main(ctx, append([]string{"--db", s.db}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func (s *session) ok(args ...string) string {
	s.t.Helper()
	code, out, errs := s.run(args...)
	if code != 0 {
		s.t.Fatalf("tabourctl %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func (s *session) fails(code int, args ...string) string {
	s.t.Helper()
	got, out, errs := s.run(args...)
	if got != code {
		s.t.Fatalf("tabourctl %s: exit %d, want %d\n%s%s", strings.Join(args, " "), got, code, out, errs)
	}
	return out + errs
}

func (s *session) json(v any, args ...string) {
	s.t.Helper()
	if err := json.Unmarshal([]byte(s.ok(append(args, "--json")...)), v); err != nil {
		s.t.Fatal(err)
	}
}

func TestSessionTwoServicesTwoCounters(t *testing.T) {
	s := newSession(t)
	s.ok("issue", "--service", "BLD-PERMIT")
	s.ok("issue", "--service", "SHOP-LICENCE", "--priority", "elderly")
	s.ok("issue", "--service", "BLD-PERMIT")
	if out := s.ok("call", "--counter", "1"); !strings.Contains(out, "called A001") {
		t.Fatalf("counter 1: %s", out)
	}
	if out := s.ok("call", "--counter", "2"); !strings.Contains(out, "called G001") || !strings.Contains(out, "priority") {
		t.Fatalf("counter 2: %s", out)
	}
	s.ok("start", "--counter", "1")
	s.ok("done", "--counter", "1")
	s.ok("start", "--counter", "2")
	s.ok("done", "--counter", "2")
	s.ok("call", "--counter", "1")

	var st queue.Stats
	s.json(&st, "status")
	byCode := map[string]queue.ServiceStats{}
	for _, x := range st.Services {
		byCode[x.Service] = x
	}
	bld, shop := byCode["BLD-PERMIT"], byCode["SHOP-LICENCE"]
	if bld.Waiting != 0 || bld.Called != 2 || bld.ServedToday != 1 || bld.LastCalled != "A002" {
		t.Fatalf("BLD-PERMIT %+v", bld)
	}
	if shop.Waiting != 0 || shop.ServedToday != 1 {
		t.Fatalf("SHOP-LICENCE %+v", shop)
	}
	if st.Counters[0].Current != "A002" || st.Counters[0].Served != 1 || st.Counters[1].Served != 1 {
		t.Fatalf("counters %+v", st.Counters[:2])
	}
	out := s.ok("status")
	for _, want := range []string{"BLD-PERMIT", "SHOP-LICENCE", "A002 called", "COUNTER"} {
		if !strings.Contains(out, want) {
			t.Fatalf("status lacks %q:\n%s", want, out)
		}
	}
	if out := s.ok("audit", "verify"); !strings.Contains(out, "audit chain OK") {
		t.Fatal(out)
	}
}

func TestAuditVerifyNamesEditedRow(t *testing.T) {
	s := newSession(t)
	s.ok("issue", "--service", "BLD-PERMIT")
	s.ok("call", "--counter", "1")
	s.ok("done", "--counter", "1")
	db, err := sql.Open("sqlite3", s.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var seq int64
	if err := db.QueryRow("SELECT seq FROM events WHERE type = 'ticket.called'").Scan(&seq); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE events SET reason = 'manual' WHERE seq = ?", seq); err != nil {
		t.Fatal(err)
	}
	out := s.fails(1, "audit", "verify")
	if !strings.Contains(out, fmt.Sprintf("BROKEN at event seq %d", seq)) {
		t.Fatalf("audit verify did not name seq %d:\n%s", seq, out)
	}
}

func TestRefusalsExplainAndChangeNothing(t *testing.T) {
	s := newSession(t)
	before := s.ok("events", "--limit", "1000")
	cases := [][]string{
		{"call", "--counter", "1"},     // nobody waiting
		{"done", "--counter", "1"},     // nothing open
		{"issue", "--service", "NOPE"}, // unknown service
		{"issue", "--service", "BLD-PERMIT", "--priority", "vip"},
		{"call", "--counter", "42"},            // unknown counter
		{"counter", "--counter", "1", "pause"}, // pause needs a reason
	}
	for _, c := range cases {
		if out := s.fails(1, c...); !strings.Contains(out, "tabourctl "+c[0]+": ") {
			t.Fatalf("%v: %s", c, out)
		}
	}
	for _, c := range [][]string{{"issue"}, {"call"}, {"bogus"}, {"counter", "--counter", "1", "sideways"}, {"call", "--counter", "x"}} {
		s.fails(2, c...)
	}
	if after := s.ok("events", "--limit", "1000"); after != before {
		t.Fatalf("refused commands wrote events:\n%s", after)
	}
}

func TestNID(t *testing.T) {
	s := newSession(t)
	valid := withCheck("2900101" + "01" + "2345") // born 1990-01-01 in Cairo, male
	out := s.ok("nid", valid, "--check", "strict")
	for _, want := range []string{"valid", "1990-01-01", "Male", "Cairo"} {
		if !strings.Contains(out, want) {
			t.Fatalf("nid output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, valid) {
		t.Fatal("nid printed the number in clear")
	}
	arabic := strings.NewReplacer("0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤", "5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩").Replace(valid)
	s.ok("nid", arabic[:8], arabic[8:], "--check", "strict") // split by a space, Arabic-Indic digits
	reasons := map[string]string{
		withCheck("2901301012345"): "date",        // month 13
		withCheck("2900101052345"): "governorate", // 05 is not a governorate
		"2900101012345":            "length",
		"29001010123A5":            "non_digit",
	}
	for in, reason := range reasons {
		out := s.fails(1, "nid", in)
		if !strings.Contains(out, "invalid ("+reason) {
			t.Fatalf("nid %s: want reason %s:\n%s", in, reason, out)
		}
	}
}

func withCheck(first13 string) string {
	n, err := nationalid.Complete(first13)
	if err != nil {
		panic(err)
	}
	return n
}

func TestPrintTest(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	out := s.ok("print-test", "--printer", "virtual:"+dir)
	if !strings.Contains(out, "test ticket printed") || !strings.Contains(out, ": ok") {
		t.Fatalf("print-test: %s", out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "*-T000.png"))
	if len(pngs) != 1 {
		t.Fatalf("virtual printer wrote %v", pngs)
	}
	if err := os.WriteFile(filepath.Join(dir, "STATUS"), []byte("paper_out\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := s.fails(1, "print-test", "--printer", "virtual:"+dir); !strings.Contains(out, "paper_out") {
		t.Fatalf("paper out: %s", out)
	}
	s.fails(2, "print-test", "--printer", "")
}

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// checkJSON walks a decoded JSON document: every key is snake_case, every
// duration (a key ending in _s) is a number of seconds, not nanoseconds,
// and no duration is left under a name without the unit.
func checkJSON(t *testing.T, cmd string, v any, path string) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := path + "." + k
			if !snakeCase.MatchString(k) {
				t.Errorf("%s: key %s is not snake_case", cmd, p)
			}
			switch k {
			case "wait", "aht", "longest_wait", "mean_wait", "mean_service":
				t.Errorf("%s: duration %s without its unit", cmd, p)
			}
			if n, ok := x.(float64); ok && strings.HasSuffix(k, "_s") && (n < 0 || n > 86400 || n != float64(int64(n))) {
				t.Errorf("%s: %s = %v, want whole seconds in a day", cmd, p, n)
			}
			checkJSON(t, cmd, x, p)
		}
	case []any:
		for i, x := range v {
			checkJSON(t, cmd, x, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// TestJSONOutput: every command's --json output is one JSON document in
// snake_case with durations in seconds.
func TestJSONOutput(t *testing.T) {
	s := newSession(t)
	var tk map[string]any
	s.json(&tk, "issue", "--service", "BLD-PERMIT")
	est, _ := tk["estimate"].(map[string]any)
	if aht, _ := est["aht_s"].(float64); aht < 60 || int(aht)%60 != 0 || est["wait_s"] == nil || est["known"] != true {
		t.Errorf("estimate %v: want the catalog's average in seconds", est)
	}
	if _, ok := tk["called_at"]; ok || tk["issued_at"] == nil {
		t.Errorf("ticket times %v: called_at before any call", tk)
	}
	valid := withCheck("2900101" + "01" + "2345")
	for _, c := range [][]string{
		{"init"},
		{"issue", "--service", "BLD-PERMIT", "--priority", "elderly"},
		{"issue", "--service", "BLD-PERMIT"},
		{"call", "--counter", "1"},
		{"start", "--counter", "1"},
		{"done", "--counter", "1"},
		{"call", "--counter", "1"},
		{"counter", "--counter", "2", "pause", "--reason", "break"},
		{"status", "--all"},
		{"events", "--limit", "5"},
		{"audit", "verify"},
		{"nid", valid},
		{"print-test", "--printer", "virtual:" + t.TempDir()},
	} {
		var v any
		s.json(&v, c...)
		checkJSON(t, c[0], v, "")
	}
	s.ok("done", "--counter", "1")
	for n := range 5 {
		s.ok("counter", "--counter", fmt.Sprint(n+1), "close")
	}
	s.json(&tk, "issue", "--service", "BLD-PERMIT")
	if est, _ := tk["estimate"].(map[string]any); est["known"] != false || est["wait_s"] != nil {
		t.Errorf("no counter open: estimate %v, want wait_s null", est)
	}
}

// TestAuditVerifyOutput: the verdict is one line ending in a newline,
// printed once, in every case.
func TestAuditVerifyOutput(t *testing.T) {
	s := &session{t: t, db: filepath.Join(t.TempDir(), "tabour.db")}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"audit", "verify"}, 0, "audit chain OK: no events yet\n"},
		{[]string{"init", "--open"}, 0, ""},
		{[]string{"audit", "verify"}, 0, "audit chain OK: 5 events, seq 1..5\n"},
		{[]string{"audit", "verify", "--json"}, 0, "{\n  \"events\": 5,\n  \"last_seq\": 5\n}\n"},
	} {
		code, out, errs := s.run(c.args...)
		if code != c.code || errs != "" || (c.want != "" && out != c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, errs, c.want)
		}
	}
	db, err := sql.Open("sqlite3", s.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE events SET reason = 'x' WHERE seq = 3"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"audit", "verify"}, {"audit", "verify", "--json"}} {
		code, out, errs := s.run(args...)
		if code != 1 || errs != "" || !strings.HasSuffix(out, "\n") || strings.Count(out, "seq") != 1+strings.Count(out, "last_seq") {
			t.Errorf("%v on a broken chain: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// TestNIDErrorOnce: an invalid number's reason is printed once, on stdout,
// and the exit status is 1.
func TestNIDErrorOnce(t *testing.T) {
	s := newSession(t)
	code, out, errs := s.run("nid", "2900101012345")
	if code != 1 || errs != "" || strings.Count(out, "14 digits") != 1 || !strings.HasPrefix(out, "invalid (length)") {
		t.Errorf("nid: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = s.run("nid", "2900101012345", "--json")
	var o map[string]any
	if err := json.Unmarshal([]byte(out), &o); code != 1 || errs != "" || err != nil || o["reason"] != "length" {
		t.Errorf("nid --json: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// A pause carries its code into the chain and its note beside it; audit
// redact erases the note, and the chain still verifies.
func TestAuditRedactNote(t *testing.T) {
	s := newSession(t)
	s.fails(1, "counter", "--counter", "2", "pause", "--reason", "tea with a colleague")
	s.fails(2, "counter", "--counter", "2", "pause", "--reason", "other", "--note", "call 0100.123.4567")
	s.ok("counter", "--counter", "2", "pause", "--reason", "other", "--note", "waiting for the supervisor")
	var evs []queue.Event
	s.json(&evs, "events", "--limit", "1000")
	last := evs[len(evs)-1]
	if last.Type != queue.EvCounter || last.Reason != "other" {
		t.Fatalf("last event %+v, want the pause", last)
	}
	if out := s.ok("events", "--limit", "1000", "--json"); strings.Contains(out, "supervisor") {
		t.Fatalf("the note is in the event log: %s", out)
	}
	if out := s.ok("audit", "redact", "--event", last.ID); !strings.Contains(out, "note of event "+last.ID+" redacted") {
		t.Fatalf("redact: %s", out)
	}
	if out := s.ok("audit", "verify"); !strings.HasPrefix(out, "audit chain OK") {
		t.Fatalf("verify after redaction: %s", out)
	}
	s.fails(1, "audit", "redact", "--event", evs[0].ID) // an event without a note
	s.fails(2, "audit", "redact")
}

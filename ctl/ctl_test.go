package ctl_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"tabour/ctl"
	"tabour/nationalid"
	"tabour/queue"
)

type session struct {
	t  *testing.T
	db string
}

func newSession(t *testing.T) *session {
	s := &session{t: t, db: filepath.Join(t.TempDir(), "tabour.db")}
	s.ok("init", "--open")
	return s
}

// run runs tabourctl and returns its exit code, stdout and stderr.
func (s *session) run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := ctl.Main(context.Background(), append([]string{"--db", s.db}, args...), &out, &errb)
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

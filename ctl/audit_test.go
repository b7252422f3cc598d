package ctl_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// A database put back to an older copy (or emptied) is behind its head
// file: every command refuses and says what to run, audit verify names the
// missing range, and after audit accept-loss numbering goes on above every
// number issued before.
func TestAuditAcceptLoss(t *testing.T) {
	for _, tt := range []struct {
		name string
		lose func(t *testing.T, s *session, older []byte)
		from func(olderSeq int64) int64 // the first seq lost
	}{
		{"older copy", func(t *testing.T, s *session, older []byte) {
			writeDB(t, s.db, older)
		}, func(olderSeq int64) int64 { return olderSeq + 1 }},
		{"zero bytes", func(t *testing.T, s *session, _ []byte) {
			writeDB(t, s.db, nil)
		}, func(int64) int64 { return 1 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			for range 3 {
				s.ok("issue", "--service", "BLD-PERMIT")
			}
			olderSeq := s.lastSeq()
			older, err := os.ReadFile(s.db) // A001–A003
			if err != nil {
				t.Fatal(err)
			}
			s.ok("issue", "--service", "BLD-PERMIT")
			s.ok("issue", "--service", "BLD-PERMIT") // A005
			want := fmt.Sprintf("seq %d..%d missing", tt.from(olderSeq), s.lastSeq())
			tt.lose(t, s, older)

			out := s.fails(1, "status")
			if !strings.Contains(out, want) || !strings.Contains(out, "tabourctl --db "+s.db+" audit accept-loss") {
				t.Fatalf("status on a database that lost events:\n%s", out)
			}
			if out := s.fails(1, "audit", "verify"); !strings.Contains(out, "audit chain BROKEN: "+want) {
				t.Fatalf("audit verify:\n%s", out)
			}
			out = s.ok("audit", "accept-loss")
			if !strings.Contains(out, "operator accepted loss of "+strings.TrimSuffix(want, " missing")) ||
				!strings.Contains(out, "numbering of BLD-PERMIT on 2026-11-22 goes on above 5") {
				t.Fatalf("accept-loss:\n%s", out)
			}
			if out := s.ok("issue", "--service", "BLD-PERMIT"); !strings.Contains(out, "issued A006") {
				t.Fatalf("after accepting the loss:\n%s", out)
			}
			if out := s.ok("audit", "verify"); !strings.Contains(out, "audit chain OK") || !strings.Contains(out, "accepted as lost") {
				t.Fatalf("audit verify after accepting:\n%s", out)
			}
			if out := s.fails(1, "audit", "accept-loss"); !strings.Contains(out, "nothing to accept") {
				t.Fatalf("accept-loss again:\n%s", out)
			}
		})
	}
}

func writeDB(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + ext); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

func (s *session) lastSeq() int64 {
	s.t.Helper()
	var evs []struct{ Seq int64 }
	s.json(&evs, "events", "--limit", "100000")
	if len(evs) == 0 {
		s.t.Fatal("no events")
	}
	return evs[len(evs)-1].Seq
}

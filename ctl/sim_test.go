package ctl_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSim(t *testing.T) {
	s := &session{t: t, db: t.TempDir() + "/unused.db"}
	out := s.ok("sim", "--scenario", "small")
	for _, want := range []string{"== small:", "forecast", "replay", "old", "naive", "forecast range:", "by hour", "by service"} {
		if !strings.Contains(out, want) {
			t.Fatalf("sim output lacks %q:\n%s", want, out)
		}
	}
	var res []struct {
		Scenario string
		Issued   int
		Overall  []struct{ MAPE float64 }
	}
	if err := json.Unmarshal([]byte(s.ok("sim", "--scenario", "small", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Scenario != "small" || res[0].Issued == 0 || len(res[0].Overall) != 4 {
		t.Fatalf("sim --json: %+v", res)
	}
	if got := s.fails(2, "sim", "--scenario", "nowhere"); !strings.Contains(got, "no scenario") {
		t.Fatalf("unknown scenario: %s", got)
	}
}

func TestAccuracy(t *testing.T) {
	s := newSession(t)
	out := s.ok("accuracy")
	if !strings.Contains(out, "0 tickets promised") || !strings.Contains(out, "MAPE") {
		t.Fatalf("accuracy of an empty day:\n%s", out)
	}
	var a struct {
		Day     string
		Tickets int
	}
	if err := json.Unmarshal([]byte(s.ok("accuracy", "--day", "2026-11-22", "--json")), &a); err != nil || a.Day != "2026-11-22" {
		t.Fatalf("accuracy --json: %+v, %v", a, err)
	}
}

// A kept simulated day is a database tabourctl reads like any other; a
// second run replaces it rather than adding a second day's tickets.
func TestSimKeep(t *testing.T) {
	dir := t.TempDir()
	s := &session{t: t, db: dir + "/small.db"}
	s.ok("sim", "--scenario", "small", "--keep", dir)
	first := s.ok("report", "--day", "2026-11-22")
	s.ok("sim", "--scenario", "small", "--keep", dir)
	if again := s.ok("report", "--day", "2026-11-22"); again != first || !strings.Contains(first, "TOTAL") {
		t.Fatalf("the kept day changed on a second run:\n%s\n%s", first, again)
	}
}

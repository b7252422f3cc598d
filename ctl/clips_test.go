package ctl_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// tabourctl clips lists every clip a center records, with its file and
// what it says, in text and JSON.
func TestClips(t *testing.T) {
	s := &session{t: t, db: filepath.Join(t.TempDir(), "tabour.db")}
	out := s.ok("clips")
	for _, want := range []string{"chime.wav", "ar.n.13.wav", "ثلاثة عشر", "en.window.wav", "please go to window", "display.voice"} {
		if !strings.Contains(out, want) {
			t.Errorf("clips does not list %q:\n%s", want, out)
		}
	}
	var clips []struct{ File, Lang, Text string }
	s.json(&clips, "clips", "--json")
	if len(clips) < 100 || clips[0].File == "" || clips[0].Text == "" {
		t.Errorf("clips --json: %d clips, first %+v", len(clips), clips[0])
	}
}

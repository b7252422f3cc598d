package display

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// A failure repeated on every announcement is logged once a minute, with
// how many failed in between.
func TestThrottledLog(t *testing.T) {
	var buf bytes.Buffer
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	l := newThrottledLog(slog.New(slog.NewTextHandler(&buf, nil)), "display: announcement", time.Minute, func() time.Time { return now })
	for range 30 {
		l.failed(errors.New("aplay: no card"))
		now = now.Add(5 * time.Second)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "failed_since_last_line=11") {
		t.Fatalf("30 failures 5 s apart logged as:\n%s", buf.String())
	}
}

package idscan_test

import (
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"tabour/devices/idscan"
)

func TestLineSplitter(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
		dropped  int
	}{
		{"lf", "29001011234567\n", []string{"29001011234567"}, 0},
		{"cr", "29001011234567\r", []string{"29001011234567"}, 0},
		{"crlf", "29001011234567\r\n30102030405060\r\n", []string{"29001011234567", "30102030405060"}, 0},
		{"spaces", "  290 01\t \n", []string{"290 01"}, 0},
		{"empty lines", "\n\r\n \n", nil, 0},
		{"no end", "2900101", nil, 0},
		{"too long", strings.Repeat("9", 65) + "\n123\n", []string{"123"}, 1},
		{"just fits", strings.Repeat("9", 64) + "\n", []string{strings.Repeat("9", 64)}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var l idscan.LineSplitter
			got, dropped := l.Feed([]byte(c.in))
			if !reflect.DeepEqual(got, c.want) || len(dropped) != c.dropped {
				t.Fatalf("Feed(%q) = %q, %v; want %q and %d dropped", c.in, got, dropped, c.want, c.dropped)
			}
			for _, err := range dropped {
				if !errors.Is(err, idscan.ErrTooLong) {
					t.Errorf("dropped %v, want ErrTooLong", err)
				}
			}
		})
	}
}

// TestLineSplitterBytewise feeds one byte at a time: a CRLF split across
// reads still ends one line.
func TestLineSplitterBytewise(t *testing.T) {
	var l idscan.LineSplitter
	var got []string
	for _, c := range []byte("123\r\n456\r\n") {
		s, _ := l.Feed([]byte{c})
		got = append(got, s...)
	}
	if !reflect.DeepEqual(got, []string{"123", "456"}) {
		t.Fatalf("got %q", got)
	}
}

func TestLinesRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	scans := make(chan string)
	done := make(chan error, 1)
	l := &idscan.Lines{R: strings.NewReader("29001011234567\n30102030405060\n")}
	go func() { done <- l.Run(ctx, scans) }()
	for _, want := range []string{"29001011234567", "30102030405060"} {
		if got := <-scans; got != want {
			t.Fatalf("scan %q, want %q", got, want)
		}
	}
	select {
	case err := <-done:
		t.Fatalf("Run returned %v at EOF; want it to wait for its context", err)
	case <-time.After(20 * time.Millisecond):
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v after cancel, want nil", err)
	}
}

// TestLinesCancelWhileReading ends the context while a Read blocks.
func TestLinesCancelWhileReading(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&idscan.Lines{R: r}).Run(ctx, make(chan string)) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
}

func TestLinesReadError(t *testing.T) {
	r, w := io.Pipe()
	w.CloseWithError(errors.New("cable pulled"))
	err := (&idscan.Lines{R: r}).Run(context.Background(), make(chan string))
	if err == nil || err.Error() != "idscan: read: cable pulled" {
		t.Fatalf("Run = %v, want idscan: read: cable pulled", err)
	}
}

func TestLinesDropped(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var dropped []error
	l := &idscan.Lines{R: strings.NewReader("12345678\n42\n"), MaxLen: 4, Dropped: func(err error) { dropped = append(dropped, err) }}
	scans := make(chan string)
	go l.Run(ctx, scans)
	if got := <-scans; got != "42" {
		t.Fatalf("scan %q, want 42", got)
	}
	if len(dropped) != 1 || !errors.Is(dropped[0], idscan.ErrTooLong) {
		t.Fatalf("dropped %v", dropped)
	}
}

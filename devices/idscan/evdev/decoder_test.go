package evdev

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tabour/devices/idscan"
)

// TestTestdata checks the recorded streams in testdata/ are the ones the
// recorder makes (-update rewrites them), and their .want files.
func TestTestdata(t *testing.T) {
	for _, rec := range recordings {
		events := filepath.Join("testdata", rec.name+".events")
		want := strings.Join(rec.want, "\n") + "\n"
		if *update {
			writeFile(t, events, rec.make())
			writeFile(t, strings.TrimSuffix(events, ".events")+".want", []byte(want))
			continue
		}
		if got := readFile(t, events); !bytes.Equal(got, rec.make()) {
			t.Errorf("%s differs from its recipe; rerun with -update", events)
		}
	}
}

// TestDecodeRecordings replays each stream whole, byte by byte and in odd
// chunks, and compares with its .want file.
func TestDecodeRecordings(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.events")
	if len(files) != len(recordings) {
		t.Fatalf("%d recordings in testdata, want %d", len(files), len(recordings))
	}
	for _, f := range files {
		stream := readFile(t, f)
		want := strings.Fields(strings.ReplaceAll(string(readFile(t, strings.TrimSuffix(f, ".events")+".want")), " ", "_"))
		for _, chunk := range []int{len(stream), 1, 7, EventSize, 100} {
			got := decode(stream, chunk)
			if !slices.Equal(got, want) {
				t.Errorf("%s in chunks of %d: got %q, want %q", f, chunk, got, want)
			}
		}
	}
}

// decode feeds stream in chunks and describes the results as the .want
// files do, with "_" for the space.
func decode(stream []byte, chunk int) []string {
	d := NewDecoder(0, 300*time.Millisecond)
	var out []string
	for len(stream) > 0 {
		n := min(chunk, len(stream))
		for _, r := range d.Feed(stream[:n]) {
			out = append(out, describe(r))
		}
		stream = stream[n:]
	}
	return out
}

func describe(r Result) string {
	switch {
	case r.Err == nil:
		return "scan_" + r.Scan
	case errors.Is(r.Err, idscan.ErrTooLong):
		return "drop_too-long"
	case errors.Is(r.Err, idscan.ErrPartial):
		return "drop_partial"
	case errors.Is(r.Err, ErrGarbage):
		return "drop_garbage"
	case errors.Is(r.Err, ErrDropped):
		return "drop_syn-dropped"
	}
	return "drop_" + r.Err.Error()
}

func TestDecoderNoIdleGap(t *testing.T) {
	stream := (&recorder{}).key(3).wait(time.Hour).typ("4").b
	got := NewDecoder(0, 0).Feed(stream)
	if len(got) != 1 || got[0].Scan != "24" {
		t.Fatalf("got %+v, want one scan 24", got)
	}
}

func TestDecoderMaxLen(t *testing.T) {
	d := NewDecoder(3, 0)
	got := d.Feed((&recorder{}).typ("123").typ("1234").b)
	if len(got) != 2 || got[0].Scan != "123" || !errors.Is(got[1].Err, idscan.ErrTooLong) {
		t.Fatalf("got %+v", got)
	}
	if got[1].Err.Error() != "idscan: scan too long: over 3 characters" {
		t.Errorf("error %q", got[1].Err)
	}
}

func TestEventRoundTrip(t *testing.T) {
	e := Event{Sec: 1735689600, Usec: 999999, Type: EvKey, Code: KeyKPEnter, Value: -1}
	b := e.Append(nil)
	if len(b) != EventSize || ParseEvent(b) != e {
		t.Fatalf("round trip of %+v gave %d bytes, %+v", e, len(b), ParseEvent(b))
	}
	want := []byte{0x80, 0x85, 0x74, 0x67, 0, 0, 0, 0, 0x3f, 0x42, 0x0f, 0, 0, 0, 0, 0, 1, 0, 96, 0, 0xff, 0xff, 0xff, 0xff}
	if !bytes.Equal(b, want) {
		t.Fatalf("bytes % x, want % x", b, want)
	}
}

func writeFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

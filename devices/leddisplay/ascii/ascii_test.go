package ascii_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"tabour/devices/leddisplay/ascii"
	"tabour/devices/leddisplay/leddisplaytest"
)

var update = flag.Bool("update", false, "rewrite testdata/frames.txt")

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFramesByHand: frames worked out by hand from the package doc.
func TestFramesByHand(t *testing.T) {
	d, _ := ascii.New(new(bytes.Buffer), nil)
	for _, c := range []struct {
		counter int
		text    string
		want    string
	}{
		// BCC = 'A'^'0'^'1'^'A'^'0'^'2'^'3'^ETX = 31^32^33^03 = 33
		{1, "A023", "02 41 30 31 41 30 32 33 03 33"},
		// payload "  23": 41^31^32^20^20^32^33^03 = 40
		{12, "23", "02 41 31 32 20 20 32 33 03 40"},
		// blank: 41^30^37^03 = 45
		{7, "", "02 41 30 37 20 20 20 20 03 45"},
	} {
		got, err := d.Encode(c.counter, c.text)
		if err != nil || !bytes.Equal(got, unhex(t, c.want)) {
			t.Errorf("Encode(%d, %q) = % x, %v; want %s", c.counter, c.text, got, err, c.want)
		}
	}
}

// TestGolden sends a session of calls through a Dev and compares every
// byte written with testdata/frames.txt.
func TestGolden(t *testing.T) {
	var out strings.Builder
	w := new(bytes.Buffer)
	d, _ := ascii.New(w, &ascii.Opts{Width: 5, Command: 'A', Addresses: map[int]int{9: 42}})
	ctx := context.Background()
	for _, c := range []struct {
		counter int
		text    string
	}{{1, "A023"}, {2, "B7"}, {9, "C-101"}, {10, "0"}, {99, "Z999"}, {0, "  "}, {1, ""}} {
		w.Reset()
		if err := d.Show(ctx, c.counter, c.text); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "Show(%d, %q)\t% x\n", c.counter, c.text, w.Bytes())
	}
	golden(t, "testdata/frames.txt", out.String())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("frames differ from %s (-update after checking):\n%s", name, got)
	}
}

func TestRejects(t *testing.T) {
	w := new(bytes.Buffer)
	d, _ := ascii.New(w, nil)
	ctx := context.Background()
	for _, c := range []struct {
		counter int
		text    string
	}{{1, "a023"}, {1, "A0234"}, {1, "A.23"}, {1, "تذكرة"}, {100, "A023"}, {-1, "A023"}} {
		if err := d.Show(ctx, c.counter, c.text); err == nil {
			t.Errorf("Show(%d, %q) succeeded", c.counter, c.text)
		}
	}
	if w.Len() != 0 {
		t.Errorf("rejected calls wrote % x", w.Bytes())
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := d.Show(cancelled, 1, "A1"); !errors.Is(err, context.Canceled) {
		t.Errorf("Show with a cancelled context = %v", err)
	}
}

func TestWriteError(t *testing.T) {
	d, _ := ascii.New(failWriter{}, nil)
	err := d.Show(context.Background(), 3, "A1")
	if err == nil || err.Error() != "ascii: counter 3: input/output error" {
		t.Fatalf("Show = %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("input/output error") }

// TestBus: the fake bus decodes what the driver sends.
func TestBus(t *testing.T) {
	bus := leddisplaytest.NewASCIIBus()
	d, _ := ascii.New(bus, nil)
	ctx := context.Background()
	d.Show(ctx, 1, "A023")
	d.Show(ctx, 2, "B7")
	d.Show(ctx, 1, "A024")
	d.Clear(ctx, 2)
	if got := bus.Shows(1); got != "A024" {
		t.Errorf("display 1 shows %q", got)
	}
	if got := bus.Shows(2); got != "    " {
		t.Errorf("display 2 shows %q", got)
	}
	if len(bus.Bad()) != 0 {
		t.Errorf("bus could not decode: %v", bus.Bad())
	}
}

func TestParseFrame(t *testing.T) {
	good := unhex(t, "02 41 30 31 41 30 32 33 03 33")
	f, n, err := ascii.ParseFrame(append(good, 0x02))
	if err != nil || n != len(good) || f != (ascii.Frame{Cmd: 'A', Addr: 1, Text: "A023"}) {
		t.Fatalf("ParseFrame = %+v, %d, %v", f, n, err)
	}
	for i := range good {
		if _, _, err := ascii.ParseFrame(good[:i]); err != ascii.ErrShort {
			t.Errorf("ParseFrame of %d bytes = %v, want ErrShort", i, err)
		}
	}
	for name, s := range map[string]string{
		"no STX":       "41 30 31 41 03 33",
		"bad BCC":      "02 41 30 31 41 30 32 33 03 34",
		"address":      "02 41 30 41 41 03 41",
		"short":        "02 41 30 03 72",
		"bad payload":  "02 41 30 31 61 03 63",
		"STX as cmd":   "02 02 30 31 03 00",
		"no address 2": "02 41 31 03 73",
	} {
		if _, _, err := ascii.ParseFrame(unhex(t, s)); err == nil || err == ascii.ErrShort {
			t.Errorf("%s: ParseFrame(%s) = %v, want an error", name, s, err)
		}
	}
}

func TestNewChecks(t *testing.T) {
	if _, err := ascii.New(nil, nil); err == nil {
		t.Error("nil link accepted")
	}
	if _, err := ascii.New(new(bytes.Buffer), &ascii.Opts{Width: 0, Command: 'A'}); err == nil {
		t.Error("width 0 accepted")
	}
	if _, err := ascii.New(new(bytes.Buffer), &ascii.Opts{Width: 4, Command: ascii.ETX}); err == nil {
		t.Error("ETX as command accepted")
	}
}

// FuzzParseFrame: ParseFrame never panics, and what it accepts is exactly
// the frame Append makes from the result.
func FuzzParseFrame(f *testing.F) {
	f.Add([]byte{0x02, 0x41, 0x30, 0x31, 0x41, 0x30, 0x32, 0x33, 0x03, 0x33})
	f.Add([]byte{0x02, 0x41, 0x31, 0x32, 0x20, 0x20, 0x32, 0x33, 0x03, 0x40, 0x02})
	f.Add([]byte{0x02, 0x03})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, n, err := ascii.ParseFrame(b)
		if err != nil {
			return
		}
		if n < 6 || n > len(b) {
			t.Fatalf("length %d of %d bytes", n, len(b))
		}
		if again := fr.Append(nil); !bytes.Equal(again, b[:n]) {
			t.Fatalf("parsed % x as %+v, which encodes as % x", b[:n], fr, again)
		}
	})
}

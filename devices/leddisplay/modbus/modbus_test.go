package modbus_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"tabour/devices/leddisplay/leddisplaytest"
	"tabour/devices/leddisplay/modbus"
)

var update = flag.Bool("update", false, "rewrite testdata/session.txt")

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCRC: known answers from the Modbus serial-line guide and vendors'
// manuals.
func TestCRC(t *testing.T) {
	for _, c := range []struct {
		frame string
		crc   uint16
	}{
		{"01 03 00 00 00 0A", 0xCDC5}, // sent C5 CD
		{"01 10 00 00 00 02", 0xC841}, // sent 41 C8
		{"01 90 02", 0xC1CD},          // sent CD C1
		{"", 0xFFFF},
	} {
		if got := modbus.CRC(unhex(t, c.frame)); got != c.crc {
			t.Errorf("CRC(%s) = %#04x, want %#04x", c.frame, got, c.crc)
		}
	}
}

// TestRequestsByHand: requests worked out from the package doc, CRCs from
// an independent implementation.
func TestRequestsByHand(t *testing.T) {
	for _, c := range []struct {
		opts    modbus.Opts
		counter int
		text    string
		want    string
	}{
		{modbus.DefaultOpts, 1, "A023", "01 10 00 00 00 02 04 41 30 32 33 B2 E9"},
		{modbus.DefaultOpts, 12, "23", "0C 10 00 00 00 02 04 20 20 32 33 97 7C"},
		{modbus.DefaultOpts, 12, "", "0C 10 00 00 00 02 04 20 20 20 20 DA 11"},
		{modbus.Opts{Width: 6, Start: 100, Timeout: time.Second}, 3, "A023", "03 10 00 64 00 03 06 20 20 41 30 32 33 64 48"},
	} {
		d, _ := modbus.New(leddisplaytest.NewModbusBus(), &c.opts)
		r, err := d.Request(c.counter, c.text)
		if got := r.Append(nil); err != nil || !bytes.Equal(got, unhex(t, c.want)) {
			t.Errorf("Request(%d, %q) = % X, %v; want %s", c.counter, c.text, got, err, c.want)
		}
	}
}

func TestParseResponse(t *testing.T) {
	r, n, err := modbus.ParseResponse(unhex(t, "01 10 00 00 00 02 41 C8 FF"))
	if err != nil || n != 8 || r != (modbus.Response{Slave: 1, Function: 0x10, Quantity: 2}) {
		t.Errorf("echo: %+v, %d, %v", r, n, err)
	}
	r, n, err = modbus.ParseResponse(unhex(t, "01 90 02 CD C1"))
	if err != nil || n != 5 || r.Exception != modbus.IllegalAddress {
		t.Errorf("exception: %+v, %d, %v", r, n, err)
	}
	for s, want := range map[string]error{
		"01":                      modbus.ErrShort,
		"01 10 00 00 00 02 41":    modbus.ErrShort,
		"01 10 00 00 00 02 41 C9": modbus.ErrCRC,
		"01 90 02 CD C2":          modbus.ErrCRC,
	} {
		if _, _, err := modbus.ParseResponse(unhex(t, s)); err != want {
			t.Errorf("ParseResponse(%s) = %v, want %v", s, err, want)
		}
	}
	if _, _, err := modbus.ParseResponse(unhex(t, "01 03 02 00 00 B8 44")); err == nil {
		t.Error("a function 3 reply was accepted")
	}
}

func TestShowOnBus(t *testing.T) {
	bus := leddisplaytest.NewModbusBus()
	defer bus.Close()
	d, _ := modbus.New(bus, nil)
	ctx := context.Background()
	for _, c := range []struct {
		counter int
		text    string
	}{{1, "A023"}, {2, "B7"}, {1, "A024"}} {
		if err := d.Show(ctx, c.counter, c.text); err != nil {
			t.Fatalf("Show(%d, %q) = %v", c.counter, c.text, err)
		}
	}
	if err := d.Clear(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if a, b := bus.Shows(1), bus.Shows(2); a != "A024" || b != "    " {
		t.Errorf("displays show %q and %q", a, b)
	}
}

func TestException(t *testing.T) {
	bus := leddisplaytest.NewModbusBus()
	defer bus.Close()
	bus.Refuse(5, modbus.IllegalAddress)
	d, _ := modbus.New(bus, nil)
	err := d.Show(context.Background(), 5, "A1")
	if !errors.Is(err, modbus.IllegalAddress) || err.Error() != "modbus: display 5 refused: exception 2 (illegal data address)" {
		t.Fatalf("Show = %v", err)
	}
}

func TestTimeout(t *testing.T) {
	bus := leddisplaytest.NewModbusBus()
	defer bus.Close()
	bus.Silence(4)
	d, _ := modbus.New(bus, &modbus.Opts{Width: 4, Timeout: 30 * time.Millisecond})
	err := d.Show(context.Background(), 4, "A1")
	if !errors.Is(err, modbus.ErrTimeout) || err.Error() != "modbus: no reply from display 4 in 30ms" {
		t.Fatalf("Show = %v", err)
	}
	bus.Reply(modbus.Response{Slave: 4, Function: 0x10, Quantity: 2}.Append(nil)) // the late answer
	time.Sleep(10 * time.Millisecond)
	if err := d.Show(context.Background(), 1, "A2"); err != nil {
		t.Fatalf("Show after a late answer = %v", err)
	}
}

// link answers each request with what answer returns.
type link struct {
	answer func(req []byte) []byte
	in     chan []byte
	err    error
}

func newLink(answer func([]byte) []byte) *link {
	return &link{answer: answer, in: make(chan []byte, 4)}
}

func (l *link) Write(p []byte) (int, error) {
	if a := l.answer(p); a != nil {
		l.in <- a
	}
	return len(p), nil
}

func (l *link) Read(p []byte) (int, error) {
	b, ok := <-l.in
	if !ok {
		return 0, l.err
	}
	return copy(p, b), nil
}

func TestBadAnswers(t *testing.T) {
	echo := func(req []byte) []byte { return append(req[:6:6], 0, 0) }
	for _, c := range []struct {
		name   string
		answer func([]byte) []byte
		want   string
	}{
		{"noise first", func(req []byte) []byte {
			return append([]byte{0x00, 0xFF}, modbus.Response{Slave: 1, Function: 0x10, Quantity: 2}.Append(nil)...)
		}, ""},
		{"bad CRC", echo, "modbus: bad CRC (display 1)"},
		{"wrong echo", func([]byte) []byte { return modbus.Response{Slave: 1, Function: 0x10, Quantity: 3}.Append(nil) },
			"modbus: display 1 echoed start 0 quantity 3, want 0 and 2"},
		{"other function", func([]byte) []byte { return unhex(t, "01 03 02 00 00 B8 44") },
			"modbus: reply function 0x03, want 0x10 (display 1)"},
		{"unknown exception", func([]byte) []byte {
			return modbus.Response{Slave: 1, Function: 0x90, Exception: 0x42}.Append(nil)
		}, "modbus: display 1 refused: exception 66"},
	} {
		d, _ := modbus.New(newLink(c.answer), &modbus.Opts{Width: 4, Timeout: time.Second})
		err := d.Show(context.Background(), 1, "A1")
		if got := fmt.Sprint(err); err == nil && c.want != "" || err != nil && got != c.want {
			t.Errorf("%s: Show = %v, want %q", c.name, err, c.want)
		}
	}
}

func TestReadError(t *testing.T) {
	l := newLink(func([]byte) []byte { return nil })
	l.err = io.ErrUnexpectedEOF
	close(l.in)
	d, _ := modbus.New(l, nil)
	err := d.Show(context.Background(), 1, "A1")
	if !errors.Is(err, io.ErrUnexpectedEOF) || !strings.HasPrefix(err.Error(), "modbus: display 1: read: ") {
		t.Fatalf("Show = %v", err)
	}
}

func TestContext(t *testing.T) {
	bus := leddisplaytest.NewModbusBus()
	defer bus.Close()
	bus.Silence(1)
	d, _ := modbus.New(bus, &modbus.Opts{Width: 4, Timeout: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := d.Show(ctx, 1, "A1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Show = %v", err)
	}
}

func TestRejects(t *testing.T) {
	bus := leddisplaytest.NewModbusBus()
	defer bus.Close()
	d, _ := modbus.New(bus, nil)
	for _, c := range []struct {
		counter int
		text    string
	}{{0, "A1"}, {248, "A1"}, {1, "A0234"}, {1, "a1"}} {
		if err := d.Show(context.Background(), c.counter, c.text); err == nil {
			t.Errorf("Show(%d, %q) succeeded", c.counter, c.text)
		}
	}
	if len(bus.Written()) != 0 {
		t.Errorf("rejected calls wrote % x", bus.Written())
	}
	if _, err := modbus.New(bus, &modbus.Opts{Width: 4}); err == nil {
		t.Error("zero timeout accepted")
	}
}

// TestGolden records a session's requests and answers, byte for byte.
func TestGolden(t *testing.T) {
	bus := leddisplaytest.NewModbusBus()
	defer bus.Close()
	bus.Refuse(9, modbus.IllegalValue)
	d, _ := modbus.New(bus, &modbus.Opts{Width: 4, Start: 0x0010, Timeout: time.Second, Addresses: map[int]int{7: 21}})
	var out strings.Builder
	for _, c := range []struct {
		counter int
		text    string
	}{{1, "A023"}, {2, "B7"}, {7, "C101"}, {9, "A1"}, {247, "Z999"}, {1, ""}} {
		before := len(bus.Written())
		err := d.Show(context.Background(), c.counter, c.text)
		fmt.Fprintf(&out, "Show(%d, %q)\t% x\terr=%v\n", c.counter, c.text, bus.Written()[before:], err)
	}
	const name = "testdata/session.txt"
	if *update {
		os.WriteFile(name, []byte(out.String()), 0o644)
	}
	want, err := os.ReadFile(name)
	if err != nil || out.String() != string(want) {
		t.Errorf("session differs from %s (%v):\n%s", name, err, out.String())
	}
}

// FuzzParseResponse: never panics; what it accepts re-encodes to itself.
func FuzzParseResponse(f *testing.F) {
	f.Add([]byte{0x01, 0x10, 0x00, 0x00, 0x00, 0x02, 0x41, 0xC8})
	f.Add([]byte{0x01, 0x90, 0x02, 0xCD, 0xC1})
	f.Add([]byte{0x01, 0x10})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, n, err := modbus.ParseResponse(b)
		if err != nil {
			return
		}
		if again := r.Append(nil); !bytes.Equal(again, b[:n]) {
			t.Fatalf("parsed % x as %+v, which encodes as % x", b[:n], r, again)
		}
	})
}

// FuzzParseRequest: the same for requests, which the fake bus parses.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte{0x01, 0x10, 0x00, 0x00, 0x00, 0x02, 0x04, 0x41, 0x30, 0x32, 0x33, 0xB2, 0xE9})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, n, err := modbus.ParseRequest(b)
		if err != nil {
			return
		}
		if again := r.Append(nil); !bytes.Equal(again, b[:n]) {
			t.Fatalf("parsed % x as %+v, which encodes as % x", b[:n], r, again)
		}
	})
}

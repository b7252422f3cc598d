package leddisplaytest

import (
	"context"
	"errors"
	"io"
	"testing"

	"tabour/devices/leddisplay/modbus"
)

func TestDisplay(t *testing.T) {
	d := NewDisplay()
	ctx := context.Background()
	if err := d.Show(ctx, 3, "A023"); err != nil || d.Shown(3) != "A023" {
		t.Fatalf("Show: %v, shows %q", err, d.Shown(3))
	}
	if err := d.Show(ctx, 3, "a023"); err == nil {
		t.Error("lower case accepted")
	}
	d.Fail(errors.New("bus down"))
	if err := d.Clear(ctx, 3); err == nil || d.Shown(3) != "A023" {
		t.Errorf("Clear on a failing display: %v, shows %q", err, d.Shown(3))
	}
	d.Fail(nil)
	if err := d.Clear(ctx, 3); err != nil || d.Shown(3) != "" || d.Calls() != 3 {
		t.Errorf("Clear: %v, shows %q, %d calls", err, d.Shown(3), d.Calls())
	}
}

// TestModbusBusAnswers: requests split across writes are answered once
// whole; garbage is skipped and listed.
func TestModbusBusAnswers(t *testing.T) {
	b := NewModbusBus()
	req := modbus.Request{Slave: 2, Start: 0, Values: []uint16{0x4130, 0x3233}}.Append(nil)
	b.Write([]byte{0xEE})
	b.Write(req[:5])
	b.Write(req[5:])
	buf := make([]byte, 16)
	n, err := b.Read(buf)
	r, _, perr := modbus.ParseResponse(buf[:n])
	if err != nil || perr != nil || r.Slave != 2 || r.Quantity != 2 {
		t.Fatalf("reply % x: %v %v", buf[:n], err, perr)
	}
	if b.Shows(2) != "A023" || len(b.Bad()) != 1 {
		t.Fatalf("shows %q, bad %v", b.Shows(2), b.Bad())
	}
	b.Close()
	if _, err := b.Read(buf); err != io.EOF {
		t.Fatalf("Read after Close = %v", err)
	}
	if _, err := b.Write(req); err == nil {
		t.Fatal("Write after Close succeeded")
	}
}

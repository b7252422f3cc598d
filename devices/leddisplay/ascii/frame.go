package ascii

import (
	"bytes"
	"errors"
	"fmt"

	"tabour/devices/leddisplay"
)

// Framing bytes.
const (
	STX = 0x02
	ETX = 0x03
)

// ErrShort means the bytes end before the frame does.
var ErrShort = errors.New("ascii: frame incomplete")

// Frame is one command to the display at Addr.
type Frame struct {
	Cmd  byte
	Addr int    // 0–99
	Text string // the payload as sent, padding included
}

// Append appends f's bytes to b. f must be valid (Check).
func (f Frame) Append(b []byte) []byte {
	b = append(b, STX, f.Cmd, byte('0'+f.Addr/10), byte('0'+f.Addr%10))
	b = append(b, f.Text...)
	b = append(b, ETX)
	return append(b, bcc(b[len(b)-len(f.Text)-4:]))
}

// Check reports why f cannot be sent, or nil.
func (f Frame) Check() error {
	if f.Addr < 0 || f.Addr > 99 {
		return fmt.Errorf("ascii: address %d outside [0, 99]", f.Addr)
	}
	if f.Cmd == STX || f.Cmd == ETX {
		return fmt.Errorf("ascii: command byte %#x is a framing byte", f.Cmd)
	}
	return leddisplay.Check(f.Text)
}

// bcc is the XOR of b.
func bcc(b []byte) byte {
	var x byte
	for _, c := range b {
		x ^= c
	}
	return x
}

// ParseFrame reads the frame at the start of b and returns it with its
// length. It returns ErrShort when b ends inside the frame, and another
// error when b does not start with a valid frame.
func ParseFrame(b []byte) (Frame, int, error) {
	if len(b) == 0 {
		return Frame{}, 0, ErrShort
	}
	if b[0] != STX {
		return Frame{}, 0, fmt.Errorf("ascii: frame starts with %#02x, not STX", b[0])
	}
	end := bytes.IndexByte(b[1:], ETX) + 1 // ETX's index, or 0
	if end == 0 || end+1 >= len(b) {
		return Frame{}, 0, ErrShort
	}
	if end < 4 {
		return Frame{}, 0, fmt.Errorf("ascii: frame of %d bytes too short", end+2)
	}
	if got, want := b[end+1], bcc(b[1:end+1]); got != want {
		return Frame{}, 0, fmt.Errorf("ascii: BCC %#02x, want %#02x", got, want)
	}
	f, err := fields(b[1:end])
	return f, end + 2, err
}

// fields decodes cmd, address and payload.
func fields(b []byte) (Frame, error) {
	a1, a0 := b[1], b[2]
	if a1 < '0' || a1 > '9' || a0 < '0' || a0 > '9' {
		return Frame{}, fmt.Errorf("ascii: address %q is not two digits", b[1:3])
	}
	f := Frame{Cmd: b[0], Addr: int(a1-'0')*10 + int(a0-'0'), Text: string(b[3:])}
	return f, f.Check()
}

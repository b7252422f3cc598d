package evdev

import (
	"encoding/binary"
	"time"
)

// EventSize is the size of struct input_event on 64-bit Linux: a 16-byte
// struct timeval, then type u16, code u16 and value s32.
const EventSize = 24

// Event types and codes used here (linux/input-event-codes.h).
const (
	EvSyn = 0x00
	EvKey = 0x01
	EvMsc = 0x04
	EvMax = 0x1f

	SynReport  = 0
	SynDropped = 3 // the kernel's buffer overflowed: events were lost

	KeyMax = 0x2ff
	MscMax = 0x07
)

// Key values of an EV_KEY event.
const (
	Released = 0
	Pressed  = 1
	Repeated = 2 // autorepeat
)

// Event is one struct input_event.
type Event struct {
	Sec, Usec int64 // struct timeval: when the kernel saw it
	Type      uint16
	Code      uint16
	Value     int32
}

// Time is the event's timestamp as a duration since the epoch of its
// clock (realtime unless the reader chose another).
func (e Event) Time() time.Duration {
	return time.Duration(e.Sec)*time.Second + time.Duration(e.Usec)*time.Microsecond
}

// Append appends e's 24 bytes, little-endian as on amd64 and arm64.
func (e Event) Append(b []byte) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(e.Sec))
	b = binary.LittleEndian.AppendUint64(b, uint64(e.Usec))
	b = binary.LittleEndian.AppendUint16(b, e.Type)
	b = binary.LittleEndian.AppendUint16(b, e.Code)
	return binary.LittleEndian.AppendUint32(b, uint32(e.Value))
}

// ParseEvent decodes the first EventSize bytes of b, which must be that
// long.
func ParseEvent(b []byte) Event {
	_ = b[EventSize-1]
	return Event{
		Sec:   int64(binary.LittleEndian.Uint64(b[0:])),
		Usec:  int64(binary.LittleEndian.Uint64(b[8:])),
		Type:  binary.LittleEndian.Uint16(b[16:]),
		Code:  binary.LittleEndian.Uint16(b[18:]),
		Value: int32(binary.LittleEndian.Uint32(b[20:])),
	}
}

// Plausible reports whether e could have come from the kernel: a sane
// timestamp, a known type, and for the types a scanner sends, a code and
// value in range. The decoder uses it to find its way back into a stream
// after garbage.
func (e Event) Plausible() bool {
	if e.Sec < 0 || e.Sec >= 1<<40 || e.Usec < 0 || e.Usec >= 1e6 || e.Type > EvMax {
		return false
	}
	switch e.Type {
	case EvSyn:
		return e.Code <= SynDropped
	case EvKey:
		return e.Code <= KeyMax && e.Value >= Released && e.Value <= Repeated
	case EvMsc:
		return e.Code <= MscMax
	}
	return true
}

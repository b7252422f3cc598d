package evdev

import (
	"errors"
	"fmt"
	"time"

	"tabour/devices/idscan"
)

// Errors for events that spoil a scan. The scan in progress is dropped.
var (
	ErrGarbage = errors.New("evdev: bytes that are not input events")
	ErrDropped = errors.New("evdev: kernel dropped events (SYN_DROPPED)")
)

// Result is what the decoder makes of the stream: a completed scan, or the
// reason a scan (or some bytes) was dropped.
type Result struct {
	Scan string
	Err  error
}

// Decoder turns a stream of input_event records from a keyboard wedge into
// scans. It tracks shift and caps lock, types a character per key press
// (autorepeat is ignored) and ends a scan at Enter or keypad Enter.
// Partial input at the end of a Feed is kept for the next one.
type Decoder struct {
	maxLen  int
	idleGap time.Duration

	pending []byte // bytes of an event not yet complete
	scan    []byte
	over    bool // the scan in progress is too long: skip to Enter
	spoiled bool // garbage cut the scan in progress: skip to Enter
	shift   [2]bool
	caps    bool
	last    time.Duration // timestamp of the last key press in the scan
	lost    bool          // in garbage: already reported
}

// NewDecoder returns a decoder dropping scans longer than maxLen (0 means
// idscan.MaxLen) and partial scans followed by a pause longer than idleGap
// between key presses (0 means no limit).
func NewDecoder(maxLen int, idleGap time.Duration) *Decoder {
	if maxLen <= 0 {
		maxLen = idscan.MaxLen
	}
	return &Decoder{maxLen: maxLen, idleGap: idleGap}
}

// Feed consumes p and returns what it completed, in order.
//
// Bytes that do not form a plausible event are skipped one at a time
// until the stream makes sense again, reported once as ErrGarbage. The
// scan they cut is dropped up to its Enter, so no fragment is delivered;
// garbage between scans costs nothing.
func (d *Decoder) Feed(p []byte) []Result {
	d.pending = append(d.pending, p...)
	var out []Result
	i := 0
	for ; len(d.pending)-i >= EventSize; i++ {
		e := ParseEvent(d.pending[i:])
		if !e.Plausible() {
			out = d.garbage(out)
			continue
		}
		d.lost = false
		out = d.event(e, out)
		i += EventSize - 1
	}
	d.pending = append(d.pending[:0], d.pending[i:]...)
	return out
}

// garbage drops the scan in progress, reporting once per run of garbage.
func (d *Decoder) garbage(out []Result) []Result {
	if d.lost {
		return out
	}
	d.lost = true
	spoiled := d.inScan()
	d.reset()
	d.spoiled = spoiled
	return append(out, Result{Err: ErrGarbage})
}

// event applies one event.
func (d *Decoder) event(e Event, out []Result) []Result {
	switch {
	case e.Type == EvSyn && e.Code == SynDropped:
		out = d.drop(out, ErrDropped)
		d.shift = [2]bool{}
	case e.Type != EvKey:
	case e.Code == KeyLeftShift:
		d.shift[0] = e.Value != Released
	case e.Code == KeyRightShift:
		d.shift[1] = e.Value != Released
	case e.Value != Pressed:
	case e.Code == KeyCapsLock:
		d.caps = !d.caps
	default:
		out = d.press(e, out)
	}
	return out
}

// press handles a key press other than shift and caps lock.
func (d *Decoder) press(e Event, out []Result) []Result {
	t := e.Time()
	if d.inScan() && d.idleGap > 0 && t-d.last > d.idleGap {
		out = d.drop(out, fmt.Errorf("%w (%d characters, then %v)", idscan.ErrPartial, len(d.scan), t-d.last))
	}
	d.last = t
	if e.Code == KeyEnter || e.Code == KeyKPEnter {
		return d.end(out)
	}
	c, ok := char(e.Code, d.shift[0] || d.shift[1], d.caps)
	switch {
	case !ok || d.over || d.spoiled:
	case len(d.scan) >= d.maxLen:
		d.scan, d.over = d.scan[:0], true
	default:
		d.scan = append(d.scan, c)
	}
	return out
}

// end completes the scan at Enter.
func (d *Decoder) end(out []Result) []Result {
	switch {
	case d.over:
		out = append(out, Result{Err: fmt.Errorf("%w: over %d characters", idscan.ErrTooLong, d.maxLen)})
	case len(d.scan) > 0:
		out = append(out, Result{Scan: string(d.scan)})
	}
	d.reset()
	return out
}

// drop abandons the scan in progress, if any, for err.
func (d *Decoder) drop(out []Result, err error) []Result {
	if d.inScan() {
		out = append(out, Result{Err: err})
	}
	d.reset()
	return out
}

func (d *Decoder) reset() { d.scan, d.over, d.spoiled = d.scan[:0], false, false }

func (d *Decoder) inScan() bool { return len(d.scan) > 0 || d.over || d.spoiled }

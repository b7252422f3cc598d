package modbus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"tabour/devices/leddisplay"
)

// ErrTimeout means a display did not answer in time: off, disconnected,
// another address or another baud.
var ErrTimeout = errors.New("modbus: no reply")

// Opts configures a Dev.
type Opts struct {
	Width     int           // characters per display; (Width+1)/2 registers
	Start     uint16        // first holding register of the text
	Timeout   time.Duration // how long to wait for each answer
	Addresses map[int]int   // counter → slave id; counters not here use their number
}

// DefaultOpts suits 4-character displays with the text at register 0.
var DefaultOpts = Opts{Width: leddisplay.DefaultWidth, Timeout: 300 * time.Millisecond}

// Dev is a bus of Modbus RTU displays behind one serial link.
type Dev struct {
	rw   io.ReadWriter
	opts Opts

	mu sync.Mutex // one request on the bus at a time

	readOnce sync.Once
	in       chan []byte   // bytes read from the bus
	readDone chan struct{} // closed when Read fails for good
	readErr  error         // why; set before readDone is closed
}

var _ leddisplay.CounterDisplay = (*Dev)(nil)

// New returns displays on rw. A nil opts means DefaultOpts. New sends
// nothing; the first Show starts a goroutine reading rw, which ends when
// rw's Read fails (close the port to end it).
func New(rw io.ReadWriter, opts *Opts) (*Dev, error) {
	if rw == nil {
		return nil, errors.New("modbus: nil link")
	}
	o := DefaultOpts
	if opts != nil {
		o = *opts
	}
	if o.Width < 1 || o.Width > 2*MaxRegisters || o.Timeout <= 0 {
		return nil, fmt.Errorf("modbus: width %d outside [1, %d] or timeout %v not positive", o.Width, 2*MaxRegisters, o.Timeout)
	}
	return &Dev{rw: rw, opts: o, in: make(chan []byte, 16), readDone: make(chan struct{})}, nil
}

// Show writes text into counter's display registers and waits for the
// display's answer.
func (d *Dev) Show(ctx context.Context, counter int, text string) error {
	req, err := d.Request(counter, text)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.transactLocked(ctx, req)
}

// Clear blanks counter's display.
func (d *Dev) Clear(ctx context.Context, counter int) error { return d.Show(ctx, counter, "") }

// Request returns the request Show would send.
func (d *Dev) Request(counter int, text string) (Request, error) {
	slave, err := leddisplay.Address(d.opts.Addresses, counter, 1, 247)
	if err != nil {
		return Request{}, err
	}
	p, err := leddisplay.Fit(text, d.opts.Width)
	if err != nil {
		return Request{}, err
	}
	return Request{Slave: byte(slave), Start: d.opts.Start, Values: Registers(p)}, nil
}

// Registers packs text two characters per register, the first in the
// high byte, padding an odd length with a space.
func Registers(text string) []uint16 {
	if len(text)%2 == 1 {
		text += " "
	}
	regs := make([]uint16, len(text)/2)
	for i := range regs {
		regs[i] = uint16(text[2*i])<<8 | uint16(text[2*i+1])
	}
	return regs
}

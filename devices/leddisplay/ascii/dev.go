package ascii

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"tabour/devices/leddisplay"
)

// Opts configures a Dev.
type Opts struct {
	Width     int         // characters per display
	Command   byte        // the "show" command byte; 0 means 'A'
	Addresses map[int]int // counter → display address; counters not here use their number
}

// DefaultOpts suits 4-digit displays with the 'A' command.
var DefaultOpts = Opts{Width: leddisplay.DefaultWidth, Command: 'A'}

// Dev is a bus of ASCII-protocol displays behind one serial link.
type Dev struct {
	w    io.Writer
	opts Opts
	mu   sync.Mutex // one frame on the line at a time
}

var _ leddisplay.CounterDisplay = (*Dev)(nil)

// New returns displays on w, which only ever receives whole frames. A nil
// opts means DefaultOpts.
func New(w io.Writer, opts *Opts) (*Dev, error) {
	if w == nil {
		return nil, errors.New("ascii: nil link")
	}
	o := DefaultOpts
	if opts != nil {
		o = *opts
	}
	if o.Command == 0 {
		o.Command = DefaultOpts.Command
	}
	if o.Width < 1 || o.Width > 32 {
		return nil, fmt.Errorf("ascii: width %d outside [1, 32]", o.Width)
	}
	if (Frame{Cmd: o.Command}).Check() != nil {
		return nil, fmt.Errorf("ascii: command byte %#x is a framing byte", o.Command)
	}
	return &Dev{w: w, opts: o}, nil
}

// Show sends counter's display text, right-aligned.
func (d *Dev) Show(ctx context.Context, counter int, text string) error {
	b, err := d.Encode(counter, text)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := d.w.Write(b); err != nil {
		return fmt.Errorf("ascii: counter %d: %w", counter, err)
	}
	return nil
}

// Clear blanks counter's display.
func (d *Dev) Clear(ctx context.Context, counter int) error { return d.Show(ctx, counter, "") }

// Encode returns the frame Show would send.
func (d *Dev) Encode(counter int, text string) ([]byte, error) {
	addr, err := leddisplay.Address(d.opts.Addresses, counter, 0, 99)
	if err != nil {
		return nil, err
	}
	p, err := leddisplay.Fit(text, d.opts.Width)
	if err != nil {
		return nil, err
	}
	return Frame{Cmd: d.opts.Command, Addr: addr, Text: p}.Append(nil), nil
}

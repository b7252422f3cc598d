package escpos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"tabour/devices/printer"
)

// Dev is an ESC/POS ticket printer on a byte link (USB printer class
// device, TCP socket, serial port). It is safe for concurrent use: prints
// and status queries take turns. Closing the link stops it.
type Dev struct {
	rw   io.ReadWriter
	opts Opts

	mu sync.Mutex // one conversation with the printer at a time

	readOnce sync.Once
	in       chan byte     // bytes read from the printer
	readDone chan struct{} // closed when Read fails for good
	readErr  error         // why; set before readDone is closed

	brokenMu sync.Mutex
	broken   error // first transport failure
}

var _ printer.Printer = (*Dev)(nil)

// New returns a printer speaking ESC/POS over rw. A nil opts means
// DefaultOpts. New sends nothing.
func New(rw io.ReadWriter, opts *Opts) (*Dev, error) {
	if rw == nil {
		return nil, errors.New("escpos: nil link")
	}
	o, err := withDefaults(opts)
	if err != nil {
		return nil, err
	}
	return &Dev{rw: rw, opts: o, in: make(chan byte, 64), readDone: make(chan struct{})}, nil
}

// Print renders t, asks the printer's status (unless SkipStatus) and, if
// it can print, sends the job. A printer that cannot print, or a link that
// fails, gives a *printer.Error; a ticket that cannot be rendered gives a
// plain error.
func (d *Dev) Print(ctx context.Context, t printer.Ticket) error {
	job, err := Encode(t, &d.opts)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.opts.SkipStatus {
		st, err := d.statusLocked(ctx)
		if err != nil {
			return &printer.Error{State: st.State, Err: err}
		}
		if !st.State.CanPrint() {
			return &printer.Error{State: st.State, Err: fmt.Errorf("escpos: %s", st.Detail)}
		}
	}
	if err := d.writeLocked(ctx, job.Bytes); err != nil {
		return &printer.Error{State: printer.Offline, Err: err}
	}
	return nil
}

// Status asks the printer with DLE EOT 1, 2 and 4 (and 3 when it reports
// an error). A printer that does not answer, or answers garbage, is
// Offline with a nil error; the error is non-nil only when the question
// could not be asked (the link failed or ctx ended), and the state is then
// Offline with the cause in Detail.
func (d *Dev) Status(ctx context.Context) (printer.Status, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.statusLocked(ctx)
}

func (d *Dev) statusLocked(ctx context.Context) (printer.Status, error) {
	a := Answers{NoAnswer, NoAnswer, NoAnswer, NoAnswer}
	for _, n := range []byte{1, 2, 4, 3} {
		if n == 3 && !needsErrorCause(a[1]) {
			continue
		}
		b, err := d.queryLocked(ctx, n)
		if errors.Is(err, errNoAnswer) {
			if n == 3 {
				break
			}
			return printer.Status{State: printer.Offline, Detail: err.Error()}, nil
		}
		if err != nil {
			return printer.Status{State: printer.Offline, Detail: err.Error()}, err
		}
		a[n-1] = int(b)
		if !validAnswer(b) {
			break // garbage: no point asking more
		}
	}
	return ParseStatus(a), nil
}

// Err returns the link failure that broke d, or nil. A broken Dev stays
// broken: reopen the link and make a new Dev (OpenURI does).
func (d *Dev) Err() error {
	d.brokenMu.Lock()
	defer d.brokenMu.Unlock()
	return d.broken
}

func (d *Dev) setBroken(err error) {
	d.brokenMu.Lock()
	if d.broken == nil {
		d.broken = err
	}
	d.brokenMu.Unlock()
}

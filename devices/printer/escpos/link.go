package escpos

import (
	"context"
	"errors"
	"io"
	"sync"

	"tabour/devices/printer"
)

// DialFunc opens a link to a printer.
type DialFunc func(ctx context.Context) (io.ReadWriteCloser, error)

// Link is a printer behind a link it opens itself: it dials on first use,
// and when the link breaks (a failed write or read) it closes it and dials
// again on the next Print or Status. It is safe for concurrent use.
type Link struct {
	dial DialFunc
	opts Opts

	mu     sync.Mutex
	conn   io.ReadWriteCloser
	dev    *Dev
	closed bool
}

var _ printer.Printer = (*Link)(nil)

// errClosed is a Print or Status after Close.
var errClosed = errors.New("escpos: printer closed")

// NewLink returns a Link that opens its link with dial. It dials nothing
// yet. A nil opts means DefaultOpts.
func NewLink(dial DialFunc, opts *Opts) (*Link, error) {
	o, err := withDefaults(opts)
	if err != nil {
		return nil, err
	}
	return &Link{dial: dial, opts: o}, nil
}

// Print prints t; an unreachable printer is Offline.
func (l *Link) Print(ctx context.Context, t printer.Ticket) error {
	dev, err := l.device(ctx)
	if err != nil {
		return &printer.Error{State: printer.Offline, Err: err}
	}
	defer l.release(dev)
	return dev.Print(ctx, t)
}

// Status asks the printer; an unreachable printer is Offline, with the
// reason both in Detail and as the error.
func (l *Link) Status(ctx context.Context) (printer.Status, error) {
	dev, err := l.device(ctx)
	if err != nil {
		return printer.Status{State: printer.Offline, Detail: err.Error()}, err
	}
	defer l.release(dev)
	return dev.Status(ctx)
}

// Close closes the link; later calls fail.
func (l *Link) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	return l.dropLocked()
}

// device returns the Dev on the open link, dialling if there is none or
// it broke.
func (l *Link) device(ctx context.Context) (*Dev, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, errClosed
	}
	if l.dev != nil && l.dev.Err() == nil {
		return l.dev, nil
	}
	l.dropLocked() // broke since the last call: dial a new one now
	conn, err := l.dial(ctx)
	if err != nil {
		return nil, err
	}
	dev, err := New(conn, &l.opts)
	if err != nil {
		conn.Close()
		return nil, err
	}
	l.conn, l.dev = conn, dev
	return dev, nil
}

// release drops dev's link if it broke, so the next call dials again.
func (l *Link) release(dev *Dev) {
	if dev.Err() == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dev == dev {
		l.dropLocked()
	}
}

func (l *Link) dropLocked() error {
	if l.conn == nil {
		return nil
	}
	err := l.conn.Close()
	l.conn, l.dev = nil, nil
	return err
}

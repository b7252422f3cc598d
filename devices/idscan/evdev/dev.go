package evdev

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"tabour/devices/idscan"
)

// Opts configures a Dev.
type Opts struct {
	// MaxLen is the longest scan in characters; longer ones are dropped.
	MaxLen int
	// IdleGap drops a partial scan when the next key comes this much
	// later: a wedge types a whole scan in a few tens of milliseconds, so
	// a pause means a scan was cut short (or a person is typing).
	IdleGap time.Duration
	// Dropped, if not nil, is told about every scan or byte run dropped
	// (too long, cut short, garbage); the scanner goes on.
	Dropped func(error)
	// NoGrab leaves the device shared, so its keys also reach the desktop.
	// For debugging only: in service the kiosk UI must never see them.
	NoGrab bool
}

// DefaultOpts suits USB keyboard-wedge barcode and MRZ scanners.
var DefaultOpts = Opts{MaxLen: idscan.MaxLen, IdleGap: 300 * time.Millisecond}

// Dev is a keyboard-wedge scanner read from an evdev node, for example
// /dev/input/by-id/usb-Newland_Auto-ID_Scanner-event-kbd.
type Dev struct {
	path string
	opts Opts
}

var _ idscan.Scanner = (*Dev)(nil)

// New returns a scanner on the evdev node at path. A nil opts means
// DefaultOpts. New does not open the device: Run does, each time.
func New(path string, opts *Opts) (*Dev, error) {
	if path == "" {
		return nil, errors.New("evdev: no device path")
	}
	o := DefaultOpts
	if opts != nil {
		o = *opts
	}
	if o.MaxLen < 0 || o.IdleGap < 0 {
		return nil, fmt.Errorf("evdev: negative max length %d or idle gap %v", o.MaxLen, o.IdleGap)
	}
	return &Dev{path: path, opts: o}, nil
}

// Run opens and grabs the device, then sends its scans until ctx ends
// (it returns nil) or the device fails (unplugged: it returns the error).
func (d *Dev) Run(ctx context.Context, scans chan<- string) error {
	f, err := os.Open(d.path)
	if err != nil {
		return fmt.Errorf("evdev: %w", err)
	}
	return d.run(ctx, f, scans)
}

// run reads f, which it closes, until ctx ends or a read fails.
func (d *Dev) run(ctx context.Context, f *os.File, scans chan<- string) error {
	defer f.Close()
	if !d.opts.NoGrab {
		if err := grab(f); err != nil {
			return fmt.Errorf("evdev: grab: %s: %w", f.Name(), err)
		}
	}
	stop := context.AfterFunc(ctx, func() { f.Close() }) // unblocks Read
	defer stop()
	dec := NewDecoder(d.opts.MaxLen, d.opts.IdleGap)
	buf := make([]byte, 64*EventSize)
	for {
		n, err := f.Read(buf)
		if !d.deliver(ctx, dec.Feed(buf[:n]), scans) || ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("evdev: read %s: %w", f.Name(), err)
		}
	}
}

// deliver sends scans and reports drops; false means ctx ended.
func (d *Dev) deliver(ctx context.Context, rs []Result, scans chan<- string) bool {
	for _, r := range rs {
		if r.Err != nil {
			if d.opts.Dropped != nil {
				d.opts.Dropped(r.Err)
			}
			continue
		}
		if !idscan.Send(ctx, scans, r.Scan) {
			return false
		}
	}
	return true
}

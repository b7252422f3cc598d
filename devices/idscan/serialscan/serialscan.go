package serialscan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"go.bug.st/serial"

	"tabour/devices/idscan"
)

// Opts configures a Dev.
type Opts struct {
	Baud    int         // bits per second, 8N1; ignored by USB CDC scanners
	MaxLen  int         // longest scan in bytes; 0 means idscan.MaxLen
	Dropped func(error) // told about over-long lines; may be nil
}

// DefaultOpts is 9600 8N1, the factory setting of most scanners.
var DefaultOpts = Opts{Baud: 9600, MaxLen: idscan.MaxLen}

// Dev is a scanner on a serial port.
type Dev struct {
	path string
	opts Opts
	open func(path string, baud int) (io.ReadCloser, error)
}

var _ idscan.Scanner = (*Dev)(nil)

// New returns a scanner on the serial port at path; nil opts means
// DefaultOpts. New does not open the port: Run does, each time.
func New(path string, opts *Opts) (*Dev, error) {
	if path == "" {
		return nil, errors.New("serialscan: no port path")
	}
	o := DefaultOpts
	if opts != nil {
		o = *opts
	}
	if o.Baud <= 0 || o.MaxLen < 0 {
		return nil, fmt.Errorf("serialscan: bad baud %d or max length %d", o.Baud, o.MaxLen)
	}
	return &Dev{path: path, opts: o, open: openPort}, nil
}

// Run opens the port and sends its lines on scans until ctx ends (nil) or
// the port fails (the error).
func (d *Dev) Run(ctx context.Context, scans chan<- string) error {
	port, err := d.open(d.path, d.opts.Baud)
	if err != nil {
		return fmt.Errorf("serialscan: open %s: %w", d.path, err)
	}
	closePort := sync.OnceValue(port.Close)
	defer closePort()
	stop := context.AfterFunc(ctx, func() { closePort() }) // ends a blocked Read
	defer stop()
	err = idscan.ReadLines(ctx, port, d.opts.MaxLen, scans, d.opts.Dropped)
	if err == nil || ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("serialscan: read %s: %w", d.path, err)
}

func openPort(path string, baud int) (io.ReadCloser, error) {
	return serial.Open(path, &serial.Mode{BaudRate: baud, DataBits: 8, Parity: serial.NoParity, StopBits: serial.OneStopBit})
}

package idscan

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// LineSplitter cuts a byte stream into scans at CR, LF or CRLF. Each scan
// is trimmed of spaces; empty lines are skipped. A line longer than Max
// bytes is dropped whole, up to its end of line.
type LineSplitter struct {
	Max  int // 0 means MaxLen
	buf  []byte
	over bool // the current line is too long: skip to its end
}

// Feed consumes p and returns the scans it completed and one ErrTooLong
// per over-long line.
func (l *LineSplitter) Feed(p []byte) (scans []string, dropped []error) {
	for _, c := range p {
		if c != '\r' && c != '\n' {
			l.add(c)
			continue
		}
		if l.over {
			dropped = append(dropped, fmt.Errorf("%w: over %d bytes", ErrTooLong, l.max()))
		} else if s := strings.TrimSpace(string(l.buf)); s != "" {
			scans = append(scans, s)
		}
		l.buf, l.over = l.buf[:0], false
	}
	return scans, dropped
}

func (l *LineSplitter) add(c byte) {
	if l.over {
		return
	}
	if len(l.buf) >= l.max() {
		l.buf, l.over = l.buf[:0], true
		return
	}
	l.buf = append(l.buf, c)
}

func (l *LineSplitter) max() int {
	if l.Max > 0 {
		return l.Max
	}
	return MaxLen
}

// ReadLines reads r, sending each line on scans, until ctx ends (it
// returns nil) or a read fails (it returns the error, io.EOF at the end of
// r). Over-long lines go to dropped, if not nil. Reads happen in their own
// goroutine: when ctx ends first, that goroutine lives until the pending
// Read returns, so close r to end it.
func ReadLines(ctx context.Context, r io.Reader, maxLen int, scans chan<- string, dropped func(error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []byte)
	errc := make(chan error, 1)
	go readChunks(ctx, r, chunks, errc)
	split := LineSplitter{Max: maxLen}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			return err
		case p := <-chunks:
			if !deliver(ctx, &split, p, scans, dropped) {
				return nil
			}
		}
	}
}

// readChunks reads r into chunks until a read fails or ctx ends.
func readChunks(ctx context.Context, r io.Reader, chunks chan<- []byte, errc chan<- error) {
	for {
		buf := make([]byte, 256)
		n, err := r.Read(buf)
		if n > 0 {
			select {
			case chunks <- buf[:n]:
			case <-ctx.Done():
				return
			}
		}
		if err != nil {
			errc <- err
			return
		}
	}
}

// deliver feeds p to split and sends what it completes; false means ctx
// ended.
func deliver(ctx context.Context, split *LineSplitter, p []byte, scans chan<- string, dropped func(error)) bool {
	lines, bad := split.Feed(p)
	for _, err := range bad {
		if dropped != nil {
			dropped(err)
		}
	}
	for _, s := range lines {
		if !Send(ctx, scans, s) {
			return false
		}
	}
	return true
}

// Lines is a Scanner reading one scan per line from R — stdin when the
// appliance simulates a scanner, or any byte stream. The end of R is not
// a failure: Run then waits for its context.
type Lines struct {
	R       io.Reader
	MaxLen  int         // 0 means MaxLen
	Dropped func(error) // over-long lines; may be nil
}

var _ Scanner = (*Lines)(nil)

// Run sends R's lines on scans until ctx ends.
func (l *Lines) Run(ctx context.Context, scans chan<- string) error {
	err := ReadLines(ctx, l.R, l.MaxLen, scans, l.Dropped)
	if err == io.EOF {
		<-ctx.Done()
		return nil
	}
	if err != nil {
		return fmt.Errorf("idscan: read: %w", err)
	}
	return nil
}

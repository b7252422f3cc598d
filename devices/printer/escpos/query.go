package escpos

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// errNoAnswer is a DLE EOT the printer did not answer in time.
var errNoAnswer = errors.New("no answer")

// idleRead is how long the reader rests after a Read that returned
// nothing (a serial port's read timeout), so it does not spin.
const idleRead = 10 * time.Millisecond

// readLoop runs for the life of the link, so a blocking Read never holds
// up a caller: it passes every byte read to d.in (dropping bytes nobody
// waits for) and stops when Read fails.
func (d *Dev) readLoop() {
	buf := make([]byte, 64)
	for {
		n, err := d.rw.Read(buf)
		for _, b := range buf[:n] {
			select {
			case d.in <- b:
			default:
			}
		}
		if err != nil {
			d.readErr = fmt.Errorf("escpos: read: %w", err)
			d.setBroken(d.readErr)
			close(d.readDone)
			return
		}
		if n == 0 {
			time.Sleep(idleRead)
		}
	}
}

// queryLocked sends DLE EOT n and waits StatusTimeout for the one-byte
// answer. Bytes left over from earlier (late answers) are dropped first.
func (d *Dev) queryLocked(ctx context.Context, n byte) (byte, error) {
	d.readOnce.Do(func() { go d.readLoop() })
	d.drainLocked()
	if err := d.writeLocked(ctx, []byte{dle, eot, n}); err != nil {
		return 0, err
	}
	t := time.NewTimer(d.opts.StatusTimeout)
	defer t.Stop()
	select {
	case b := <-d.in:
		return b, nil
	case <-d.readDone:
		return d.lastByte(n)
	case <-t.C:
		return 0, fmt.Errorf("%w to DLE EOT %d within %v", errNoAnswer, n, d.opts.StatusTimeout)
	case <-ctx.Done():
		return 0, fmt.Errorf("escpos: status: %w", ctx.Err())
	}
}

// lastByte takes an answer that arrived just before the link failed.
func (d *Dev) lastByte(n byte) (byte, error) {
	select {
	case b := <-d.in:
		return b, nil
	default:
		return 0, fmt.Errorf("escpos: DLE EOT %d: %w", n, d.readErr)
	}
}

func (d *Dev) drainLocked() {
	for {
		select {
		case <-d.in:
		default:
			return
		}
	}
}

// writeDeadliner is a link whose writes can time out (net.Conn, pollable
// *os.File).
type writeDeadliner interface {
	SetWriteDeadline(t time.Time) error
}

// writeLocked writes p, giving up at ctx's deadline or after WriteTimeout,
// where the link allows. A failed write breaks d.
func (d *Dev) writeLocked(ctx context.Context, p []byte) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("escpos: write: %w", err)
	}
	if wd, ok := d.rw.(writeDeadliner); ok {
		_ = wd.SetWriteDeadline(d.writeDeadline(ctx)) // not every file has deadlines
	}
	if _, err := d.rw.Write(p); err != nil {
		err = fmt.Errorf("escpos: write: %w", err)
		d.setBroken(err)
		return err
	}
	return nil
}

// writeDeadline is the earlier of ctx's deadline and WriteTimeout from
// now; zero for none.
func (d *Dev) writeDeadline(ctx context.Context) time.Time {
	dl, ok := ctx.Deadline()
	if d.opts.WriteTimeout > 0 {
		if t := time.Now().Add(d.opts.WriteTimeout); !ok || t.Before(dl) {
			dl = t
		}
	}
	return dl
}

package modbus

import (
	"context"
	"fmt"
	"time"
)

// transactLocked sends req and checks the display's answer.
func (d *Dev) transactLocked(ctx context.Context, req Request) error {
	d.readOnce.Do(func() { go d.read() })
	d.drainLocked()
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := d.rw.Write(req.Append(nil)); err != nil {
		return fmt.Errorf("modbus: display %d: write: %w", req.Slave, err)
	}
	resp, err := d.awaitLocked(ctx, req.Slave)
	if err != nil {
		return err
	}
	return check(req, resp)
}

// read moves bytes from the link to d.in until a Read fails.
func (d *Dev) read() {
	for {
		buf := make([]byte, 256)
		n, err := d.rw.Read(buf)
		if n > 0 {
			d.in <- buf[:n]
		}
		if err != nil {
			d.readErr = err
			close(d.readDone)
			return
		}
	}
}

// drainLocked drops bytes nobody asked for: late answers, noise.
func (d *Dev) drainLocked() {
	for {
		select {
		case <-d.in:
		default:
			return
		}
	}
}

// awaitLocked collects the answer of slave, skipping bytes before it.
func (d *Dev) awaitLocked(ctx context.Context, slave byte) (Response, error) {
	timer := time.NewTimer(d.opts.Timeout)
	defer timer.Stop()
	var buf []byte
	for {
		select {
		case p := <-d.in:
			buf = skipTo(append(buf, p...), slave)
			if r, _, err := ParseResponse(buf); err != ErrShort {
				return r, wrap(err, slave)
			}
		case <-d.readDone:
			return Response{}, fmt.Errorf("modbus: display %d: read: %w", slave, d.readErr)
		case <-timer.C:
			return Response{}, fmt.Errorf("%w from display %d in %v", ErrTimeout, slave, d.opts.Timeout)
		case <-ctx.Done():
			return Response{}, ctx.Err()
		}
	}
}

// skipTo drops the bytes of b before the first that is slave.
func skipTo(b []byte, slave byte) []byte {
	for len(b) > 0 && b[0] != slave {
		b = b[1:]
	}
	return b
}

func wrap(err error, slave byte) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w (display %d)", err, slave)
}

// check compares a response with its request.
func check(req Request, r Response) error {
	if r.Function&0x80 != 0 {
		return fmt.Errorf("modbus: display %d refused: %w", req.Slave, r.Exception)
	}
	if r.Start != req.Start || int(r.Quantity) != len(req.Values) {
		return fmt.Errorf("modbus: display %d echoed start %d quantity %d, want %d and %d",
			req.Slave, r.Start, r.Quantity, req.Start, len(req.Values))
	}
	return nil
}

package leddisplaytest

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"tabour/devices/leddisplay/ascii"
	"tabour/devices/leddisplay/modbus"
)

// Bus is a fake serial line with displays. Use NewASCIIBus or
// NewModbusBus. It is safe for concurrent use; Close ends a blocked Read.
type Bus struct {
	modbus bool

	mu         sync.Mutex
	written    []byte // everything written
	pending    []byte // written, not yet decoded
	shows      map[int]string
	exceptions map[int]modbus.Exception
	silent     map[int]bool
	bad        []error // what could not be decoded

	replies chan []byte
	closed  chan struct{}
	once    sync.Once
}

var _ io.ReadWriteCloser = (*Bus)(nil)

// NewASCIIBus returns a bus of STX/ETX ASCII displays, which never answer.
func NewASCIIBus() *Bus { return newBus(false) }

// NewModbusBus returns a bus of Modbus RTU displays, each answering
// requests to its slave id with an echo.
func NewModbusBus() *Bus { return newBus(true) }

func newBus(mb bool) *Bus {
	return &Bus{modbus: mb, shows: map[int]string{}, exceptions: map[int]modbus.Exception{},
		silent: map[int]bool{}, replies: make(chan []byte, 64), closed: make(chan struct{})}
}

// Write takes bytes from a driver and decodes every complete frame.
func (b *Bus) Write(p []byte) (int, error) {
	select {
	case <-b.closed:
		return 0, errors.New("leddisplaytest: bus closed")
	default:
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.written = append(b.written, p...)
	b.pending = append(b.pending, p...)
	for len(b.pending) > 0 && b.decodeLocked() {
	}
	return len(p), nil
}

// Read returns the displays' answers, blocking until there is one or the
// bus is closed.
func (b *Bus) Read(p []byte) (int, error) {
	select {
	case r := <-b.replies:
		return copy(p, r), nil
	case <-b.closed:
		return 0, io.EOF
	}
}

// Close ends blocked and later Reads with io.EOF.
func (b *Bus) Close() error {
	b.once.Do(func() { close(b.closed) })
	return nil
}

// Reply queues raw bytes for the driver to read, as if a device sent
// them (noise, a late answer).
func (b *Bus) Reply(p []byte) { b.replies <- append([]byte(nil), p...) }

// decodeLocked decodes one frame from pending; false means it needs more
// bytes.
func (b *Bus) decodeLocked() bool {
	if b.modbus {
		return b.decodeModbusLocked()
	}
	f, n, err := ascii.ParseFrame(b.pending)
	if err == ascii.ErrShort {
		return false
	}
	if err != nil {
		b.bad = append(b.bad, err)
		b.pending = b.pending[1:]
		return true
	}
	b.shows[f.Addr] = f.Text
	b.pending = b.pending[n:]
	return true
}

func (b *Bus) decodeModbusLocked() bool {
	r, n, err := modbus.ParseRequest(b.pending)
	if err == modbus.ErrShort {
		return false
	}
	if err != nil {
		b.bad = append(b.bad, err)
		b.pending = b.pending[1:]
		return true
	}
	b.pending = b.pending[n:]
	b.answerLocked(r)
	return true
}

// answerLocked applies r and queues the display's answer.
func (b *Bus) answerLocked(r modbus.Request) {
	id := int(r.Slave)
	if b.silent[id] {
		return
	}
	resp := modbus.Response{Slave: r.Slave, Function: modbus.FuncWriteMultiple, Start: r.Start, Quantity: uint16(len(r.Values))}
	if e, ok := b.exceptions[id]; ok {
		resp = modbus.Response{Slave: r.Slave, Function: modbus.FuncWriteMultiple | 0x80, Exception: e}
	} else {
		b.shows[id] = text(r.Values)
	}
	b.replies <- resp.Append(nil)
}

// text unpacks two characters per register.
func text(regs []uint16) string {
	s := make([]byte, 0, 2*len(regs))
	for _, v := range regs {
		s = append(s, byte(v>>8), byte(v))
	}
	return string(s)
}

// Shows is what the display at addr shows, padding included ("" if it
// was never written).
func (b *Bus) Shows(addr int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.shows[addr]
}

// Written is every byte written to the bus so far.
func (b *Bus) Written() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]byte(nil), b.written...)
}

// Bad lists what the bus could not decode, one error per skipped byte.
func (b *Bus) Bad() []error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]error(nil), b.bad...)
}

// Refuse makes the display at addr answer with exception e.
func (b *Bus) Refuse(addr int, e modbus.Exception) {
	b.mu.Lock()
	b.exceptions[addr] = e
	b.mu.Unlock()
}

// Silence makes the display at addr not answer, as if it were off.
func (b *Bus) Silence(addr int) {
	b.mu.Lock()
	b.silent[addr] = true
	b.mu.Unlock()
}

// String describes the bus for test failures.
func (b *Bus) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return fmt.Sprintf("bus(modbus=%v shows=%v)", b.modbus, b.shows)
}

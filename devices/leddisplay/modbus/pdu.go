package modbus

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// FuncWriteMultiple is function 0x10, Write Multiple Registers.
const FuncWriteMultiple = 0x10

// MaxRegisters is the most registers one function 0x10 request writes.
const MaxRegisters = 123

// Errors in frames.
var (
	ErrShort = errors.New("modbus: frame incomplete")
	ErrCRC   = errors.New("modbus: bad CRC")
)

// Request is a Write Multiple Registers request.
type Request struct {
	Slave  byte
	Start  uint16
	Values []uint16
}

// Append appends r's frame, CRC included.
func (r Request) Append(b []byte) []byte {
	start := len(b)
	b = append(b, r.Slave, FuncWriteMultiple)
	b = binary.BigEndian.AppendUint16(b, r.Start)
	b = binary.BigEndian.AppendUint16(b, uint16(len(r.Values)))
	b = append(b, byte(2*len(r.Values)))
	for _, v := range r.Values {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	c := CRC(b[start:])
	return append(b, byte(c), byte(c>>8))
}

// ParseRequest decodes the Write Multiple Registers request at the start
// of b and returns it with its length, or ErrShort if b ends inside it.
func ParseRequest(b []byte) (Request, int, error) {
	if len(b) < 7 {
		return Request{}, 0, ErrShort
	}
	if b[1] != FuncWriteMultiple {
		return Request{}, 0, fmt.Errorf("modbus: function %#02x, want 0x10", b[1])
	}
	qty, count := int(binary.BigEndian.Uint16(b[4:])), int(b[6])
	if qty < 1 || qty > MaxRegisters || count != 2*qty {
		return Request{}, 0, fmt.Errorf("modbus: %d registers in %d bytes", qty, count)
	}
	n := 9 + count
	if len(b) < n {
		return Request{}, 0, ErrShort
	}
	if !crcOK(b[:n]) {
		return Request{}, 0, ErrCRC
	}
	r := Request{Slave: b[0], Start: binary.BigEndian.Uint16(b[2:]), Values: make([]uint16, qty)}
	for i := range r.Values {
		r.Values[i] = binary.BigEndian.Uint16(b[7+2*i:])
	}
	return r, n, nil
}

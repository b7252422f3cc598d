package modbus

import (
	"encoding/binary"
	"fmt"
)

// Response is a slave's answer to a Write Multiple Registers request:
// the echo of its start and quantity, or an exception.
type Response struct {
	Slave     byte
	Function  byte // 0x10, or 0x90 for an exception
	Start     uint16
	Quantity  uint16
	Exception Exception // when Function has bit 7 set
}

// ResponseLen is how long the response that starts with b is: 8 bytes for
// an echo, 5 for an exception. It needs two bytes (ErrShort otherwise).
func ResponseLen(b []byte) (int, error) {
	if len(b) < 2 {
		return 0, ErrShort
	}
	switch b[1] {
	case FuncWriteMultiple:
		return 8, nil
	case FuncWriteMultiple | 0x80:
		return 5, nil
	}
	return 0, fmt.Errorf("modbus: reply function %#02x, want 0x10", b[1])
}

// ParseResponse decodes the response at the start of b and returns it
// with its length, or ErrShort if b ends inside it.
func ParseResponse(b []byte) (Response, int, error) {
	n, err := ResponseLen(b)
	if err != nil {
		return Response{}, 0, err
	}
	if len(b) < n {
		return Response{}, 0, ErrShort
	}
	if !crcOK(b[:n]) {
		return Response{}, 0, ErrCRC
	}
	r := Response{Slave: b[0], Function: b[1]}
	if n == 5 {
		r.Exception = Exception(b[2])
		return r, n, nil
	}
	r.Start, r.Quantity = binary.BigEndian.Uint16(b[2:]), binary.BigEndian.Uint16(b[4:])
	return r, n, nil
}

// Append appends r's frame, CRC included.
func (r Response) Append(b []byte) []byte {
	start := len(b)
	b = append(b, r.Slave, r.Function)
	if r.Function&0x80 != 0 {
		b = append(b, byte(r.Exception))
	} else {
		b = binary.BigEndian.AppendUint16(b, r.Start)
		b = binary.BigEndian.AppendUint16(b, r.Quantity)
	}
	c := CRC(b[start:])
	return append(b, byte(c), byte(c>>8))
}

// Exception is a Modbus exception code, returned when a slave refuses a
// request.
type Exception byte

// Exception codes (MODBUS Application Protocol V1.1b3, §7).
const (
	IllegalFunction   Exception = 0x01
	IllegalAddress    Exception = 0x02 // register not on this display
	IllegalValue      Exception = 0x03
	DeviceFailure     Exception = 0x04
	Acknowledge       Exception = 0x05
	DeviceBusy        Exception = 0x06
	MemoryParity      Exception = 0x08
	GatewayPath       Exception = 0x0A
	GatewayNoResponse Exception = 0x0B
)

var exceptionNames = map[Exception]string{
	IllegalFunction: "illegal function", IllegalAddress: "illegal data address",
	IllegalValue: "illegal data value", DeviceFailure: "server device failure",
	Acknowledge: "acknowledge", DeviceBusy: "server device busy",
	MemoryParity: "memory parity error", GatewayPath: "gateway path unavailable",
	GatewayNoResponse: "gateway target device failed to respond",
}

func (e Exception) Error() string {
	if name, ok := exceptionNames[e]; ok {
		return fmt.Sprintf("exception %d (%s)", byte(e), name)
	}
	return fmt.Sprintf("exception %d", byte(e))
}

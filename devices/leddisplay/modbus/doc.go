// Package modbus drives counter LED displays that are Modbus RTU slaves,
// and implements leddisplay.CounterDisplay. Only what a display needs is
// here: function 0x10, Write Multiple Registers, and its replies.
//
// # Frames
//
// The text goes into Opts.Registers holding registers from Opts.Start, two
// ASCII characters per register, the first in the high byte, right-aligned
// and space-padded to the display's width. The slave id is the display's
// address (1–247). Request, for counter 1 showing "A023" at register 0:
//
//	01       slave id
//	10       function: Write Multiple Registers
//	00 00    starting register
//	00 02    quantity of registers
//	04       byte count (2 × quantity)
//	41 30    "A0"
//	32 33    "23"
//	xx xx    CRC-16/MODBUS, low byte first
//
// The display answers by echoing slave, function, start and quantity,
// then the CRC (8 bytes); or, when it refuses, slave, function | 0x80, an
// exception code and the CRC (5 bytes), returned as an Exception error
// (errors.Is(err, modbus.IllegalAddress)). No answer within Opts.Timeout
// is ErrTimeout. Bytes before the answer that are not the slave id (line
// turn-around noise) are skipped.
//
// CRC-16/MODBUS: polynomial 0x8005 reflected (0xA001), initial value
// 0xFFFF, no final XOR, sent low byte first; 01 03 00 00 00 0A → C5 CD.
//
// References: MODBUS Application Protocol Specification V1.1b3 (§6.12
// Write Multiple Registers, §7 exception responses); MODBUS over Serial
// Line Specification and Implementation Guide V1.02 (§2.5.1 RTU framing,
// §6.2.2 CRC). The 3.5-character silence between frames is kept by
// waiting for each answer before the next request.
//
// Vendors differ in the register map (start, quantity, one character or
// two per register, a numeric value instead of text): check the display's
// manual and set Opts.
package modbus

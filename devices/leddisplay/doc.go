// Package leddisplay is the contract between Tabour and the LED displays
// above the counters: each shows the ticket being served at its counter
// ("A023") or nothing. Displays share one serial line, usually an RS-485
// bus, and are told apart by address.
//
// Drivers, each over the io.ReadWriter of the serial port that cmd/ opens
// with go.bug.st/serial:
//
//	leddisplay/ascii           the common STX/ETX ASCII protocol of queue displays
//	leddisplay/modbus          Modbus RTU, text in holding registers (function 0x10)
//	leddisplay/leddisplaytest  a fake display and a fake bus for tests
//
// Segment displays show little: text is limited to A–Z, 0–9, space and
// '-' (Check), at most the display's width, right-aligned (Fit). Anything
// else is an error, never a garbled display. A counter's display address
// is its number unless a driver's Opts.Addresses says otherwise.
//
// # Wiring
//
// One USB RS-485 adapter (CH340 or FTDI with automatic direction control;
// /dev/ttyUSB0, better its /dev/serial/by-id/ name) drives the bus: A to
// A, B to B, daisy-chained, a 120 Ω terminator at each far end, and a
// common ground. Set every display to the same baud (often 9600 8N1) and a
// distinct address with its DIP switches or menu. The appliance user needs
// group dialout. One process owns the port; calls are serialised per
// driver.
package leddisplay

// Package ascii drives counter LED displays speaking the common STX/ETX
// ASCII protocol of Chinese queue LED displays, and implements
// leddisplay.CounterDisplay. Vendors vary in the command letter, the
// address width and the checksum: check your model's manual against the
// frame below and set Opts to match.
//
// # Frame
//
//	STX  cmd  a1 a0  p1 … pW  ETX  BCC
//	02   41   30 31  41 30 32 33  03  33     counter 1 shows "A023"
//
//	STX  0x02
//	cmd  one byte, 'A' (0x41) = show the payload (Opts.Command)
//	a1a0 the display address as two ASCII digits, "00"–"99"
//	p    the text, exactly Opts.Width (4) characters, right-aligned with
//	     spaces; only A–Z, 0–9, space and '-' (leddisplay.Check)
//	ETX  0x03
//	BCC  XOR of every byte from cmd through ETX
//
// Clear sends a payload of spaces. Displays on this protocol do not
// answer: the driver only writes, so a display that is off or
// disconnected goes unnoticed (the link's write errors are reported).
// ParseFrame reads a frame back, for tests and fakes.
package ascii

package escpos

import (
	"fmt"
	"strings"

	"tabour/devices/printer"
)

// NoAnswer, in Answers, is a DLE EOT n the printer did not answer (or was
// not asked).
const NoAnswer = -1

// Answers are a printer's replies to DLE EOT n, n = 1, 2, 3, 4 (index n-1),
// each a byte or NoAnswer.
type Answers [4]int

// Bits of the DLE EOT answers (Epson ESC/POS reference, DLE EOT).
const (
	fixedMask = 0x93 // bits 0, 1, 4, 7 …
	fixedBits = 0x12 // … are 0, 1, 1, 0 in every answer

	n1Offline  = 0x08 // n = 1: offline
	n1Waiting  = 0x20 // n = 1: waiting for online recovery
	n2Cover    = 0x04 // n = 2: cover open
	n2Feeding  = 0x08 // n = 2: paper fed by the feed button
	n2PaperEnd = 0x20 // n = 2: printing stopped by paper end
	n2Error    = 0x40 // n = 2: an error occurred
	n3Recover  = 0x04 // n = 3: recoverable error
	n3Cutter   = 0x08 // n = 3: autocutter error
	n3Fatal    = 0x20 // n = 3: unrecoverable error
	n3Auto     = 0x40 // n = 3: automatically recoverable error
	n4NearEnd  = 0x0C // n = 4: roll paper near end
	n4End      = 0x60 // n = 4: roll paper end
)

// ParseStatus maps a printer's answers to its state. The answers to n = 1,
// 2 and 4 are required; n = 3 only names the error n = 2 reports. A
// missing answer, or one whose fixed bits are wrong, means Offline.
func ParseStatus(a Answers) printer.Status {
	for i, v := range a {
		if v == NoAnswer && i != 2 {
			return printer.Status{State: printer.Offline, Detail: fmt.Sprintf("no answer to DLE EOT %d", i+1)}
		}
		if v != NoAnswer && (v < 0 || v > 0xff || !validAnswer(byte(v))) {
			return printer.Status{State: printer.Offline, Detail: fmt.Sprintf("garbage 0x%02x in answer to DLE EOT %d", v, i+1)}
		}
	}
	n1, n2, n3, n4 := a[0], a[1], a[2], a[3]
	switch {
	case n2&n2Cover != 0:
		return printer.Status{State: printer.CoverOpen, Detail: "cover open"}
	case n2&n2PaperEnd != 0 || n4&n4End != 0:
		return printer.Status{State: printer.PaperOut, Detail: "paper out"}
	case n2&n2Error != 0 || (n3 != NoAnswer && n3&(n3Recover|n3Cutter|n3Fatal|n3Auto) != 0):
		return printer.Status{State: printer.CutterErr, Detail: errorCause(n3)}
	case n1&n1Offline != 0:
		return printer.Status{State: printer.Offline, Detail: offlineCause(n1, n2)}
	case n4&n4NearEnd != 0:
		return printer.Status{State: printer.PaperLow, Detail: "paper near end"}
	}
	return printer.Status{State: printer.OK, Detail: "online"}
}

// validAnswer reports whether b has the bits every DLE EOT answer has.
func validAnswer(b byte) bool { return b&fixedMask == fixedBits }

// errorCause names the error in the answer to DLE EOT 3.
func errorCause(n3 int) string {
	if n3 == NoAnswer {
		return "error (cause not reported)"
	}
	var causes []string
	for _, c := range []struct {
		bit  int
		name string
	}{{n3Cutter, "autocutter error"}, {n3Fatal, "unrecoverable error"},
		{n3Recover, "recoverable error"}, {n3Auto, "automatically recoverable error"}} {
		if n3&c.bit != 0 {
			causes = append(causes, c.name)
		}
	}
	if len(causes) == 0 {
		return "error (cause not reported)"
	}
	return strings.Join(causes, ", ")
}

func offlineCause(n1, n2 int) string {
	switch {
	case n2&n2Feeding != 0:
		return "offline: feeding paper (feed button)"
	case n1&n1Waiting != 0:
		return "offline: waiting for online recovery"
	}
	return "offline"
}

// needsErrorCause reports whether the answer to DLE EOT 2 reports an error
// whose cause DLE EOT 3 would name.
func needsErrorCause(n2 int) bool { return n2 != NoAnswer && n2&n2Error != 0 }

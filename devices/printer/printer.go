// Package printer is the contract between Tabour and a ticket printer: the
// ticket document a kiosk hands over, the printer's health states and the
// errors a failed print returns. Drivers live in sub-packages (escpos);
// printertest has a fake for tests.
package printer

import (
	"context"
	"errors"
	"fmt"

	"tabour/lang"
)

// Ticket is the document printed for a citizen. Every string is already in
// the citizen's language and digits; the driver lays it out (right to left
// when Lang is lang.AR) and never sends it as code-page text.
type Ticket struct {
	Lang    lang.Lang // lang.AR or lang.EN
	Header  string    // center name
	Number  string    // the ticket label, printed very large: "A023"
	Service string    // service name
	Counter string    // where to go: "الشباك ١ أو ٥"
	Ahead   string    // "أمامك ٤ مواطنين"
	Wait    string    // "الانتظار المتوقع: حوالي ٢٠ دقيقة"
	Issued  string    // date and time of issue
	QR      string    // QR payload (URL with the ticket reference); "" = none
	Footer  string    // e.g. "احتفظ بالتذكرة حتى يُنادى رقمك"
	// Priority marks a priority ticket: the class in words ("أولوية: كبار
	// السن"); "" for an ordinary ticket.
	Priority string
	// Ref is the ticket's public reference in readable form, printed
	// under the QR code so it can be typed when the code cannot be read.
	Ref string
}

// State is a printer's health, as reported on the MQTT health topic.
type State string

// Printer states.
const (
	OK        State = "ok"
	PaperLow  State = "paper_low"  // near end: still prints
	PaperOut  State = "paper_out"  // cannot print
	CoverOpen State = "cover_open" // cannot print
	CutterErr State = "error"      // cutter jam or unrecoverable error
	Offline   State = "offline"    // no answer, or offline for another reason
)

// CanPrint reports whether a printer in this state accepts a ticket.
func (s State) CanPrint() bool { return s == OK || s == PaperLow }

// Status is what a printer reported when last asked.
type Status struct {
	State  State
	Detail string // the raw cause, for logs and the maintenance screen
}

// Printer prints tickets. Implementations are safe for concurrent use.
type Printer interface {
	// Print prints one ticket. It returns an *Error when the printer's
	// state prevents it, and another error when the ticket cannot be drawn
	// (a QR payload too long, say); nothing is printed in either case.
	Print(ctx context.Context, t Ticket) error
	// Status asks the printer for its state now.
	Status(ctx context.Context) (Status, error)
}

// ErrCannotPrint is matched by every *Error (errors.Is).
var ErrCannotPrint = errors.New("printer cannot print")

// Error is a print refused or failed because of the printer's state.
type Error struct {
	State State
	Err   error // underlying cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("printer: %s: %v", e.State, e.Err)
	}
	return fmt.Sprintf("printer: %s", e.State)
}

// Is makes errors.Is(err, ErrCannotPrint) true.
func (e *Error) Is(target error) bool { return target == ErrCannotPrint }

func (e *Error) Unwrap() error { return e.Err }

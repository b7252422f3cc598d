package nationalid

import "fmt"

// Reason says why a number was rejected. A Reason is itself an error, so the
// Err constants below work with errors.Is:
//
//	if errors.Is(err, nationalid.ErrLength) { ... }
type Reason int

// The reasons a number is rejected. Parse checks them in this order, except
// that ReasonNonDigit (found while normalising) comes first of all.
const (
	ReasonEmpty       Reason = iota + 1 // nothing but separators was entered
	ReasonLength                        // not exactly 14 digits
	ReasonNonDigit                      // a character that is not a digit or separator
	ReasonCentury                       // first digit is not 2 or 3
	ReasonDate                          // YYMMDD is not a real calendar date
	ReasonFuture                        // the birth date is after the current date
	ReasonGovernorate                   // unknown governorate code
	ReasonCheckDigit                    // check digit mismatch (CheckStrict only)
)

// Sentinels for errors.Is. Each is the Reason of the same name.
const (
	ErrEmpty       = ReasonEmpty
	ErrLength      = ReasonLength
	ErrNonDigit    = ReasonNonDigit
	ErrCentury     = ReasonCentury
	ErrDate        = ReasonDate
	ErrFuture      = ReasonFuture
	ErrGovernorate = ReasonGovernorate
	ErrCheckDigit  = ReasonCheckDigit
)

// reasonText holds a reason's short code, English cause (for logs) and the
// sentences a kiosk shows to the citizen.
type reasonText struct{ code, cause, ar, en string }

var reasonTexts = [...]reasonText{
	0: {"unknown", "invalid number",
		"الرقم القومي غير صحيح. يُرجى التأكد منه وإعادة إدخاله.",
		"The national ID number is not valid. Please check it and enter it again."},
	ReasonEmpty: {"empty", "empty input",
		"من فضلك أدخل الرقم القومي.",
		"Please enter your national ID number."},
	ReasonLength: {"length", "number must have 14 digits",
		"الرقم القومي يجب أن يتكون من 14 رقمًا.",
		"The national ID number must be 14 digits long."},
	ReasonNonDigit: {"non_digit", "input contains a character that is not a digit",
		"الرقم القومي يجب أن يتكون من أرقام فقط.",
		"The national ID number must contain digits only."},
	ReasonCentury: {"century", "century digit must be 2 or 3",
		"الرقم القومي يجب أن يبدأ بالرقم 2 أو 3.",
		"The national ID number must start with 2 or 3."},
	ReasonDate: {"date", "birth date is not a real calendar date",
		"تاريخ الميلاد في الرقم القومي غير صحيح. يُرجى التأكد من الرقم وإعادة إدخاله.",
		"The birth date in the national ID number is not valid. Please check the number and enter it again."},
	ReasonFuture: {"future", "birth date is after the current date",
		"تاريخ الميلاد في الرقم القومي يقع في المستقبل. يُرجى التأكد من الرقم وإعادة إدخاله.",
		"The birth date in the national ID number is in the future. Please check the number and enter it again."},
	ReasonGovernorate: {"governorate", "unknown governorate code",
		"كود محافظة الميلاد في الرقم القومي غير صحيح. يُرجى التأكد من الرقم وإعادة إدخاله.",
		"The governorate code in the national ID number is not valid. Please check the number and enter it again."},
	ReasonCheckDigit: {"check_digit", "check digit does not match",
		"الرقم القومي غير صحيح. يُرجى مراجعة الأرقام وإعادة إدخالها.",
		"The national ID number is not valid. Please check the digits and enter them again."},
}

func (r Reason) text() reasonText {
	if r < 0 || int(r) >= len(reasonTexts) {
		return reasonTexts[0]
	}
	return reasonTexts[r]
}

// String returns a short stable code such as "length", fit for a metric
// label.
func (r Reason) String() string { return r.text().code }

// Error returns "nationalid: <cause>".
func (r Reason) Error() string { return "nationalid: " + r.text().cause }

// AR returns a sentence in Arabic a kiosk can show to the citizen.
func (r Reason) AR() string { return r.text().ar }

// EN returns a sentence in English a kiosk can show to the citizen.
func (r Reason) EN() string { return r.text().en }

// Error is the error Parse and Normalize return. It never holds the number
// or any part of it.
type Error struct {
	Reason Reason
	// Length is the number of digits found (ReasonLength only).
	Length int
	// Pos is the 1-based position, in characters of the raw input, of the
	// first character that is neither a digit nor a separator
	// (ReasonNonDigit only).
	Pos int
}

// Error returns "nationalid: <cause>", with the length or position when
// known.
func (e *Error) Error() string {
	switch {
	case e.Reason == ReasonLength && e.Length > 0:
		return fmt.Sprintf("nationalid: got %d digits, want 14", e.Length)
	case e.Reason == ReasonNonDigit && e.Pos > 0:
		return fmt.Sprintf("nationalid: character %d is not a digit", e.Pos)
	}
	return e.Reason.Error()
}

// Unwrap returns the Reason, so errors.Is(err, ErrLength) works.
func (e *Error) Unwrap() error { return e.Reason }

// AR returns a sentence in Arabic a kiosk can show to the citizen.
func (e *Error) AR() string { return e.Reason.AR() }

// EN returns a sentence in English a kiosk can show to the citizen.
func (e *Error) EN() string { return e.Reason.EN() }

func reject(r Reason) *Error { return &Error{Reason: r} }

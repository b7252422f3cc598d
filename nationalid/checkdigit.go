package nationalid

import (
	"fmt"
	"strings"
)

// CheckMode says what Parse does with the check digit. See the package
// documentation for the rule.
type CheckMode int

const (
	// CheckLenient accepts a mismatch and reports it as
	// ID.CheckDigitOK == false. It is the zero value.
	CheckLenient CheckMode = iota
	// CheckStrict rejects a mismatch with ReasonCheckDigit. Parse also
	// treats any CheckMode value it does not know as CheckStrict.
	CheckStrict
	// CheckOff ignores the check digit: ID.CheckDigitOK is always true.
	CheckOff
)

var checkModeNames = [...]string{
	CheckLenient: "lenient",
	CheckStrict:  "strict",
	CheckOff:     "off",
}

// String returns "lenient", "strict" or "off".
func (m CheckMode) String() string {
	if m < 0 || int(m) >= len(checkModeNames) {
		return fmt.Sprintf("CheckMode(%d)", int(m))
	}
	return checkModeNames[m]
}

// ParseCheckMode parses "lenient", "strict" or "off", ignoring case and
// surrounding spaces.
func ParseCheckMode(s string) (CheckMode, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	for m, name := range checkModeNames {
		if name == want {
			return CheckMode(m), nil
		}
	}
	return 0, fmt.Errorf("nationalid: unknown check mode %q, want strict, lenient or off", s)
}

// MarshalText implements encoding.TextMarshaler for configuration files.
func (m CheckMode) MarshalText() ([]byte, error) {
	if m < 0 || int(m) >= len(checkModeNames) {
		return nil, fmt.Errorf("nationalid: invalid check mode %d", int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler using ParseCheckMode.
func (m *CheckMode) UnmarshalText(b []byte) error {
	v, err := ParseCheckMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// weights multiply the first 13 digits in the public check-digit algorithm.
var weights = [13]int{2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2}

// checkDigitValid reports whether the 14th digit of the 14 ASCII digits d
// matches: 11−r for r from 2 to 10, and 0 or 1 for r of 0 or 1, where r is
// the weighted sum of the first 13 digits modulo 11.
func checkDigitValid(d string) bool {
	r, k := remainder(d), int(d[13]-'0')
	if r < 2 {
		return k == 0 || k == 1
	}
	return k == 11-r
}

// remainder is the weighted sum of the first 13 ASCII digits of d modulo 11.
func remainder(d string) int {
	sum := 0
	for i, w := range weights {
		sum += int(d[i]-'0') * w
	}
	return sum % 11
}

// Complete appends the public check digit to the first 13 digits of a
// number (0 or 1 where the algorithm is ambiguous, both accepted by Parse),
// for sample numbers and tests. It does not validate the date or the
// governorate.
func Complete(first13 string) (string, error) {
	if len(first13) != 13 || strings.Trim(first13, "0123456789") != "" {
		return "", reject(ReasonLength)
	}
	return first13 + string(rune('0'+(11-remainder(first13))%10)), nil
}

// verifyCheckDigit applies mode to the check digit of d.
func verifyCheckDigit(d string, mode CheckMode) (bool, error) {
	switch mode {
	case CheckOff:
		return true, nil
	case CheckLenient:
		return checkDigitValid(d), nil
	}
	if !checkDigitValid(d) {
		return false, reject(ReasonCheckDigit)
	}
	return true, nil
}

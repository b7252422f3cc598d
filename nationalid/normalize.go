package nationalid

import (
	"strings"

	"tabour/lang"
)

// Normalize returns s as ASCII digits. It maps Arabic-Indic digits ٠–٩
// (U+0660–U+0669) and Eastern Arabic-Indic digits ۰–۹ (U+06F0–U+06F9) to
// 0–9, and drops the separators a scanner or a keypad may send: space, tab,
// hyphen-minus and the bidi marks LRM (U+200E), RLM (U+200F) and ALM
// (U+061C). Any other character, including invalid UTF-8, is an *Error with
// ReasonNonDigit and its position. Normalize does not check the length; an
// input of separators only gives "".
func Normalize(s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s))
	pos := 0
	for _, r := range s {
		pos++
		if isSeparator(r) {
			continue
		}
		d, ok := lang.ASCIIDigit(r)
		if !ok {
			return "", &Error{Reason: ReasonNonDigit, Pos: pos}
		}
		b.WriteByte(d)
	}
	return b.String(), nil
}

// isSeparator reports whether Normalize drops r.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '\u200E', '\u200F', '\u061C':
		return true
	}
	return false
}

package nationalid

import "strings"

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
		d, ok := asciiDigit(r)
		if !ok {
			return "", &Error{Reason: ReasonNonDigit, Pos: pos}
		}
		b.WriteByte(d)
	}
	return b.String(), nil
}

// asciiDigit maps an ASCII, Arabic-Indic or Eastern Arabic-Indic digit to
// its ASCII byte.
func asciiDigit(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r >= '\u0660' && r <= '\u0669':
		return byte('0' + r - '\u0660'), true
	case r >= '\u06F0' && r <= '\u06F9':
		return byte('0' + r - '\u06F0'), true
	}
	return 0, false
}

// isSeparator reports whether Normalize drops r.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '\u200E', '\u200F', '\u061C':
		return true
	}
	return false
}

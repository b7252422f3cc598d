package lang

import "strings"

// ToArabicIndic rewrites ASCII digits as Arabic-Indic digits (٠–٩).
func ToArabicIndic(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '٠' + (r - '0')
		}
		return r
	}, s)
}

// ToASCII rewrites Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹)
// digits as ASCII; input fields accept both.
func ToASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if d, ok := ASCIIDigit(r); ok {
			return rune(d)
		}
		return r
	}, s)
}

// ASCIIDigit maps an ASCII, Arabic-Indic (U+0660–U+0669) or Eastern
// Arabic-Indic (U+06F0–U+06F9) digit to its ASCII byte; ok is false for
// any other rune.
func ASCIIDigit(r rune) (d byte, ok bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r >= '٠' && r <= '٩':
		return byte('0' + r - '٠'), true
	case r >= '۰' && r <= '۹':
		return byte('0' + r - '۰'), true
	}
	return 0, false
}

package contract

import (
	"strings"
	"unicode"
)

// Personal data never travels on the bus. Free text that a command carries
// into the event log (a manual call's reason, a pause reason, the actor) is
// refused if it holds a long number or, however its digits are written and
// separated, a national ID or a mobile number (LooksPersonal); tests scan
// every published payload with FindPersonal.

// LooksPersonal reports whether s holds personal data in a shape a
// filter must not miss:
//   - a run of 10 or more digits, with single spaces or dashes allowed
//     between them: the shape of a national ID (14 digits) or a phone
//     number (11);
//   - once s is normalized (digits of any script read as 0-9, separators
//     between digits dropped, see normalizeDigits), a national ID
//     (14 digits: century 2 or 3, a month, a day and a governorate) or an
//     Egyptian mobile number (01[0125] and 8 digits, also after 20 or
//     0020) anywhere in a run.
func LooksPersonal(s string) bool {
	for _, run := range digitRuns(s, false) {
		if len(run) >= 10 {
			return true
		}
	}
	for _, run := range normalizeDigits(s) {
		if holdsIDOrMobile(run) {
			return true
		}
	}
	return false
}

// normalizeDigits returns the runs of digits in s, each digit of any
// script (unicode.Nd, and superscript and subscript digits) as ASCII, with
// every separator between digits dropped however many there are: spaces
// of any kind, punctuation but the colon of a time of day (dots, commas,
// dashes, slashes, underscores, brackets, Arabic separators), symbols
// ('+', emoji), modifier letters (the Arabic tatweel), and format, control
// and combining characters (zero-width spaces, direction marks, variation
// selectors, keycaps). Any other character, such as a letter, ends a run.
func normalizeDigits(s string) []string {
	var out []string
	var b strings.Builder
	for _, r := range s {
		if d, ok := digit(r); ok {
			b.WriteByte(d)
			continue
		}
		if separator(r) {
			continue
		}
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// separator reports whether r is skipped between the digits of a number.
func separator(r rune) bool {
	if r == ':' {
		return false
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.Z, unicode.P, unicode.S, unicode.Lm, unicode.Cf, unicode.Cc, unicode.Mn, unicode.Me)
}

// holdsIDOrMobile reports whether the digit string d contains a national
// ID or a mobile number.
func holdsIDOrMobile(d string) bool {
	for i := range d {
		rest := d[i:]
		if len(rest) >= 14 && validIDShape(rest[:14]) {
			return true
		}
		if len(rest) >= 11 && mobileShape(rest[:11]) {
			return true
		}
		if len(rest) >= 12 && rest[:2] == "20" && mobileShape("0"+rest[2:12]) {
			return true
		}
	}
	return false
}

// validIDShape reports whether the 14 digits d read as a national ID: a
// century digit (2 for 1900-1999, 3 for 2000-2099), a birth date's month
// and day, and a governorate code.
func validIDShape(d string) bool {
	num := func(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
	month, day, gov := num(d[3:5]), num(d[5:7]), num(d[7:9])
	return (d[0] == '2' || d[0] == '3') && month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
		(gov >= 1 && gov <= 4 || gov >= 11 && gov <= 35 && gov%10 != 0 || gov == 88)
}

// mobileShape reports whether the 11 digits d are an Egyptian mobile
// number: 010, 011, 012 or 015 and 8 digits.
func mobileShape(d string) bool {
	return d[0] == '0' && d[1] == '1' && strings.ContainsRune("0125", rune(d[2]))
}

// FindPersonal returns the numbers in s shaped like an Egyptian national ID
// (14 digits starting with 2 or 3) or a mobile phone number (01[0125] and 8
// digits, optionally after 20 or 0020). A number inside a longer word, such
// as a hex hash, does not count.
func FindPersonal(s string) []string {
	var out []string
	for _, run := range digitRuns(s, true) {
		if nationalIDShaped(run) || phoneShaped(run) {
			out = append(out, run)
		}
	}
	return out
}

func nationalIDShaped(d string) bool {
	return len(d) == 14 && (d[0] == '2' || d[0] == '3')
}

func phoneShaped(d string) bool {
	for _, p := range []string{"0020", "20"} {
		if rest, ok := strings.CutPrefix(d, p); ok && len(rest) == 10 && strings.HasPrefix(rest, "1") {
			d = "0" + rest
		}
	}
	return len(d) == 11 && mobileShape(d)
}

// digitRuns returns the runs of digits in s, with single spaces or dashes
// between digits skipped, as ASCII digits. If bounded, a run touching a
// letter is dropped.
func digitRuns(s string, bounded bool) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if _, ok := digit(rs[i]); !ok {
			i++
			continue
		}
		run, end := scanRun(rs, i)
		if !bounded || (!letterAt(rs, i-1) && !letterAt(rs, end)) {
			out = append(out, run)
		}
		i = end
	}
	return out
}

// scanRun reads the digit run starting at i; end is the index after it.
func scanRun(rs []rune, i int) (string, int) {
	var b strings.Builder
	for i < len(rs) {
		if d, ok := digit(rs[i]); ok {
			b.WriteByte(d)
			i++
			continue
		}
		if (rs[i] == ' ' || rs[i] == '-') && i+1 < len(rs) {
			if _, ok := digit(rs[i+1]); ok {
				i++
				continue
			}
		}
		break
	}
	return b.String(), i
}

func letterAt(rs []rune, i int) bool {
	return i >= 0 && i < len(rs) && unicode.IsLetter(rs[i])
}

// digit maps a digit of any script to ASCII: the decimal digits of
// unicode.Nd (Western, Arabic-Indic, Extended Arabic-Indic, Devanagari,
// full-width, mathematical and the rest), whose ranges each run from a
// zero in blocks of ten, and the superscript and subscript digits.
func digit(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r < 0x80:
		return 0, false
	case r >= '₀' && r <= '₉':
		return byte('0' + r - '₀'), true
	case r == '⁰':
		return '0', true
	case r == '¹':
		return '1', true
	case r == '²':
		return '2', true
	case r == '³':
		return '3', true
	case r >= '⁴' && r <= '⁹':
		return byte('0' + r - '⁰'), true
	}
	if !unicode.IsDigit(r) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); r >= lo && r <= hi {
			return byte('0' + (r-lo)%10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); r >= lo && r <= hi {
			return byte('0' + (r-lo)%10), true
		}
	}
	return 0, false
}

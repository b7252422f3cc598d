package contract

import (
	"strings"
	"unicode"
)

// Personal data never travels on the bus. Free text that a command carries
// into the event log (a manual call's reason, a pause reason, the actor) is
// refused if it holds a long number; tests scan every published payload
// with FindPersonal.

// LooksPersonal reports whether s holds a run of 10 or more digits
// (Western or Arabic-Indic, spaces or dashes allowed between them): the
// shape of a national ID (14 digits) or a phone number (11).
func LooksPersonal(s string) bool {
	for _, run := range digitRuns(s, false) {
		if len(run) >= 10 {
			return true
		}
	}
	return false
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
	return len(d) == 11 && d[0] == '0' && d[1] == '1' && strings.ContainsRune("0125", rune(d[2]))
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

// digit maps Western, Arabic-Indic and Extended Arabic-Indic digits to ASCII.
func digit(r rune) (byte, bool) {
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

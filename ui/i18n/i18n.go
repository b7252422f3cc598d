// Package i18n holds every string Tabour shows or prints, in Arabic and
// English, from one catalog (messages.go), and formats numbers, counts,
// durations, dates and times for the citizen's language: Arabic-Indic or
// Western digits by configuration, Arabic plural forms (CLDR: zero, one,
// two, few, many, other), Egyptian month names. It imports no UI toolkit.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"tabour/lang"
)

// Printer formats text in one language.
type Printer struct {
	Lang         lang.Lang
	ArabicDigits bool // Arabic-Indic digits in Arabic text
}

// T returns the message key with {0}, {1}… replaced by args (numbers are
// written in the Printer's digits). An unknown key returns the key itself
// in brackets, which tests catch.
func (p Printer) T(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return "[" + key + "]"
	}
	return p.fill(m.In(p.Lang), args)
}

func (p Printer) fill(s string, args []any) string {
	for i, a := range args {
		var v string
		switch x := a.(type) {
		case int:
			v = p.N(x)
		case string:
			v = x
		default:
			v = fmt.Sprint(x)
		}
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", v)
	}
	return s
}

// N writes an integer in the Printer's digits.
func (p Printer) N(n int) string { return p.Digits(strconv.Itoa(n)) }

// Digits rewrites the ASCII digits of s as Arabic-Indic when the Printer
// writes Arabic with Arabic-Indic digits.
func (p Printer) Digits(s string) string {
	if p.Lang != lang.AR || !p.ArabicDigits {
		return s
	}
	return lang.ToArabicIndic(s)
}

// Count writes a counted phrase with the right plural form: key names a
// plural entry whose forms contain {0} for the number.
func (p Printer) Count(key string, n int) string {
	pl, ok := plurals[key]
	if !ok {
		return "[" + key + "]"
	}
	if p.Lang == lang.EN {
		if n == 0 && pl.ENZero != "" {
			return pl.ENZero
		}
		if n == 1 {
			return p.fill(pl.EN[0], []any{n})
		}
		return p.fill(pl.EN[1], []any{n})
	}
	return p.fill(pl.AR[arabicForm(n)], []any{n})
}

// Arabic plural forms (CLDR).
const (
	formZero = iota
	formOne
	formTwo
	formFew   // 3–10
	formMany  // 11–99
	formOther // 100, 101, 102…
)

func arabicForm(n int) int {
	m := n % 100
	switch {
	case n == 0:
		return formZero
	case n == 1:
		return formOne
	case n == 2:
		return formTwo
	case m >= 3 && m <= 10:
		return formFew
	case m >= 11 && m <= 99:
		return formMany
	}
	return formOther
}

// Minutes writes a wait rounded up to whole minutes ("about 20 minutes").
func (p Printer) Minutes(d time.Duration) string {
	return p.Count("minutes", max(int((d+time.Minute-1)/time.Minute), 0))
}

var (
	daysAR   = [...]string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"}
	monthsAR = [...]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
)

// Date writes a day: "الأحد ٢٢ نوفمبر ٢٠٢٦" or "Sunday 22 November 2026".
func (p Printer) Date(t time.Time) string {
	if p.Lang == lang.EN {
		return t.Format("Monday 2 January 2006")
	}
	return p.Digits(fmt.Sprintf("%s %d %s %d", daysAR[t.Weekday()], t.Day(), monthsAR[t.Month()-1], t.Year()))
}

// Clock writes a time of day: "١٠:١٥ ص" or "10:15 AM".
func (p Printer) Clock(t time.Time) string {
	if p.Lang == lang.EN {
		return t.Format("3:04 PM")
	}
	suffix := "ص"
	if t.Hour() >= 12 {
		suffix = "م"
	}
	return p.Digits(t.Format("3:04")) + " " + suffix
}

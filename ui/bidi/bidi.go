// Package bidi lays out one line of mixed Arabic and Latin text for
// display: it runs the Unicode Bidirectional Algorithm (UAX #9, through
// github.com/go-text/typesetting/bidi, which resolves weak and neutral
// types, brackets and isolates) and then applies rule L2 — reversing runs
// of higher levels — which that package leaves to its callers. The result
// is the line's directional runs in visual order, left to right.
//
// Fyne 2.7 shapes each run correctly (HarfBuzz reverses and mirrors an RTL
// run) but places a string's runs left to right in logical order, so a
// line such as "تذكرتك رقم 23 في الانتظار" shows its clauses swapped. The
// ui package draws each run returned here as its own text object, in this
// order, which is what makes mixed lines read right.
package bidi

import (
	"strings"
	"unicode"

	gbidi "github.com/go-text/typesetting/bidi"
)

// Run is a piece of a line with one direction. Text is in logical order;
// a renderer shapes an RTL run right to left.
type Run struct {
	Text  string
	RTL   bool
	level int8
}

// Visual returns the runs of line in visual order (leftmost first) for a
// paragraph whose base direction is right to left when rtl is true.
// Trailing white space is dropped (rule L1); line must not contain a
// paragraph separator.
func Visual(line string, rtl bool) []Run {
	line = strings.TrimRightFunc(line, unicode.IsSpace)
	if line == "" {
		return nil
	}
	runes := []rune(line)
	dir := gbidi.LeftToRight
	if rtl {
		dir = gbidi.RightToLeft
	}
	var p gbidi.Paragraph
	rs := p.Segment(runes, dir)
	runs := make([]Run, 0, rs.NumRuns())
	for i := range rs.NumRuns() {
		r := rs.Run(i)
		runs = append(runs, Run{Text: string(runes[r.Start:r.End]), RTL: !r.IsLeftToRight(), level: int8(r.Level)})
	}
	if !rtl {
		runs = splitNumbers(runs)
	}
	reorder(runs)
	return runs
}

// splitNumbers recovers level 2 inside the even runs of a left-to-right
// paragraph, which the segmenter merges with level 0 (it splits runs by
// parity only). Level 2 matters only next to a right-to-left run: a number
// right after one (rules W2 and I1: it belongs to the Arabic phrase), and
// Arabic-Indic digits (type AN) right before one.
func splitNumbers(runs []Run) []Run {
	out := make([]Run, 0, len(runs))
	for i, r := range runs {
		if r.RTL {
			out = append(out, r)
			continue
		}
		rs := []rune(r.Text)
		head, tail := 0, len(rs)
		if i > 0 && runs[i-1].RTL {
			head = numberPrefix(rs)
		}
		if i+1 < len(runs) && runs[i+1].RTL {
			tail = len(rs) - arabicIndicSuffix(rs[head:])
		}
		out = appendRun(out, rs[:head], 2)
		out = appendRun(out, rs[head:tail], 0) // implicit text: the rest is at the base level
		out = appendRun(out, rs[tail:], 2)
	}
	return out
}

func appendRun(out []Run, rs []rune, level int8) []Run {
	if len(rs) == 0 {
		return out
	}
	return append(out, Run{Text: string(rs), level: level})
}

// numberPrefix is the length of the number (digits with separators between
// them) that rs starts with.
func numberPrefix(rs []rune) int {
	n := 0
	for n < len(rs) && (unicode.IsDigit(rs[n]) || n > 0 && n+1 < len(rs) && isSeparator(rs[n]) && unicode.IsDigit(rs[n+1])) {
		n++
	}
	return n
}

// arabicIndicSuffix is the length of the run of Arabic-Indic digits rs ends with.
func arabicIndicSuffix(rs []rune) int {
	n := 0
	for n < len(rs) && isArabicIndic(rs[len(rs)-1-n]) {
		n++
	}
	return n
}

func isArabicIndic(r rune) bool { return r >= 0x0660 && r <= 0x0669 || r >= 0x06F0 && r <= 0x06F9 }

func isSeparator(r rune) bool { return strings.ContainsRune(".,:/-%\u066b\u066c", r) }

// reorder applies rule L2 to whole runs: from the highest level down to
// the lowest odd level, reverse every maximal sequence of runs at that
// level or higher.
func reorder(runs []Run) {
	hi, lo := int8(0), int8(127)
	for _, r := range runs {
		hi = max(hi, r.level)
		if r.level%2 == 1 {
			lo = min(lo, r.level)
		}
	}
	for lvl := hi; lvl >= lo && lvl > 0; lvl-- {
		for i := 0; i < len(runs); {
			if runs[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].level >= lvl {
				j++
			}
			reverse(runs[i:j])
			i = j
		}
	}
}

func reverse(runs []Run) {
	for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
}

// IsRTL reports whether s's first strong character is right to left
// (Arabic, Hebrew …): the direction a paragraph of s takes by default.
func IsRTL(s string) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

package ticketimg

import (
	"strings"
	"testing"
)

// TestNumberStaysWithItsWord wraps the kiosk's "where to go" sentences at
// every width from about two words (narrower, a word must be broken
// anyway) to a whole line: the window number is always on the line of the
// word "الشباك" / "window", never alone on the next.
func TestNumberStaysWithItsWord(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	ts := newTypesetter(fs)
	for _, c := range []struct{ text, lang, word, number string }{
		{"انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك ٣", "ar", "الشباك", "٣"},
		{"انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك 12", "ar", "الشباك", "12"},
		{"توجه إلى الشباك الذي يظهر مع رقمك (١ أو ٣)", "ar", "مع رقمك", "١"},
		{"Wait for your number on the screen, then go to window 3", "en", "window", "3"},
	} {
		rs := []rune(keepNumbers(c.text))
		word := len([]rune(c.text[:strings.Index(c.text, c.word)])) + len([]rune(c.word)) - 1 // its last letter
		number := len([]rune(c.text[:strings.LastIndex(c.text, c.number)]))
		breaks := 0
		for width := 160; width <= 700; width++ {
			lines := ts.paragraphs(c.text, style{size: 28}, c.lang, width)
			breaks += len(lines) - 1
			if lw, ln := lineOf(lines, word), lineOf(lines, number); lw != ln {
				t.Fatalf("%q at %d dots: %q on line %d, %q on line %d", c.text, width, c.word, lw, c.number, ln)
			}
		}
		if breaks == 0 || len(rs) != len([]rune(c.text)) {
			t.Fatalf("%q: never wrapped, or keepNumbers changed its length", c.text)
		}
	}
}

// lineOf is the index of the line holding rune i of the paragraph.
func lineOf(lines []textLine, i int) int {
	for n, tl := range lines {
		for _, r := range tl.runs {
			if i >= r.Runes.Offset && i < r.Runes.Offset+r.Runes.Count {
				return n
			}
		}
	}
	return -1
}

func TestKeepNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"الشباك ٣":             "الشباك\u00a0٣",
		"window  12":           "window\u00a012",
		"معه (١ أو ٣)":         "معه\u00a0(١ أو\u00a0٣)",
		"٢٢ نوفمبر":            "٢٢ نوفمبر",
		"A023 - 4":             "A023 - 4",
		"ahead: 4 citizens":    "ahead: 4 citizens",
		"about 20 minutes ago": "about\u00a020 minutes ago",
	} {
		if got := keepNumbers(in); got != want {
			t.Errorf("keepNumbers(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRefOrder: the reference, set left to right, comes out in its own
// order, digits and letters in place.
func TestRefOrder(t *testing.T) {
	fs, _ := loadFonts()
	ts := newTypesetter(fs)
	ref := "20261122-A023"
	lines := ts.paragraphs(ref, style{size: 28}, "en", 500)
	var got string
	for _, r := range lines[0].runs {
		got += ref[r.Runes.Offset : r.Runes.Offset+r.Runes.Count]
	}
	if len(lines) != 1 || got != ref {
		t.Errorf("reference set as %q in %d lines", got, len(lines))
	}
}

package ticketimg

import (
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
)

// visualRuns sets text as one line and returns its runs' text left to
// right, and the face of each.
func visualRuns(t *testing.T, text, lang string) ([]string, []*font.Face, *typesetter) {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	ts := newTypesetter(fs)
	tl, ok := ts.line(text, style{size: 28}, lang)
	if !ok {
		t.Fatal("no line")
	}
	rs := []rune(text)
	var runs []string
	var faces []*font.Face
	for _, r := range tl.runs {
		runs = append(runs, string(rs[r.Runes.Offset:r.Runes.Offset+r.Runes.Count]))
		faces = append(faces, r.Face)
	}
	return runs, faces, ts
}

// TestBidiOrder: in an Arabic line, runs are laid out right to left, the
// Latin number and each digit group keep their own left-to-right order,
// and each run has the face of its script.
func TestBidiOrder(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // left to right
	}{
		{"تذكرة رقم A023 - شباك ٤", []string{"٤", " - شباك ", "A023", "تذكرة رقم "}},
		{"تذكرة رقم A023 - شباك 4", []string{"4", " - شباك ", "A023", "تذكرة رقم "}},
		{"الأحد ٢٢ نوفمبر ٢٠٢٦ - ١٠:١٥ ص", []string{" ص", "١٠:١٥", " - ", "٢٠٢٦", " نوفمبر ", "٢٢", "الأحد "}},
		{"Go to window 1 or 3", []string{"Go to window 1 or 3"}},
	} {
		lang := "ar"
		if c.text[0] < 0x80 {
			lang = "en"
		}
		got, faces, ts := visualRuns(t, c.text, lang)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: runs left to right %q, want %q", c.text, got, c.want)
		}
		for i, run := range got {
			want := ts.regular.latin
			if strings.ContainsFunc(run, func(r rune) bool { return r >= 0x600 && r <= 0x6ff }) {
				want = ts.regular.arabic
			}
			if run == " - " { // neutral between two digit groups: either face draws it
				continue
			}
			if faces[i] != want {
				t.Errorf("%q: run %q in the wrong face", c.text, run)
			}
		}
	}
}

// TestArabicJoined: letters take their joining forms, not the isolated
// ones a code page printer would print.
func TestArabicJoined(t *testing.T) {
	fs, _ := loadFonts()
	ts := newTypesetter(fs)
	isolated, _ := ts.regular.arabic.NominalGlyph('ب')
	tl, _ := ts.line("ببب", style{size: 28}, "ar")
	for _, g := range tl.runs[0].Glyphs {
		if g.GlyphID == isolated {
			t.Errorf("isolated beh in a joined word")
		}
	}
	if n := len(tl.runs[0].Glyphs); n != 3 {
		t.Errorf("%d glyphs for three letters", n)
	}
}

package ui

import (
	"bytes"
	"sync"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"tabour/assets"
)

// The faces a screen may draw with: the bundled Noto Sans Arabic, then
// Fyne's own Noto Sans, which Fyne tries next. A glyph missing from both
// makes Fyne look through the machine's system fonts, and the screen then
// looks different on every machine; Uncovered finds such glyphs.
var (
	facesOnce sync.Once
	faces     map[bool][]*font.Face // by bold
)

func loadFaces() {
	parse := func(b []byte) *font.Face {
		f, err := font.ParseTTF(bytes.NewReader(b))
		if err != nil {
			panic("ui: bundled font: " + err.Error())
		}
		return f
	}
	faces = map[bool][]*font.Face{
		false: {parse(assets.NotoSansArabicRegular), parse(theme.DefaultTextFont().Content())},
		true:  {parse(assets.NotoSansArabicBold), parse(theme.DefaultTextBoldFont().Content())},
	}
}

// arabicCovers reports whether the bundled Arabic font has a glyph for r.
// It lacks brackets, slash, percent and quotes; for those Fyne falls back
// to another font and splits the run there.
func arabicCovers(r rune) bool {
	facesOnce.Do(loadFaces)
	_, ok := faces[false][0].NominalGlyph(r)
	return ok
}

// Uncovered lists the characters of s that no bundled font can draw in
// the given weight. Format characters (marks such as RLM and ZWNJ) draw
// nothing and are not listed.
func Uncovered(s string, bold bool) []rune {
	facesOnce.Do(loadFaces)
	var out []rune
	for _, r := range s {
		if r == '\n' || unicode.Is(unicode.Cf, r) {
			continue
		}
		covered := false
		for _, f := range faces[bold] {
			if _, ok := f.NominalGlyph(r); ok {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, r)
		}
	}
	return out
}

// fontChunks splits an RTL run where the font changes, so that the pieces
// can be placed right to left (Fyne would place them left to right).
func fontChunks(s string) []string {
	var out []string
	start, prev := 0, true
	for i, r := range s {
		cov := arabicCovers(r)
		if i > 0 && cov != prev {
			out = append(out, s[start:i])
			start = i
		}
		prev = cov
	}
	return append(out, s[start:])
}

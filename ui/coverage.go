package ui

import (
	"bytes"
	"sync"

	"github.com/go-text/typesetting/font"

	"tabour/assets"
)

var (
	arabicFaceOnce sync.Once
	arabicFace     *font.Face
)

// arabicCovers reports whether the bundled Arabic font has a glyph for r.
// It lacks brackets, slash, percent and quotes; for those Fyne falls back
// to another font and splits the run there.
func arabicCovers(r rune) bool {
	arabicFaceOnce.Do(func() {
		if f, err := font.ParseTTF(bytes.NewReader(assets.NotoSansArabicRegular)); err == nil {
			arabicFace = f
		}
	})
	if arabicFace == nil {
		return true
	}
	_, ok := arabicFace.NominalGlyph(r)
	return ok
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

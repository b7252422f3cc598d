package ui

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// The fonts a screen draws with: the bundled Noto Sans Arabic, and for
// what it lacks (Latin letters, brackets, slash, percent, quotes) Fyne's
// own Noto Sans, which matches it. Every piece of text names its font
// (canvas.Text.FontSource), so Fyne never composes a font of its own: that
// would parse its 4 MB emoji font and a system font for the locale (15 MB
// of heap for two weights), and a glyph missing from the bundled fonts
// would come from whatever the machine has installed. Uncovered finds
// such glyphs.
type face struct {
	res  fyne.Resource
	cmap font.Cmap // which characters it has; the glyphs stay unparsed
}

var (
	facesOnce sync.Once
	faces     map[bool][2]face // by bold: Arabic, then Latin
)

func loadFaces() {
	load := func(res fyne.Resource) face {
		cm, err := readCmap(res.Content())
		if err != nil {
			panic(fmt.Sprintf("ui: bundled font %s: %v", res.Name(), err))
		}
		return face{res: res, cmap: cm}
	}
	faces = map[bool][2]face{
		false: {load(fontRegular), load(theme.DefaultTextFont())},
		true:  {load(fontBold), load(theme.DefaultTextBoldFont())},
	}
}

// readCmap reads only a font's character map.
func readCmap(b []byte) (font.Cmap, error) {
	ld, err := opentype.NewLoader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	raw, err := ld.RawTable(opentype.MustNewTag("cmap"))
	if err != nil {
		return nil, err
	}
	t, _, err := tables.ParseCmap(raw)
	if err != nil {
		return nil, err
	}
	cm, _, err := font.ProcessCmap(t, tables.FPNone)
	return cm, err
}

func fontsFor(bold bool) [2]face {
	facesOnce.Do(loadFaces)
	return faces[bold]
}

// LatinFont is the font for text known to be Latin letters and digits,
// such as a ticket number.
func LatinFont(bold bool) fyne.Resource { return fontsFor(bold)[1].res }

// arabicCovers reports whether the bundled Arabic font of that weight has
// a glyph for r.
func arabicCovers(r rune, bold bool) bool {
	_, ok := fontsFor(bold)[0].cmap.Lookup(r)
	return ok
}

// Covers reports whether font res, one of the fonts the screens draw
// with, has a glyph for every character of s but format characters.
func Covers(res fyne.Resource, s string) bool {
	for _, bold := range []bool{false, true} {
		for _, f := range fontsFor(bold) {
			if f.res != res {
				continue
			}
			for _, r := range s {
				if _, ok := f.cmap.Lookup(r); !ok && r != '\n' && !unicode.Is(unicode.Cf, r) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// Uncovered lists the characters of s that no bundled font can draw in
// the given weight. Format characters (marks such as RLM and ZWNJ) draw
// nothing and are not listed.
func Uncovered(s string, bold bool) []rune {
	var out []rune
	for _, r := range s {
		if r == '\n' || unicode.Is(unicode.Cf, r) {
			continue
		}
		covered := false
		for _, f := range fontsFor(bold) {
			if _, ok := f.cmap.Lookup(r); ok {
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

// chunk is a piece of a run drawn in one font.
type chunk struct {
	text   string
	arabic bool // in the Arabic font; else the Latin one
}

// fontChunks splits a run where the font changes: a character goes to the
// Arabic font when it has it, else to the Latin one.
func fontChunks(s string, bold bool) []chunk {
	var out []chunk
	start, prev := 0, true
	for i, r := range s {
		cov := arabicCovers(r, bold)
		if i > 0 && cov != prev {
			out = append(out, chunk{s[start:i], prev})
			start = i
		}
		prev = cov
	}
	return append(out, chunk{s[start:], prev})
}

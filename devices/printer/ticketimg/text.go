package ticketimg

import (
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/render"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// style is how a paragraph is set: pixel (dot) size and weight.
type style struct {
	size int
	bold bool
}

// typesetter holds the state that must not be shared between goroutines:
// faces, the shaper's font cache, the segmenter, the wrapper and the pen.
type typesetter struct {
	regular, bold faceMap
	seg           shaping.Segmenter
	shaper        shaping.HarfbuzzShaper
	wrapper       shaping.LineWrapper
	pen           render.Renderer
	scratch       []uint8
}

func newTypesetter(fs [4]*font.Font) *typesetter {
	return &typesetter{
		regular: faceMap{arabic: font.NewFace(fs[0]), latin: font.NewFace(fs[2])},
		bold:    faceMap{arabic: font.NewFace(fs[1]), latin: font.NewFace(fs[3])},
	}
}

// textLine is one shaped line, its runs in visual order (left to right).
type textLine struct {
	runs    []shaping.Output
	size    int
	width   int // dots
	ascent  int // dots above the baseline the line box needs
	descent int // dots below it
}

// paragraphs shapes and wraps text (which may hold several "\n"-separated
// paragraphs) to maxWidth dots.
func (ts *typesetter) paragraphs(text string, st style, lang string, maxWidth int) []textLine {
	var lines []textLine
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			lines = append(lines, ts.wrap(keepNumbers(p), st, lang, maxWidth)...)
		}
	}
	return lines
}

// nbsp is U+00A0 NO-BREAK SPACE: the line breaker never breaks at it
// (UAX #14 class GL), and the bidi algorithm resolves it like the space it
// replaces between a word and a number.
const nbsp = '\u00a0'

// keepNumbers ties each number to the word before it, so that a line never
// ends in "الشباك" or "window" with its number alone on the next: the
// spaces between a letter and a digit (Western or Arabic-Indic, perhaps
// after an opening bracket) become one no-break space.
func keepNumbers(p string) string {
	rs := []rune(p)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		k := j
		for k < len(rs) && unicode.Is(unicode.Ps, rs[k]) {
			k++
		}
		if j > i && i > 0 && unicode.IsLetter(rs[i-1]) && k < len(rs) && unicode.IsDigit(rs[k]) {
			out = append(out, nbsp)
			i = j - 1
			continue
		}
		out = append(out, rs[i])
	}
	return string(out)
}

func (ts *typesetter) wrap(p string, st style, lang string, maxWidth int) []textLine {
	runes := []rune(p)
	dir := direction(lang)
	outs := ts.shape(runes, st, lang, dir)
	wrapped, _ := ts.wrapper.WrapParagraph(shaping.WrapConfig{Direction: dir},
		maxWidth, runes, shaping.NewSliceIterator(outs))
	lines := make([]textLine, len(wrapped))
	for i, l := range wrapped {
		lines[i] = newTextLine(l, st, lang)
	}
	return lines
}

// shape splits runes into runs of one direction, script and face, and
// shapes each.
func (ts *typesetter) shape(runes []rune, st style, lang string, dir di.Direction) []shaping.Output {
	faces := &ts.regular
	if st.bold {
		faces = &ts.bold
	}
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir,
		Size: fixed.I(st.size), Language: language.NewLanguage(lang)}
	runs := ts.seg.Split(in, faces)
	outs := make([]shaping.Output, len(runs))
	for i, r := range runs {
		outs[i] = ts.shaper.Shape(r)
	}
	return outs
}

func direction(lang string) di.Direction {
	if lang == "ar" || strings.HasPrefix(lang, "ar-") {
		return di.DirectionRTL
	}
	return di.DirectionLTR
}

// newTextLine orders l's runs visually and measures its box: at least the
// usual ascent and descent of the script, more if some glyph's ink needs it.
func newTextLine(l shaping.Line, st style, lang string) textLine {
	tl := textLine{runs: slices.Clone(l), size: st.size}
	slices.SortFunc(tl.runs, func(a, b shaping.Output) int { return int(a.VisualIndex - b.VisualIndex) })
	minAsc, minDesc := 0.80, 0.26
	if direction(lang) == di.DirectionRTL {
		minAsc, minDesc = 0.84, 0.40
	}
	top, bottom := inkBounds(tl.runs)
	var adv fixed.Int26_6
	for _, r := range tl.runs {
		adv += r.Advance
	}
	tl.width = adv.Ceil()
	tl.ascent = max(top, int(minAsc*float64(st.size)+0.5))
	tl.descent = max(bottom, int(minDesc*float64(st.size)+0.5))
	return tl
}

// inkBounds is how far the glyphs' ink reaches above and below the
// baseline, in whole dots.
func inkBounds(runs []shaping.Output) (above, below int) {
	var top, bottom fixed.Int26_6
	for _, r := range runs {
		for _, g := range r.Glyphs {
			t := g.YOffset + g.YBearing
			top = max(top, t)
			bottom = min(bottom, t+g.Height)
		}
	}
	return top.Ceil(), (-bottom).Ceil()
}

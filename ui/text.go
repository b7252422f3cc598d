package ui

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"tabour/ui/bidi"
)

const rlm = "\u200f" // RIGHT-TO-LEFT MARK: fences an RTL run for Fyne

// Align places each line of a Text.
type Align int

// Alignments; Start is the right edge in right-to-left text.
const (
	Start Align = iota
	Center
	End
)

// Text is a label that displays mixed-direction text in the right visual
// order. With Wrap it breaks lines between words to fit its width.
type Text struct {
	widget.BaseWidget
	Text     string
	TextSize float32
	Bold     bool
	Color    color.Color
	RTL      bool // paragraph direction: true for Arabic screens
	Align    Align
	Wrap     bool
	// MaxLines, when above zero, shrinks the text (down to minFit of
	// TextSize) until it fits its width in that many lines, so a long
	// service name never makes a screen taller than the window.
	MaxLines int
}

// minFit is the smallest share of TextSize a fitted text shrinks to.
const minFit = 0.45

// NewText returns a Text of the given size and direction.
func NewText(s string, size float32, rtl bool) *Text {
	t := &Text{Text: s, TextSize: size, RTL: rtl, Color: ColorText}
	t.ExtendBaseWidget(t)
	return t
}

// Bolded sets Bold and returns t, for building screens in one expression.
func (t *Text) Bolded() *Text { t.Bold = true; return t }

// Centered sets Align to Center and returns t.
func (t *Text) Centered() *Text { t.Align = Center; return t }

// Wrapped sets Wrap and returns t.
func (t *Text) Wrapped() *Text { t.Wrap = true; return t }

// Fit sets MaxLines (and Wrap when more than one line) and returns t.
func (t *Text) Fit(lines int) *Text {
	t.MaxLines, t.Wrap = lines, t.Wrap || lines > 1
	return t
}

// Colored sets Color and returns t.
func (t *Text) Colored(c color.Color) *Text { t.Color = c; return t }

// CreateRenderer implements fyne.Widget.
func (t *Text) CreateRenderer() fyne.WidgetRenderer {
	return &textRenderer{t: t}
}

type textRenderer struct {
	t       *Text
	objects []fyne.CanvasObject
	width   float32
	size    float32 // the text size in use: TextSize, or less when fitted
}

func (r *textRenderer) style() fyne.TextStyle { return fyne.TextStyle{Bold: r.t.Bold} }

// source is the font of a chunk.
func (r *textRenderer) source(arabic bool) fyne.Resource {
	f := fontsFor(r.t.Bold)
	if arabic {
		return f[0].res
	}
	return f[1].res
}

// rendered is the size and baseline of s drawn in one font.
func (r *textRenderer) rendered(s string, arabic bool, size float32) (fyne.Size, float32) {
	return fyne.CurrentApp().Driver().RenderedTextSize(s, size, r.style(), r.source(arabic))
}

// measure is the width of s drawn chunk by chunk, and the line height.
func (r *textRenderer) measure(s string, size float32) fyne.Size {
	w := float32(0)
	for _, c := range fontChunks(s, r.t.Bold) {
		sz, _ := r.rendered(c.text, c.arabic, size)
		w += sz.Width
	}
	return fyne.NewSize(w, r.lineHeight(size))
}

// lineHeight is the Arabic font's, the taller of the two.
func (r *textRenderer) lineHeight(size float32) float32 {
	sz, _ := r.rendered(" ", true, size)
	return sz.Height
}

// latinDrop is how far below a line's top a Latin chunk starts, so that
// its baseline meets the Arabic font's (whole pixels at the canvas scale,
// as Fyne draws a baseline).
func (r *textRenderer) latinDrop(size float32) float32 {
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.t); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	_, a := r.rendered(" ", true, size)
	_, l := r.rendered(" ", false, size)
	ceil := func(v float32) float32 { return float32(math.Ceil(float64(v * scale))) }
	return (ceil(a) - ceil(l)) / scale
}

// lines breaks the text into lines (logical order) for a width at a text
// size; width 0 means no wrapping.
func (r *textRenderer) lines(width, size float32) []string {
	var out []string
	for _, para := range strings.Split(r.t.Text, "\n") {
		if !r.t.Wrap || width <= 0 {
			out = append(out, para)
			continue
		}
		out = append(out, r.wrap(para, width, size)...)
	}
	return out
}

// wrap breaks one paragraph greedily between words, never before a word
// that starts with a digit: "الشباك ٣" and "window 3" stay together.
func (r *textRenderer) wrap(para string, width, size float32) []string {
	words := glueNumbers(strings.FieldsFunc(para, breakable))
	if len(words) == 0 {
		return []string{""}
	}
	var out []string
	line := words[0]
	for _, w := range words[1:] {
		if r.measure(line+" "+w, size).Width > width {
			out = append(out, line)
			line = w
			continue
		}
		line += " " + w
	}
	return append(out, line)
}

// fits reports whether the text fits width in MaxLines lines at size.
func (r *textRenderer) fits(width, size float32) bool {
	lines := r.lines(width, size)
	if len(lines) > r.t.MaxLines {
		return false
	}
	for _, l := range lines {
		if r.measure(l, size).Width > width {
			return false
		}
	}
	return true
}

// fitSize is the text size for a width: TextSize, or for a fitted text the
// largest size (in 5 % steps) at which it fits.
func (r *textRenderer) fitSize(width float32) float32 {
	size := r.t.TextSize
	if r.t.MaxLines <= 0 || width <= 0 {
		return size
	}
	for size > r.t.TextSize*minFit && !r.fits(width, size) {
		size -= r.t.TextSize * 0.05
	}
	return max(size, r.t.TextSize*minFit)
}

// breakable reports whether a line may break at r: at spaces, except the
// no-break space.
func breakable(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' }

// glueNumbers joins each word that starts with a digit (after an opening
// bracket) to the word before it.
func glueNumbers(words []string) []string {
	var out []string
	for _, w := range words {
		first, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(["))
		if len(out) > 0 && unicode.IsDigit(first) {
			out[len(out)-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

func (r *textRenderer) MinSize() fyne.Size {
	width := r.t.Size().Width
	size := r.fitSize(width)
	if !r.t.Wrap {
		width = 0
	}
	lines := r.lines(width, size)
	w := float32(0)
	for _, l := range lines {
		switch {
		case r.t.MaxLines > 0: // shrinks to any width
		case r.t.Wrap:
			for _, word := range strings.Fields(l) {
				w = max(w, r.measure(word, size).Width)
			}
		default:
			w = max(w, r.measure(l, size).Width)
		}
	}
	return fyne.NewSize(w, float32(len(lines))*r.lineHeight(size))
}

func (r *textRenderer) Layout(size fyne.Size) {
	if (r.t.Wrap || r.t.MaxLines > 0) && size.Width != r.width {
		r.width = size.Width
		defer r.t.Refresh() // the height depends on the width: let the parent lay out again
	}
	r.build(size)
}

// build makes one canvas.Text per visual run, placed in visual order.
func (r *textRenderer) build(size fyne.Size) {
	r.objects = r.objects[:0]
	r.size = r.fitSize(size.Width)
	width := size.Width
	if !r.t.Wrap {
		width = 0
	}
	lh := r.lineHeight(r.size)
	drop, arabic := r.latinDrop(r.size), r.source(true)
	for i, line := range r.lines(width, r.size) {
		runs := bidi.Visual(line, r.t.RTL)
		objs, w := r.runObjects(runs)
		x := r.startX(size.Width, w)
		for _, o := range objs {
			y := float32(i) * lh
			if o.FontSource != arabic {
				y += drop
			}
			o.Move(fyne.NewPos(x, y))
			x += o.MinSize().Width
			r.objects = append(r.objects, o)
		}
	}
}

// runObjects makes one canvas.Text per font chunk of each run, in visual
// order.
func (r *textRenderer) runObjects(runs []bidi.Run) ([]*canvas.Text, float32) {
	var objs []*canvas.Text
	total := float32(0)
	for _, run := range runs {
		pieces := fontChunks(run.Text, r.t.Bold)
		if run.RTL {
			slices.Reverse(pieces) // right to left
		}
		for _, p := range pieces {
			s := p.text
			if run.RTL {
				s = rlm + s + rlm
			}
			c := canvas.NewText(s, r.t.Color)
			c.TextSize, c.TextStyle, c.FontSource = r.size, r.style(), r.source(p.arabic)
			c.Resize(c.MinSize())
			objs = append(objs, c)
			total += c.MinSize().Width
		}
	}
	return objs, total
}

// startX is where a line of width w starts in a box of width box.
func (r *textRenderer) startX(box, w float32) float32 {
	switch {
	case r.t.Align == Center:
		return (box - w) / 2
	case (r.t.Align == Start) == r.t.RTL: // start of RTL, or end of LTR
		return box - w
	}
	return 0
}

func (r *textRenderer) Refresh() {
	r.build(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *textRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *textRenderer) Destroy()                     {}

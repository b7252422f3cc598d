package ticketimg

import (
	"image"
	"image/color"

	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// threshold is the glyph coverage (0–255) from which a dot takes the
// text's ink. A little under half keeps thin strokes of small text unbroken.
const threshold = 112

// Inks: text is black on paper, white (no dot) on a black band.
const (
	black uint8 = 0
	white uint8 = 0xff
)

// drawLine draws tl in ink with the left end of its first run at x and the
// top of its box at y.
func (ts *typesetter) drawLine(dst *image.Gray, tl textLine, x, y int, ink uint8) {
	h := tl.ascent + tl.descent
	pos := 0
	for _, run := range tl.runs {
		ts.drawRun(dst, run, x+pos, y, tl.ascent, h, ink)
		pos += run.Advance.Round()
	}
}

// drawRun rasterises one run into a scratch coverage mask just wide
// enough for its ink (which may overhang its advance) and thresholds it
// into dst.
func (ts *typesetter) drawRun(dst *image.Gray, run shaping.Output, x, y, ascent, h int, ink uint8) {
	left, right := inkSpan(run)
	mask := ts.mask(right-left, h)
	ts.pen.FontSize = float32(run.Size) / 64
	ts.pen.Color = color.Alpha{A: 0xff} // opaque: vector's fast path for *image.Alpha
	ts.pen.DrawShapedRunAt(run, mask, -left, ascent)
	blit(dst, mask, x+left, y, ink)
}

// inkSpan is how far left and right of the run's origin its ink reaches,
// in whole dots with a dot to spare.
func inkSpan(run shaping.Output) (left, right int) {
	var pen, lo, hi fixed.Int26_6
	for _, g := range run.Glyphs {
		x := pen + g.XOffset + g.XBearing
		lo, hi = min(lo, x), max(hi, x+g.Width)
		pen += g.XAdvance
	}
	hi = max(hi, pen)
	return lo.Floor() - 1, hi.Ceil() + 1
}

// mask returns a cleared w×h coverage image backed by the scratch buffer.
func (ts *typesetter) mask(w, h int) *image.Alpha {
	n := w * h
	if cap(ts.scratch) < n {
		ts.scratch = make([]uint8, n)
	}
	pix := ts.scratch[:n]
	clear(pix)
	return &image.Alpha{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
}

// blit sets to ink in dst, offset by (x, y), every dot of m covered at
// least to the threshold. Dots outside dst are dropped.
func blit(dst *image.Gray, m *image.Alpha, x, y int, ink uint8) {
	b := m.Rect.Add(image.Pt(x, y)).Intersect(dst.Rect)
	for dy := b.Min.Y; dy < b.Max.Y; dy++ {
		src := m.Pix[(dy-y)*m.Stride:]
		row := dst.Pix[(dy-dst.Rect.Min.Y)*dst.Stride:]
		for dx := b.Min.X; dx < b.Max.X; dx++ {
			if src[dx-x] >= threshold {
				row[dx-dst.Rect.Min.X] = ink
			}
		}
	}
}

// fillRect prints r black.
func fillRect(dst *image.Gray, r image.Rectangle) {
	r = r.Intersect(dst.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := dst.Pix[(y-dst.Rect.Min.Y)*dst.Stride:]
		clear(row[r.Min.X-dst.Rect.Min.X : r.Max.X-dst.Rect.Min.X])
	}
}

// blank returns a white w×h image.
func blank(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	return img
}

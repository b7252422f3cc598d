// Package chart draws the console's plots as SVG on the server: bars
// grouped by category, with lines over them. The page needs no script to
// show them, a printed report carries them as they are, and the browser
// shapes the Arabic of titles and legends itself (SVG text).
//
// It is written here because the plots are few and plain, and the chart
// libraries for Go draw text with their own fonts, which cannot shape
// Arabic; a JavaScript library would need a script on the printed page.
package chart

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
)

// Palette is Okabe and Ito's, which people with any common colour
// blindness tell apart.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

// Series is one named row of values, one per category.
type Series struct {
	Name   string
	Values []float64
	// Line draws the series as a line over the bars (else a bar).
	Line bool
	// Dashed draws its line dashed (a capacity, a target).
	Dashed bool
}

// Chart is one plot.
type Chart struct {
	Title      string
	Categories []string // the x axis, left to right (hours: time runs left to right in both languages)
	Series     []Series
	YLabel     string
	// RTL writes the title and legend right to left, aligned to the
	// right.
	RTL           bool
	Width, Height int // default 640 × 300
	// YFormat writes a tick's value (default: the number, no decimals
	// unless needed).
	YFormat func(float64) string
	// Empty is said in the middle when no series has a value above 0.
	Empty string
}

// SVG draws c.
func (c Chart) SVG() template.HTML {
	w, h := c.Width, c.Height
	if w <= 0 {
		w = 640
	}
	if h <= 0 {
		h = 300
	}
	yf := c.YFormat
	if yf == nil {
		yf = plain
	}
	const left, right, top, bottom = 56.0, 14.0, 76.0, 36.0
	pw, ph := float64(w)-left-right, float64(h)-top-bottom
	max := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && v > max {
				max = v
			}
		}
	}
	step, top0 := niceScale(max)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" font-family="Noto Sans Arabic, Noto Sans, DejaVu Sans, sans-serif" font-size="14">`,
		w, h, w, h, esc(c.Title))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`, w, h)
	// In SVG, text-anchor follows the text's direction: "start" is the
	// right end of right-to-left text.
	anchor, tx, dir := "start", 8.0, "ltr"
	if c.RTL {
		tx, dir = float64(w)-8, "rtl"
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="20" font-size="17" font-weight="bold" text-anchor="%s" direction="%s">%s</text>`, tx, anchor, dir, esc(c.Title))
	// the legend, in the writing direction
	lx := tx
	for i, s := range c.Series {
		col := Palette[i%len(Palette)]
		label := s.Name
		width := 26 + 8*float64(len([]rune(label)))
		x0 := lx
		if c.RTL {
			x0 = lx - 14
		}
		if s.Line {
			dash := ""
			if s.Dashed {
				dash = ` stroke-dasharray="5 3"`
			}
			fmt.Fprintf(&b, `<line x1="%.1f" y1="41" x2="%.1f" y2="41" stroke="%s" stroke-width="3"%s/>`, x0, x0+14, col, dash)
		} else {
			fmt.Fprintf(&b, `<rect x="%.1f" y="35" width="14" height="12" fill="%s"/>`, x0, col)
		}
		if c.RTL {
			fmt.Fprintf(&b, `<text x="%.1f" y="46" direction="rtl">%s</text>`, lx-20, esc(label))
			lx -= width
		} else {
			fmt.Fprintf(&b, `<text x="%.1f" y="46">%s</text>`, lx+20, esc(label))
			lx += width
		}
	}
	if max <= 0 && c.Empty != "" { // nothing to plot: say so, without empty axes
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" direction="%s" fill="#666" font-size="16">%s</text></svg>`,
			float64(w)/2, top+ph/2, dir, esc(c.Empty))
		return template.HTML(b.String())
	}
	y := func(v float64) float64 { return top + ph - v/top0*ph }
	// grid and y ticks
	for v := 0.0; v <= top0+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`, left, y(v), left+pw, y(v))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" direction="ltr" fill="#444">%s</text>`, left-6, y(v)+4, esc(yf(v)))
	}
	if c.YLabel != "" {
		// above the axis, running to the right of it in either direction
		yAnchor := "start"
		if c.RTL {
			yAnchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" direction="%s" fill="#444">%s</text>`, left-30, top-12, yAnchor, dir, esc(c.YLabel))
	}
	n := len(c.Categories)
	if n == 0 {
		n = 1
	}
	cw := pw / float64(n)
	// x labels: no more than about one per 36 px
	every := int(math.Ceil(36 / cw))
	if every < 1 || slices.Contains(c.Categories, "") { // sparse labels: each is shown
		every = 1
	}
	for i, cat := range c.Categories {
		if i%every != 0 {
			continue
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" direction="ltr" fill="#444">%s</text>`, left+cw*(float64(i)+.5), top+ph+18, esc(cat))
	}
	var bars []int
	for i, s := range c.Series {
		if !s.Line {
			bars = append(bars, i)
		}
	}
	if len(bars) > 0 {
		bw := cw * 0.8 / float64(len(bars))
		for k, si := range bars {
			s := c.Series[si]
			col := Palette[si%len(Palette)]
			for i, v := range s.Values {
				if i >= len(c.Categories) || math.IsNaN(v) || v <= 0 {
					continue
				}
				x := left + cw*float64(i) + cw*0.1 + bw*float64(k)
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %s</title></rect>`,
					x, y(v), math.Max(bw-1, 1), top+ph-y(v), col, esc(s.Name), esc(c.Categories[i]), esc(yf(v)))
			}
		}
	}
	for si, s := range c.Series {
		if !s.Line {
			continue
		}
		col := Palette[si%len(Palette)]
		dash := ""
		if s.Dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		var pts bytes.Buffer
		flush := func() {
			if pts.Len() > 0 {
				fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"%s/>`, pts.String(), col, dash)
				pts.Reset()
			}
		}
		for i, v := range s.Values {
			if i >= len(c.Categories) || math.IsNaN(v) {
				flush()
				continue
			}
			fmt.Fprintf(&pts, "%.1f,%.1f ", left+cw*(float64(i)+.5), y(v))
		}
		flush()
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#444"/>`, left, top+ph, left+pw, top+ph)
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it went through esc
}

// niceScale returns a tick step and the axis's top for values up to max:
// 1, 2 or 5 times a power of ten, about five ticks.
func niceScale(max float64) (step, top float64) {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		return 1, 4
	}
	raw := max / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / p; {
	case f <= 1:
		step = p
	case f <= 2:
		step = 2 * p
	case f <= 5:
		step = 5 * p
	default:
		step = 10 * p
	}
	return step, math.Ceil(max/step) * step
}

func plain(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func esc(s string) string { return template.HTMLEscapeString(s) }

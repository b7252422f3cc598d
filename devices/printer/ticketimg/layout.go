package ticketimg

import (
	"image"
	"math"

	"github.com/go-text/typesetting/di"

	"tabour/devices/printer"
)

// metrics are the layout's sizes in dots for one paper width, scaled from
// the 80 mm design with floors that keep 58 mm tickets readable.
type metrics struct {
	width, margin, gap, rule           int
	header, service, body, small, band style
	numberMax                          int // largest number size; it shrinks to fit
}

func metricsFor(width int) metrics {
	k := float64(width) / 576
	sz := func(base, least int) int { return max(int(math.Round(float64(base)*k)), least) }
	return metrics{
		width: width, margin: max(width/72, 4), gap: sz(8, 6), rule: sz(3, 2),
		header:    style{size: sz(30, 24), bold: true},
		service:   style{size: sz(32, 24), bold: true},
		body:      style{size: sz(28, 22)},
		small:     style{size: sz(22, 18)},
		band:      style{size: sz(32, 24), bold: true},
		numberMax: sz(200, 120),
	}
}

// textWidth is the width available to text between the margins.
func (m metrics) textWidth() int { return m.width - 2*m.margin }

type align int

const (
	alignStart align = iota // right for Arabic, left otherwise
	alignCenter
)

// block is a horizontal band of the ticket: its height and how to draw it
// with its top at y.
type block struct {
	height int
	draw   func(dst *image.Gray, y int)
	qr     bool
}

// layout builds the ticket's blocks top to bottom.
func (ts *typesetter) layout(t printer.Ticket, m metrics) ([]block, error) {
	tw, lang := m.textWidth(), string(t.Lang)
	var bs []block
	bs = append(bs, space(m.gap))
	if header := ts.paragraphs(t.Header, m.header, lang, tw); len(header) > 0 {
		bs = append(bs, ts.textBlocks(header, m, lang, alignCenter)...)
		bs = append(bs, space(m.gap), ruleBlock(m))
	}
	bs = append(bs, space(m.gap*3/2))
	bs = append(bs, ts.numberBlock(t.Number, m, lang)...)
	if band := ts.bandBlock(t.Priority, m, lang); band != nil {
		bs = append(bs, space(m.gap), *band, space(m.gap))
	} else {
		bs = append(bs, space(m.gap*3/2))
	}
	for _, p := range []struct {
		text string
		st   style
	}{{t.Service, m.service}, {t.Counter, m.body}, {t.Ahead, m.body}, {t.Wait, m.body}, {t.Issued, m.small}} {
		bs = append(bs, ts.textBlocks(ts.paragraphs(p.text, p.st, lang, tw), m, lang, alignStart)...)
	}
	if t.QR != "" {
		qr, err := qrBlocks(t.QR, m)
		if err != nil {
			return nil, err
		}
		bs = append(bs, qr...)
	} else {
		bs = append(bs, space(m.gap))
	}
	// The reference reads left to right in either language ("20261122-A023").
	if ref := ts.paragraphs(t.Ref, m.body, "en", tw); len(ref) > 0 {
		bs = append(bs, ts.textBlocks(ref, m, "en", alignCenter)...)
		bs = append(bs, space(m.gap))
	}
	bs = append(bs, ts.textBlocks(ts.paragraphs(t.Footer, m.small, lang, tw), m, lang, alignCenter)...)
	return append(bs, space(m.gap)), nil
}

// textBlocks makes one block per line, with a little leading below each.
func (ts *typesetter) textBlocks(lines []textLine, m metrics, lang string, a align) []block {
	bs := make([]block, len(lines))
	for i, tl := range lines {
		x := lineX(tl.width, m, lang, a)
		bs[i] = block{height: tl.ascent + tl.descent + tl.size/10, draw: func(dst *image.Gray, y int) {
			ts.drawLine(dst, tl, x, y, black)
		}}
	}
	return bs
}

// bandBlock sets text (a priority class) centred in white on a black band
// from margin to margin; nil if text is blank.
func (ts *typesetter) bandBlock(text string, m metrics, lang string) *block {
	pad := m.gap
	lines := ts.paragraphs(text, m.band, lang, m.textWidth()-2*pad)
	if len(lines) == 0 {
		return nil
	}
	h := 2 * pad
	for _, tl := range lines {
		h += tl.ascent + tl.descent
	}
	return &block{height: h, draw: func(dst *image.Gray, y int) {
		fillRect(dst, image.Rect(m.margin, y, m.width-m.margin, y+h))
		y += pad
		for _, tl := range lines {
			ts.drawLine(dst, tl, lineX(tl.width, m, lang, alignCenter), y, white)
			y += tl.ascent + tl.descent
		}
	}}
}

// lineX is where a line tl.width dots wide starts.
func lineX(width int, m metrics, lang string, a align) int {
	switch {
	case a == alignCenter:
		return m.margin + (m.textWidth()-width)/2
	case direction(lang) == di.DirectionRTL:
		return m.width - m.margin - width
	default:
		return m.margin
	}
}

// numberBlock sets the ticket number on one line, as large as fits, in a
// box exactly as tall as its ink.
func (ts *typesetter) numberBlock(number string, m metrics, lang string) []block {
	st := style{size: m.numberMax, bold: true}
	tl, ok := ts.line(number, st, lang)
	if ok && tl.width > m.textWidth() {
		st.size = st.size * m.textWidth() / tl.width
		tl, ok = ts.line(number, st, lang)
	}
	if !ok {
		return nil
	}
	tl.ascent, tl.descent = inkBounds(tl.runs)
	x := lineX(tl.width, m, lang, alignCenter)
	return []block{{height: tl.ascent + tl.descent, draw: func(dst *image.Gray, y int) {
		ts.drawLine(dst, tl, x, y, black)
	}}}
}

// line sets text on a single unwrapped line.
func (ts *typesetter) line(text string, st style, lang string) (textLine, bool) {
	lines := ts.paragraphs(text, st, lang, math.MaxInt32>>6)
	if len(lines) == 0 {
		return textLine{}, false
	}
	return lines[0], true
}

func space(h int) block { return block{height: h, draw: func(*image.Gray, int) {}} }

func ruleBlock(m metrics) block {
	return block{height: m.rule, draw: func(dst *image.Gray, y int) {
		fillRect(dst, image.Rect(m.margin, y, m.width-m.margin, y+m.rule))
	}}
}

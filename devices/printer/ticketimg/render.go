package ticketimg

import (
	"fmt"
	"image"
	"sync"

	"tabour/devices/printer"
)

// Widths of the common printer heads, in dots.
const (
	Width80mm = 576
	Width58mm = 384
)

// Widths Render accepts, in dots.
const (
	MinWidth = 256
	MaxWidth = 2048
)

// typesetters are reused: building faces and shaper caches costs more than
// a ticket.
var typesetters sync.Pool

func getTypesetter() (*typesetter, error) {
	if ts, ok := typesetters.Get().(*typesetter); ok {
		return ts, nil
	}
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	return newTypesetter(fs), nil
}

// Render draws t for a printer head widthDots wide. The image is widthDots
// wide and as tall as the ticket needs; every pixel is 0 (black) or 255.
func Render(t printer.Ticket, widthDots int) (*image.Gray, error) {
	all, _, err := renderTicket(t, widthDots, false)
	return all, err
}

// RenderSplit draws t without its QR code, for printers that draw the
// symbol themselves (ESC/POS GS ( k): above is everything before the QR,
// below everything after it. With t.QR empty, above is the whole ticket and
// below is nil.
func RenderSplit(t printer.Ticket, widthDots int) (above, below *image.Gray, err error) {
	return renderTicket(t, widthDots, true)
}

func renderTicket(t printer.Ticket, width int, split bool) (above, below *image.Gray, err error) {
	if width < MinWidth || width > MaxWidth {
		return nil, nil, fmt.Errorf("ticketimg: width %d dots outside [%d, %d]", width, MinWidth, MaxWidth)
	}
	ts, err := getTypesetter()
	if err != nil {
		return nil, nil, err
	}
	defer typesetters.Put(ts)
	bs, err := ts.layout(t, metricsFor(width))
	if err != nil {
		return nil, nil, err
	}
	if !split {
		return paint(bs, width), nil, nil
	}
	for i, b := range bs {
		if b.qr {
			return paint(bs[:i], width), paint(bs[i+1:], width), nil
		}
	}
	return paint(bs, width), nil, nil
}

// paint draws blocks one under the other; nil if they have no height.
func paint(bs []block, width int) *image.Gray {
	h := 0
	for _, b := range bs {
		h += b.height
	}
	if h <= 0 {
		return nil
	}
	img := blank(width, h)
	y := 0
	for _, b := range bs {
		b.draw(img, y)
		y += b.height
	}
	return img
}

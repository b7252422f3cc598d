package main

import (
	"errors"
	"fmt"
	"image"
	"image/color"

	"tabour/kiosk"
	"tabour/ui"
	"tabour/ui/i18n"
)

// checkTicket checks the ticket screen against a screenshot: the screen on
// the display, the header whole at the top, "Done" drawn in the primary
// colour where it is listed. It reports every problem it finds.
func (s *session) checkTicket(l layout, img *image.NRGBA, p i18n.Printer) error {
	if l.Screen != "ticket" {
		return fmt.Errorf("screen %q, want ticket", l.Screen)
	}
	errs := []error{s.checkFits(l)}
	if toggle, err := l.find(p.T("lang.toggle")); err != nil {
		errs = append(errs, err)
	} else {
		errs = append(errs, s.checkHeader(l, img, s.px(l, toggle.Rect)))
	}
	if done, err := l.find(p.T("ticket.done")); err != nil {
		errs = append(errs, err)
	} else {
		errs = append(errs, checkFill(img, s.px(l, done.Rect), ui.ColorPrimary))
	}
	return errors.Join(errs...)
}

// checkFits checks that the canvas is the display and that the screen's
// content and targets lie on it.
func (s *session) checkFits(l layout) error {
	var errs []error
	cw, ch := l.Canvas.W*l.Scale, l.Canvas.H*l.Scale
	switch {
	case cw > float32(s.w)+1 || ch > float32(s.h)+1:
		errs = append(errs, fmt.Errorf("%s screen: the window is %.0f×%.0f pixels on the %d×%d display: "+
			"the screen needs more room than the display, so the window grew past it", l.Screen, cw, ch, s.w, s.h))
	case cw < float32(s.w)-1 || ch < float32(s.h)-1:
		errs = append(errs, fmt.Errorf("%s screen: the window is %.0f×%.0f pixels on the %d×%d display: not fullscreen",
			l.Screen, cw, ch, s.w, s.h))
	}
	if !l.Canvas.Contains(l.Content) {
		errs = append(errs, fmt.Errorf("%s screen: its content %+v needs more than the %+v canvas", l.Screen, l.Content, l.Canvas))
	}
	for _, tg := range l.Targets {
		if !tg.Inside {
			errs = append(errs, fmt.Errorf("%s screen: target %q at %+v is off the %+v canvas", l.Screen, tg.Label, tg.Shown, l.Canvas))
		}
	}
	return errors.Join(errs...)
}

// checkHeader finds the header in the screenshot, the first band of rows
// mostly in the header colour, and checks that it starts at the top of
// the screen's content and holds the language toggle (at toggle, in
// screen pixels, as listed).
func (s *session) checkHeader(l layout, img *image.NRGBA, toggle image.Rectangle) error {
	top := int(l.Content.Y*l.Scale + 0.5)
	y0, y1 := -1, 0
	for y := 0; y < s.h/2; y++ {
		if share(img, y, ui.ColorHeader) < 0.4 {
			if y0 >= 0 {
				break
			}
			continue
		}
		if y0 < 0 {
			y0 = y
		}
		y1 = y + 1
	}
	switch {
	case y0 < 0:
		return errors.New("no header strip in the top half of the screen")
	case y0 > top+1:
		return fmt.Errorf("the header strip starts at y=%d, below the top of the screen's content (y=%d)", y0, top)
	case toggle.Min.Y < y0 || toggle.Max.Y > y1:
		return fmt.Errorf("the header strip is drawn at y=%d–%d, the language toggle is listed at y=%d–%d: the header is cut or moved",
			y0, y1, toggle.Min.Y, toggle.Max.Y)
	}
	return nil
}

// share is the share of row y's pixels that are c.
func share(img *image.NRGBA, y int, c color.NRGBA) float64 {
	b := img.Bounds()
	n := 0
	for x := b.Min.X; x < b.Max.X; x++ {
		if near(img.NRGBAAt(x, y), c) {
			n++
		}
	}
	return float64(n) / float64(b.Dx())
}

// checkFill checks that a tile listed at r is drawn there with fill c, at
// points just inside its edges: clear of its stroke, its rounded corners
// and a centred label.
func checkFill(img *image.NRGBA, r image.Rectangle, c color.NRGBA) error {
	if !r.In(img.Bounds()) {
		return fmt.Errorf("the target listed at %v is off the %v display", r, img.Bounds())
	}
	if r.Dx() < 40 || r.Dy() < 20 {
		return fmt.Errorf("the target listed at %v is too small for a tile", r)
	}
	const in = 6 // past the 2-pixel stroke
	var pts []image.Point
	for _, f := range []float64{0.25, 0.5, 0.75} {
		x := r.Min.X + int(f*float64(r.Dx()))
		y := r.Min.Y + int(f*float64(r.Dy()))
		pts = append(pts, image.Pt(x, r.Min.Y+in), image.Pt(x, r.Max.Y-1-in), image.Pt(r.Min.X+in, y), image.Pt(r.Max.X-1-in, y))
	}
	for _, pt := range pts {
		if got := img.NRGBAAt(pt.X, pt.Y); !near(got, c) {
			return fmt.Errorf("the target listed at %v has pixel %v in %v, not its fill %v: it is not drawn where it is listed", r, pt, got, c)
		}
	}
	return nil
}

func near(a, b color.NRGBA) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= 12 && d(a.G, b.G) <= 12 && d(a.B, b.B) <= 12
}

// px converts a rectangle of canvas units to screen pixels: fullscreen,
// the window is at the screen's origin.
func (s *session) px(l layout, r kiosk.Rect) image.Rectangle {
	f := func(v float32) int { return int(v*l.Scale + 0.5) }
	return image.Rect(f(r.X), f(r.Y), f(r.X+r.W), f(r.Y+r.H))
}

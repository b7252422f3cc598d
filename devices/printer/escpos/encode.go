package escpos

import (
	"fmt"
	"image"
	"image/draw"

	"tabour/devices/printer"
	"tabour/devices/printer/ticketimg"
)

// Job is the ESC/POS byte stream that prints one ticket, and the raster it
// carries.
type Job struct {
	Bytes []byte
	// Image is the raster sent: the whole ticket, or with NativeQR the parts
	// above and below the symbol the printer draws, stacked.
	Image *image.Gray
}

// Encode renders t and returns the job that prints it: ESC @, the raster
// as GS v 0 bands, (with NativeQR: ESC a 1, GS ( k, ESC a 0, the rest of
// the raster,) ESC d FeedLines and GS V. A nil o means DefaultOpts.
func Encode(t printer.Ticket, o *Opts) (Job, error) {
	opts, err := withDefaults(o)
	if err != nil {
		return Job{}, err
	}
	if opts.NativeQR && t.QR != "" {
		return encodeNativeQR(t, opts)
	}
	img, err := ticketimg.Render(t, opts.Width)
	if err != nil {
		return Job{}, fmt.Errorf("escpos: %w", err)
	}
	b := appendInit(make([]byte, 0, rasterSize(img)+64))
	b = AppendRaster(b, img, opts.BandHeight)
	return Job{Bytes: appendEnd(b, opts), Image: img}, nil
}

func encodeNativeQR(t printer.Ticket, opts Opts) (Job, error) {
	above, below, err := ticketimg.RenderSplit(t, opts.Width)
	if err != nil {
		return Job{}, fmt.Errorf("escpos: %w", err)
	}
	mod, err := ticketimg.QRModuleSize(t.QR, opts.Width)
	if err != nil {
		return Job{}, fmt.Errorf("escpos: %w", err)
	}
	b := appendInit(make([]byte, 0, rasterSize(above)+rasterSize(below)+len(t.QR)+128))
	b = AppendRaster(b, above, opts.BandHeight)
	b = appendAlign(b, 1)
	b = appendQR(b, t.QR, min(mod, 16))
	b = appendAlign(b, 0)
	if below != nil {
		b = AppendRaster(b, below, opts.BandHeight)
	}
	return Job{Bytes: appendEnd(b, opts), Image: stack(above, below)}, nil
}

// appendEnd feeds the ticket past the cutter and cuts.
func appendEnd(b []byte, opts Opts) []byte {
	if opts.FeedLines > 0 {
		b = appendFeed(b, opts.FeedLines)
	}
	return appendCut(b, opts.Cut)
}

func rasterSize(img *image.Gray) int {
	if img == nil {
		return 0
	}
	r := img.Bounds()
	return (r.Dx()+7)/8*r.Dy() + 8*(r.Dy()/64+1)
}

// stack puts b under a (b may be nil).
func stack(a, b *image.Gray) *image.Gray {
	if b == nil {
		return a
	}
	ra, rb := a.Bounds(), b.Bounds()
	img := image.NewGray(image.Rect(0, 0, max(ra.Dx(), rb.Dx()), ra.Dy()+rb.Dy()))
	draw.Draw(img, ra.Sub(ra.Min), a, ra.Min, draw.Src)
	draw.Draw(img, rb.Sub(rb.Min).Add(image.Pt(0, ra.Dy())), b, rb.Min, draw.Src)
	return img
}

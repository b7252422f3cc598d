package escpos

import (
	"fmt"
	"time"

	"tabour/devices/printer/ticketimg"
)

// CutMode is how the paper is cut after a ticket.
type CutMode int

// Cut modes.
const (
	CutPartial CutMode = iota // GS V 1: leaves a hinge, the ticket does not fall
	CutFull                   // GS V 0
	CutNone                   // no cutter: the citizen tears the ticket off
)

// Opts configures a Dev.
type Opts struct {
	// Width is the print head width in dots: 576 for 80 mm paper, 384 for
	// 58 mm.
	Width int
	// StatusTimeout is how long to wait for each DLE EOT answer before the
	// printer is taken as offline.
	StatusTimeout time.Duration
	// BandHeight is the number of raster rows sent per GS v 0 command
	// (1–2303). Printers with small buffers want small bands.
	BandHeight int
	// Cut is how the paper is cut after each ticket.
	Cut CutMode
	// FeedLines is the number of lines fed (ESC d n) after the ticket so its
	// end passes the cutter (0–255).
	FeedLines int
	// NativeQR makes the printer draw the QR code itself (GS ( k) instead of
	// receiving it in the raster. Off by default: not every printer has it.
	NativeQR bool
	// WriteTimeout bounds sending one ticket, where the link supports
	// deadlines (TCP, USB): a printer that stops taking data (paper out
	// mid-ticket) fails the print instead of hanging the kiosk. 0 means
	// only the context's deadline.
	WriteTimeout time.Duration
	// SkipStatus prints without asking the status first, for printers or
	// links that cannot answer DLE EOT. Status still asks.
	SkipStatus bool
	// Now is the clock the virtual printer names its files by; nil means
	// time.Now.
	Now func() time.Time
}

// DefaultOpts suits an 80 mm Epson-compatible printer with a cutter.
var DefaultOpts = Opts{
	Width:         ticketimg.Width80mm,
	StatusTimeout: 500 * time.Millisecond,
	BandHeight:    255,
	Cut:           CutPartial,
	FeedLines:     4,
	WriteTimeout:  30 * time.Second,
}

// withDefaults returns o, or DefaultOpts if o is nil, checked.
func withDefaults(o *Opts) (Opts, error) {
	if o == nil {
		return DefaultOpts, nil
	}
	c := *o
	switch {
	case c.Width < ticketimg.MinWidth || c.Width > ticketimg.MaxWidth:
		return c, fmt.Errorf("escpos: width %d dots outside [%d, %d]", c.Width, ticketimg.MinWidth, ticketimg.MaxWidth)
	case c.StatusTimeout <= 0:
		return c, fmt.Errorf("escpos: status timeout %v is not positive", c.StatusTimeout)
	case c.BandHeight < 1 || c.BandHeight > maxBand:
		return c, fmt.Errorf("escpos: band height %d outside [1, %d]", c.BandHeight, maxBand)
	case c.WriteTimeout < 0:
		return c, fmt.Errorf("escpos: write timeout %v is negative", c.WriteTimeout)
	case c.FeedLines < 0 || c.FeedLines > 255:
		return c, fmt.Errorf("escpos: feed %d lines outside [0, 255]", c.FeedLines)
	case c.Cut < CutPartial || c.Cut > CutNone:
		return c, fmt.Errorf("escpos: unknown cut mode %d", c.Cut)
	}
	return c, nil
}

func (o *Opts) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

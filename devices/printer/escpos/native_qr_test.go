package escpos_test

import (
	"testing"

	"tabour/devices/printer/escpostest"
)

// TestNativeQR prints with the printer drawing the QR (GS ( k): the symbol
// is asked for with the ticket's payload, level M and a fitted module, and
// once drawn where the printer draws it, reads back.
func TestNativeQR(t *testing.T) {
	for _, width := range []int{576, 384} {
		o := testOpts(width)
		o.NativeQR = true
		job := printAndDecode(t, escpostest.ArabicTicket, o)
		if len(job.QRs) != 1 {
			t.Fatalf("%d: %d QR symbols printed, want 1", width, len(job.QRs))
		}
		qr := job.QRs[0]
		if qr.Data != escpostest.ArabicTicket.QR || qr.Level != 'M' || qr.Model != 2 {
			t.Errorf("%d: QR %+v, want the ticket's payload, level M, model 2", width, qr)
		}
		if qr.Module < 4 || qr.Module > 16 {
			t.Errorf("%d: module %d dots, want 4–16 for ~40 %% of the width", width, qr.Module)
		}
		if got := readQR(t, job.Image); got != escpostest.ArabicTicket.QR {
			t.Errorf("%d: QR reads %q", width, got)
		}
		if job.Bands < 2 {
			t.Errorf("%d: %d bands, want raster above and below the symbol", width, job.Bands)
		}
	}
}

// TestNativeQRSameAsRaster checks the printer-drawn ticket has the same
// size as the rastered one: RenderSplit left exactly the symbol's room.
func TestNativeQRSameAsRaster(t *testing.T) {
	o := testOpts(576)
	raster := printAndDecode(t, escpostest.EnglishTicket, o)
	o.NativeQR = true
	native := printAndDecode(t, escpostest.EnglishTicket, o)
	if raster.Image.Bounds() != native.Image.Bounds() {
		t.Errorf("native QR ticket %v, raster ticket %v", native.Image.Bounds(), raster.Image.Bounds())
	}
}

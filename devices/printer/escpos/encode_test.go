package escpos_test

import (
	"bytes"
	"errors"
	"image"
	"strings"
	"testing"

	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
	"tabour/devices/printer/ticketimg"
)

// TestAppendRaster checks GS v 0 byte for byte: width in bytes, rows per
// band, MSB = leftmost dot, 1 = black, the last byte of a row padded white.
func TestAppendRaster(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 10, 3))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for x := range 10 {
		img.Pix[x] = 0 // row 0 black
	}
	img.Pix[10], img.Pix[19] = 0, 0x7f // row 1: first and last dot black
	got := escpos.AppendRaster(nil, img, 2)
	want := []byte{
		0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xff, 0xc0, 0x80, 0x40,
		0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00,
	}
	if !bytes.Equal(got, want) {
		t.Errorf("AppendRaster\n got % x\nwant % x", got, want)
	}
}

// TestEncodeFrame checks the bytes around the raster for each cut mode
// and feed.
func TestEncodeFrame(t *testing.T) {
	for _, c := range []struct {
		cut  escpos.CutMode
		feed int
		end  []byte
	}{
		{escpos.CutPartial, 4, []byte{0x1b, 'd', 4, 0x1d, 'V', 1}},
		{escpos.CutFull, 6, []byte{0x1b, 'd', 6, 0x1d, 'V', 0}},
		{escpos.CutNone, 0, nil},
	} {
		o := escpos.DefaultOpts
		o.Cut, o.FeedLines = c.cut, c.feed
		job, err := escpos.Encode(escpostest.EnglishTicket, &o)
		if err != nil {
			t.Fatal(err)
		}
		raster := escpos.AppendRaster([]byte{0x1b, '@'}, job.Image, o.BandHeight)
		if want := append(raster, c.end...); !bytes.Equal(job.Bytes, want) {
			t.Errorf("cut %v feed %d: job of %d bytes ends % x, want % x", c.cut, c.feed,
				len(job.Bytes), job.Bytes[len(job.Bytes)-8:], want[len(want)-8:])
		}
	}
}

// TestEncodeNativeQRBytes checks the GS ( k sequence byte for byte.
func TestEncodeNativeQRBytes(t *testing.T) {
	o := escpos.DefaultOpts
	o.NativeQR = true
	tk := escpostest.ArabicTicket
	job, err := escpos.Encode(tk, &o)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := ticketimg.QRModuleSize(tk.QR, o.Width)
	if err != nil {
		t.Fatal(err)
	}
	n := len(tk.QR) + 3
	var want []byte
	want = append(want, 0x1b, 'a', 1)
	want = append(want, 0x1d, '(', 'k', 4, 0, 49, 65, 50, 0)
	want = append(want, 0x1d, '(', 'k', 3, 0, 49, 67, byte(mod))
	want = append(want, 0x1d, '(', 'k', 3, 0, 49, 69, 49)
	want = append(want, 0x1d, '(', 'k', byte(n), byte(n>>8), 49, 80, 48)
	want = append(want, tk.QR...)
	want = append(want, 0x1d, '(', 'k', 3, 0, 49, 81, 48)
	want = append(want, 0x1b, 'a', 0)
	if !bytes.Contains(job.Bytes, want) {
		t.Errorf("job has no native QR sequence % x", want)
	}
}

// TestBandHeight: the raster is cut into ⌈rows / BandHeight⌉ GS v 0.
func TestBandHeight(t *testing.T) {
	for _, band := range []int{1, 64, 255, 1024, 2303} {
		o := escpos.DefaultOpts
		o.BandHeight = band
		job, err := escpos.Encode(escpostest.EnglishTicket, &o)
		if err != nil {
			t.Fatal(err)
		}
		dec, err := escpostest.Decode(job.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		h := job.Image.Bounds().Dy()
		if want := (h + band - 1) / band; dec.Bands != want {
			t.Errorf("band %d: %d GS v 0 for %d rows, want %d", band, dec.Bands, h, want)
		}
		if diffPixels(dec.Image, job.Image) != 0 {
			t.Errorf("band %d: decoded raster differs from the encoded one", band)
		}
	}
}

func TestBadOpts(t *testing.T) {
	for name, change := range map[string]func(*escpos.Opts){
		"narrow":     func(o *escpos.Opts) { o.Width = 100 },
		"no timeout": func(o *escpos.Opts) { o.StatusTimeout = 0 },
		"band 0":     func(o *escpos.Opts) { o.BandHeight = 0 },
		"band 2304":  func(o *escpos.Opts) { o.BandHeight = 2304 },
		"feed 256":   func(o *escpos.Opts) { o.FeedLines = 256 },
		"cut 9":      func(o *escpos.Opts) { o.Cut = 9 },
	} {
		o := escpos.DefaultOpts
		change(&o)
		if _, err := escpos.New(escpostest.NewConn(escpostest.Online), &o); err == nil || !strings.HasPrefix(err.Error(), "escpos: ") {
			t.Errorf("%s: New error %v, want an escpos: error", name, err)
		}
	}
	if _, err := escpos.New(nil, nil); err == nil {
		t.Error("New(nil) succeeded")
	}
}

// TestBadTicket: a ticket that cannot be drawn is a plain error, not a
// printer state, and nothing is sent.
func TestBadTicket(t *testing.T) {
	dev, conn := newDev(t, escpostest.Online, testOpts(576))
	tk := escpostest.EnglishTicket
	tk.QR = strings.Repeat("x", 3000) // more than a version 40 symbol holds
	err := dev.Print(ctxT(t), tk)
	if err == nil || errors.Is(err, printer.ErrCannotPrint) || len(conn.Data()) != 0 {
		t.Errorf("Print: %v, %d bytes sent; want a render error and nothing sent", err, len(conn.Data()))
	}
}

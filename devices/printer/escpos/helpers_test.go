package escpos_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
)

// testOpts are DefaultOpts with a short status timeout, so silent-printer
// tests are quick.
func testOpts(width int) *escpos.Opts {
	o := escpos.DefaultOpts
	o.Width = width
	o.StatusTimeout = 50 * time.Millisecond
	return &o
}

// newDev returns a Dev on a fake link that answers like r.
func newDev(t *testing.T, r escpostest.Replies, o *escpos.Opts) (*escpos.Dev, *escpostest.Conn) {
	t.Helper()
	conn := escpostest.NewConn(r)
	t.Cleanup(func() { conn.Close() })
	dev, err := escpos.New(conn, o)
	if err != nil {
		t.Fatal(err)
	}
	return dev, conn
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// readQR decodes the one QR symbol in img.
func readQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("read QR: %v", err)
	}
	return res.GetText()
}

func readPNG(t *testing.T, name string) *image.Gray {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g, ok := img.(*image.Gray)
	if !ok {
		t.Fatalf("%s: %T, want a grey PNG", name, img)
	}
	return g
}

func writePNG(t *testing.T, name string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// diffPixels counts the pixels that differ; sizes must match.
func diffPixels(a, b *image.Gray) int {
	if a.Bounds() != b.Bounds() {
		return -1
	}
	n := 0
	for y := a.Rect.Min.Y; y < a.Rect.Max.Y; y++ {
		for x := a.Rect.Min.X; x < a.Rect.Max.X; x++ {
			if a.GrayAt(x, y) != b.GrayAt(x, y) {
				n++
			}
		}
	}
	return n
}

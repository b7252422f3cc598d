package ticketimg_test

import (
	"fmt"
	"image"
	"strings"
	"sync"
	"testing"

	"tabour/devices/printer"
	"tabour/devices/printer/escpostest"
	"tabour/devices/printer/ticketimg"
)

var tickets = map[string]printer.Ticket{"ar": escpostest.ArabicTicket, "en": escpostest.EnglishTicket}

// inkBox is the smallest rectangle holding every black pixel.
func inkBox(img *image.Gray) image.Rectangle {
	var box image.Rectangle
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.GrayAt(x, y).Y == 0 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

func render(t *testing.T, tk printer.Ticket, width int) *image.Gray {
	t.Helper()
	img, err := ticketimg.Render(tk, width)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestRender: the raster is the head's width, pure black and white, short,
// and its ink stays off the edges (nothing clipped).
func TestRender(t *testing.T) {
	for lang, tk := range tickets {
		for _, width := range []int{576, 512, 384} {
			img := render(t, tk, width)
			r := img.Bounds()
			if r.Dx() != width {
				t.Errorf("%s/%d: %d dots wide", lang, width, r.Dx())
			}
			if mm := r.Dy() / 8; mm > 100 {
				t.Errorf("%s/%d: %d mm long, want at most 100", lang, width, mm)
			}
			for _, p := range img.Pix {
				if p != 0 && p != 0xff {
					t.Fatalf("%s/%d: grey pixel %d", lang, width, p)
				}
			}
			if ink := inkBox(img); !ink.In(r.Inset(2)) {
				t.Errorf("%s/%d: ink %v touches the edge of %v", lang, width, ink, r)
			}
		}
	}
}

// TestAlignment: Arabic lines end on the right margin, English ones start
// on the left.
func TestAlignment(t *testing.T) {
	for _, c := range []struct {
		tk          printer.Ticket
		left, right bool // ink near that margin
	}{
		{printer.Ticket{Lang: "ar", Counter: "توجه إلى الشباك ١"}, false, true},
		{printer.Ticket{Lang: "en", Counter: "Go to window 1"}, true, false},
		{printer.Ticket{Lang: "en", Footer: "Go to window 1"}, false, false}, // centred
	} {
		ink := inkBox(render(t, c.tk, 576))
		if left, right := ink.Min.X < 20, ink.Max.X > 556; left != c.left || right != c.right {
			t.Errorf("%q: ink spans x %d–%d", c.tk.Counter+c.tk.Footer, ink.Min.X, ink.Max.X)
		}
	}
}

// TestNumber: the number is large (across the hall), and a long one shrinks
// to fit instead of being clipped.
func TestNumber(t *testing.T) {
	for _, width := range []int{576, 384} {
		ink := inkBox(render(t, printer.Ticket{Lang: "ar", Number: "A023"}, width))
		if ink.Dy() < width/5 {
			t.Errorf("%d: number %d dots tall, want at least %d", width, ink.Dy(), width/5)
		}
		long := inkBox(render(t, printer.Ticket{Lang: "en", Number: "BLD-PERMIT-1023"}, width))
		if long.Min.X < 4 || long.Max.X > width-4 {
			t.Errorf("%d: long number ink %v reaches the edge", width, long)
		}
	}
}

// TestRenderSplit: the parts around the QR are the ticket without the
// symbol.
func TestRenderSplit(t *testing.T) {
	tk := escpostest.ArabicTicket
	full := render(t, tk, 576)
	above, below, err := ticketimg.RenderSplit(tk, 576)
	if err != nil {
		t.Fatal(err)
	}
	mod, _ := ticketimg.QRModuleSize(tk.QR, 576)
	if got, want := above.Bounds().Dy()+below.Bounds().Dy(), full.Bounds().Dy()-29*mod; got != want {
		t.Errorf("split parts %d rows, want %d (ticket less a 29-module symbol of %d dots)", got, want, mod)
	}
	tk.QR = ""
	if _, below, _ := ticketimg.RenderSplit(tk, 576); below != nil {
		t.Error("no QR but a part below it")
	}
}

func TestRenderErrors(t *testing.T) {
	for _, w := range []int{0, 255, 4096} {
		if _, err := ticketimg.Render(escpostest.EnglishTicket, w); err == nil {
			t.Errorf("width %d accepted", w)
		}
	}
	tk := escpostest.EnglishTicket
	tk.QR = strings.Repeat("9", 8000)
	if _, err := ticketimg.Render(tk, 576); err == nil || !strings.HasPrefix(err.Error(), "ticketimg: qr: ") {
		t.Errorf("oversized QR: %v", err)
	}
	if img, err := ticketimg.Render(printer.Ticket{}, 384); err != nil || img.Bounds().Dy() > 40 {
		t.Errorf("empty ticket: %v, %v", img.Bounds(), err)
	}
}

// TestConcurrentRender: Render is safe from many goroutines and
// deterministic.
func TestConcurrentRender(t *testing.T) {
	want := render(t, escpostest.ArabicTicket, 576)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			img, err := ticketimg.Render(escpostest.ArabicTicket, 576)
			if err == nil && string(img.Pix) != string(want.Pix) {
				err = fmt.Errorf("different raster")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkRender draws the full Arabic ticket for 80 mm paper. Goal:
// under 10 ms.
func BenchmarkRender(b *testing.B) {
	for _, width := range []int{576, 384} {
		b.Run(fmt.Sprint(width), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ticketimg.Render(escpostest.ArabicTicket, width); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package ticketimg_test

import (
	"fmt"
	"image"
	"maps"
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

// priorityTickets are the sample tickets of a senior citizen, with the
// kiosk's full "where to go" sentence and the reference under the QR.
var priorityTickets = map[string]printer.Ticket{
	"ar-priority": withPriority(escpostest.ArabicTicket, "انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك ٣", "أولوية: كبار السن"),
	"en-priority": withPriority(escpostest.EnglishTicket, "Wait for your number on the screen, then go to window 3", "Priority: senior citizen"),
}

func withPriority(t printer.Ticket, counter, priority string) printer.Ticket {
	t.Counter, t.Priority, t.Ref = counter, priority, "20261122-A023"
	return t
}

// TestRender: the raster is the head's width, pure black and white, short
// (at most 100 mm; 120 with a priority band, a two-line counter sentence
// and the reference), and its ink stays off the edges (nothing clipped).
func TestRender(t *testing.T) {
	all := map[string]printer.Ticket{}
	maps.Copy(all, tickets)
	maps.Copy(all, priorityTickets)
	for lang, tk := range all {
		for _, width := range []int{576, 512, 384} {
			img := render(t, tk, width)
			r := img.Bounds()
			if r.Dx() != width {
				t.Errorf("%s/%d: %d dots wide", lang, width, r.Dx())
			}
			if mm, most := r.Dy()/8, map[bool]int{false: 100, true: 120}[tk.Priority != ""]; mm > most {
				t.Errorf("%s/%d: %d mm long, want at most %d", lang, width, mm, most)
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

// blackRuns lists the runs of consecutive rows that are black from margin
// to margin, as [first, end) pairs.
func blackRuns(img *image.Gray) [][2]int {
	w := img.Bounds().Dx()
	m := w/72 + 1
	var runs [][2]int
	for y := range img.Bounds().Dy() {
		full := true
		for x := m; x < w-m && full; x++ {
			full = img.GrayAt(x, y).Y == 0
		}
		switch {
		case full && len(runs) > 0 && runs[len(runs)-1][1] == y:
			runs[len(runs)-1][1] = y + 1
		case full:
			runs = append(runs, [2]int{y, y + 1})
		}
	}
	return runs
}

// TestPriorityBand: a priority ticket has a black band with the class in
// white under the number; an ordinary ticket has only the rule under the
// header.
func TestPriorityBand(t *testing.T) {
	for lang, tk := range tickets {
		for _, width := range []int{576, 384} {
			if runs := blackRuns(render(t, tk, width)); len(runs) != 1 || runs[0][1]-runs[0][0] > 3 {
				t.Errorf("%s/%d ordinary: full black rows %v, want only the rule", lang, width, runs)
			}
			tk.Priority = map[string]string{"ar": "أولوية: كبار السن", "en": "Priority: senior citizen"}[lang]
			img := render(t, tk, width)
			runs := blackRuns(img)
			if len(runs) < 3 || runs[1][1]-runs[1][0] < 6 {
				t.Fatalf("%s/%d priority: full black rows %v, want the rule and a band", lang, width, runs)
			}
			band := image.Rect(width/72+1, runs[1][0], width-width/72-1, runs[len(runs)-1][1])
			number := inkBox(img.SubImage(image.Rect(0, runs[0][1], width, band.Min.Y)).(*image.Gray))
			if number.Dy() < width/5 || number.Max.Y >= band.Min.Y {
				t.Errorf("%s/%d priority: band %v is not right under the number %v", lang, width, band, number)
			}
			white := 0
			for y := band.Min.Y; y < band.Max.Y; y++ {
				for x := band.Min.X; x < band.Max.X; x++ {
					if img.GrayAt(x, y).Y != 0 {
						white++
					}
				}
			}
			if white < 500 {
				t.Errorf("%s/%d priority: %d white dots in the band %v, want the class written in it", lang, width, white, band)
			}
			tk.Priority = ""
		}
	}
}

// TestRefUnderQR: the reference is printed centred after the QR code, and
// left to right in an Arabic ticket as in an English one.
func TestRefUnderQR(t *testing.T) {
	for _, width := range []int{576, 384} {
		ar := render(t, printer.Ticket{Lang: "ar", Ref: "20261122-A023"}, width)
		en := render(t, printer.Ticket{Lang: "en", Ref: "20261122-A023"}, width)
		if string(ar.Pix) != string(en.Pix) {
			t.Errorf("%d: the reference differs between an Arabic and an English ticket", width)
		}
		ink := inkBox(ar)
		if d := ink.Min.X - (width - ink.Max.X); d < -2 || d > 2 || ink.Dx() < width/4 {
			t.Errorf("%d: reference ink %v not centred or too small", width, ink)
		}
		tk := escpostest.ArabicTicket
		_, before, _ := ticketimg.RenderSplit(tk, width)
		tk.Ref = "20261122-A023"
		_, after, _ := ticketimg.RenderSplit(tk, width)
		if grow := after.Bounds().Dy() - before.Bounds().Dy(); grow < ink.Dy() {
			t.Errorf("%d: the part below the QR grew %d rows for a reference %d rows tall", width, grow, ink.Dy())
		}
	}
}

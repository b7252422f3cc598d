package kiosk_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/kiosk/flow"
	"tabour/lang"
	"tabour/queue"
	"tabour/ui"
)

// moreServices adds twelve services to the building category, so that its
// list is longer than any screen.
func moreServices(c *config.Catalog) {
	base, _ := c.Service("BLD-PERMIT")
	for i := 1; i <= 12; i++ {
		s := base
		s.Code, s.Prefix = fmt.Sprintf("EXTRA-%02d", i), fmt.Sprintf("X%c", 'A'+i)
		s.Name = lang.Text{AR: fmt.Sprintf("خدمة إضافية رقم %d", i), EN: fmt.Sprintf("Extra service number %d", i)}
		c.Services = append(c.Services, s)
	}
}

// dragUntil drags the content under from upwards by a finger's stroke at a
// time until ok holds, and reports how many strokes it took (0: never).
func dragUntil(w fyne.Window, from fyne.Position, ok func() bool) int {
	for i := 1; i <= 40; i++ {
		test.Drag(w.Canvas(), from, 0, -120)
		if ok() {
			return i
		}
	}
	return 0
}

func bottom(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y + o.Size().Height
}

func top(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y
}

// TestDragScrollsLongLists drags a long service list and a long document
// list with the pointer, as a finger does on a touchscreen (no wheel),
// and sees and taps the last item.
func TestDragScrollsLongLists(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.Theme{})
	u, w, clk := newKioskWith(t, setup{lang: lang.EN, size: fyne.NewSize(1280, 800), printer: nil, catalog: moreServices})
	u.SetRunner(nil)
	f := u.Flow()
	f.ChoosePurpose(queue.KindSubmit)
	f.ChooseCategory("building")
	u.Refresh()

	last, back := find(w.Content(), "Extra service number 12"), find(w.Content(), "Back")
	if last == nil || back == nil {
		t.Fatal("no last service or no back button on the services screen")
	}
	if bottom(last) <= top(back) {
		t.Fatal("the list fits on the screen: the test needs a longer one")
	}
	first := find(w.Content(), "Building works permit")
	from := fyne.CurrentApp().Driver().AbsolutePositionForObject(first).Add(fyne.NewPos(20, 20))
	n := dragUntil(w, from, func() bool { return bottom(last) <= top(back) })
	if n == 0 {
		t.Fatal("dragging never brought the last service into view")
	}
	t.Logf("the last of %d services is in view after %d strokes", len(f.Services()), n)
	clk.t = clk.t.Add(55 * time.Second) // reading the list: dragging is activity, not idleness
	test.Drag(w.Canvas(), from, 0, 40)
	if _, warn := f.IdleLeft(); warn {
		t.Fatal("a citizen dragging a list is warned as idle")
	}
	test.Tap(last)
	if f.Screen() != flow.Service || f.Service().Code != "EXTRA-12" {
		t.Fatalf("tap on the last service: screen %s, service %s", f.Screen(), f.Service().Code)
	}
	u.Refresh()

	// The documents of a permit, in English, are longer than their panel.
	f.Back()
	f.ChooseService("BLD-PERMIT")
	u.Refresh()
	docs := f.Service().Documents
	lastDoc := lastText(w.Content(), "• "+docs[len(docs)-1].EN)
	get := find(w.Content(), "Get a ticket")
	if lastDoc == nil || get == nil {
		t.Fatal("no last document or no get-ticket button")
	}
	if bottom(lastDoc) <= top(get) {
		t.Fatal("the documents fit: the test needs a longer list")
	}
	from = fyne.CurrentApp().Driver().AbsolutePositionForObject(firstText(w.Content(), "• ")).Add(fyne.NewPos(20, 10))
	if n := dragUntil(w, from, func() bool { return bottom(lastDoc) <= top(get) }); n == 0 {
		t.Fatal("dragging never brought the last document into view")
	} else {
		t.Logf("the last of %d documents is in view after %d strokes", len(docs), n)
	}
}

func lastText(root fyne.CanvasObject, s string) *ui.Text {
	var found *ui.Text
	walk(root, func(o fyne.CanvasObject) {
		if t, ok := o.(*ui.Text); ok && t.Text == s {
			found = t
		}
	})
	return found
}

func firstText(root fyne.CanvasObject, prefix string) *ui.Text {
	var found *ui.Text
	walk(root, func(o fyne.CanvasObject) {
		if t, ok := o.(*ui.Text); ok && found == nil && strings.HasPrefix(t.Text, prefix) {
			found = t
		}
	})
	return found
}

// hungPrinter takes a ticket and answers nothing for 30 s, unless the
// kiosk gives up first.
type hungPrinter struct{ printing atomic.Int32 }

func (p *hungPrinter) Print(ctx context.Context, _ printer.Ticket) error {
	p.printing.Add(1)
	defer p.printing.Add(-1)
	select {
	case <-ctx.Done():
		return &printer.Error{State: printer.Offline, Err: ctx.Err()}
	case <-time.After(30 * time.Second):
		return nil
	}
}

func (p *hungPrinter) Status(ctx context.Context) (printer.Status, error) {
	<-ctx.Done()
	return printer.Status{}, ctx.Err()
}

// TestTapsNeverWaitOnThePrinter taps through the kiosk with a printer that
// hangs: every tap returns at once (the work runs on other goroutines and
// comes back through the runner), the screen says "printing…" meanwhile,
// and when the kiosk gives up the ticket is on screen with its QR code.
func TestTapsNeverWaitOnThePrinter(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.Theme{})
	prn := &hungPrinter{}
	u, w, _ := newKioskWith(t, setup{lang: lang.EN, size: fyne.NewSize(1280, 800), printer: prn, printTimeout: 2 * time.Second})
	jobs := make(chan func(), 16)
	u.SetRunner(func(fn func()) { jobs <- fn })
	f := u.Flow()
	var taps []time.Duration
	tap := func(label string) {
		t.Helper()
		tile := find(w.Content(), label)
		if tile == nil {
			t.Fatalf("no %q on screen %s", label, f.Screen())
		}
		start := time.Now()
		test.Tap(tile)
		taps = append(taps, time.Since(start))
	}
	settle := func(what string) { // the UI goroutine applies one finished job
		t.Helper()
		select {
		case fn := <-jobs:
			fn()
		case <-time.After(20 * time.Second):
			t.Fatalf("%s never finished", what)
		}
	}

	tap("Building works permit")
	if f.Screen() != flow.Service {
		t.Fatal(f.Screen())
	}
	settle("the wait estimate")
	tap("Get a ticket")
	tap("Print my ticket")
	if f.Busy() != flow.Issuing || !slices.Contains(texts(w.Content()), "Issuing your ticket…") {
		t.Fatalf("after the print tap: busy %q on %s", f.Busy(), f.Screen())
	}
	f.ConfirmTap() // a second tap while issuing (the button is gone): nothing happens
	settle("issuing")
	select {
	case <-jobs:
		t.Fatal("a second tap while issuing started a second ticket")
	default:
	}
	if f.Screen() != flow.Ticket || !f.Issued().Printing || prn.printing.Load() != 1 {
		t.Fatalf("after issuing: %s, printing %v", f.Screen(), f.Issued() != nil && f.Issued().Printing)
	}
	if !slices.Contains(texts(w.Content()), "Printing your ticket…") || qrOnScreen(w) == nil {
		t.Fatal("the ticket screen shows no progress or no QR code while printing")
	}
	tap("العربية") // the printer still hangs: the screen answers
	if prn.printing.Load() != 1 {
		t.Fatal("the printer was not busy during the taps")
	}
	settle("the print") // given up after PrintTimeout
	if iss := f.Issued(); iss == nil || iss.Printing || iss.PrintErr == nil || qrOnScreen(w) == nil {
		t.Fatal("after the print gave up: no ticket, no error or no QR on screen")
	}
	if !slices.ContainsFunc(texts(w.Content()), func(s string) bool { return strings.Contains(s, "QR") }) {
		t.Fatal("the screen does not say to photograph the QR code")
	}
	tap("تم")
	if f.Screen() != flow.Home {
		t.Fatal(f.Screen())
	}
	slices.Sort(taps)
	t.Logf("%d taps with the printer hung: median %v, slowest %v", len(taps), taps[len(taps)/2], taps[len(taps)-1])
}

func qrOnScreen(w fyne.Window) *canvas.Image {
	var img *canvas.Image
	walk(w.Content(), func(o fyne.CanvasObject) {
		if i, ok := o.(*canvas.Image); ok && i.Image != nil {
			img = i
		}
	})
	return img
}

// BenchmarkTapWhilePrinting times a tap (the language toggle, which redraws
// the whole ticket screen) while the printer hangs, next to its floor: a
// bare redraw of the same screen. A tap costs a redraw and nothing more.
func BenchmarkTapWhilePrinting(b *testing.B) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(ui.Theme{})
	u, w, _ := newKioskWith(b, setup{lang: lang.AR, size: fyne.NewSize(1280, 800), printer: &hungPrinter{}, printTimeout: time.Minute})
	jobs := make(chan func(), 16)
	u.SetRunner(func(fn func()) { jobs <- fn })
	f := u.Flow()
	f.ChooseService("BLD-PERMIT")
	(<-jobs)() // the estimate
	f.GetTicket()
	f.ConfirmTap()
	(<-jobs)() // issued: the ticket is on screen, printing
	if f.Screen() != flow.Ticket || !f.Issued().Printing {
		b.Fatal(f.Screen())
	}
	var taps, redraws []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		test.Tap(find(w.Content(), map[lang.Lang]string{lang.AR: "English", lang.EN: "العربية"}[f.Lang()]))
		taps = append(taps, time.Since(start))
		start = time.Now()
		u.Refresh()
		redraws = append(redraws, time.Since(start))
	}
	b.StopTimer()
	pct := func(d []time.Duration, p int) float64 {
		slices.Sort(d)
		return float64(d[(len(d)-1)*p/100].Microseconds())
	}
	b.ReportMetric(pct(taps, 50), "tap-p50-µs")
	b.ReportMetric(pct(taps, 99), "tap-p99-µs")
	b.ReportMetric(pct(redraws, 50), "redraw-p50-µs")
	b.ReportMetric(pct(redraws, 99), "redraw-p99-µs")
}

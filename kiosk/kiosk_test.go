package kiosk_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	_ "github.com/mattn/go-sqlite3"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/devices/printer/printertest"
	goldenimg "tabour/internal/golden"
	"tabour/kiosk"
	"tabour/kiosk/flow"
	"tabour/lang"
	"tabour/queue"
	"tabour/ui"
)

var update = flag.Bool("update", false, "rewrite the golden screenshots")

type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { return c.t }

type bookings struct{ at time.Time }

func (b bookings) Find(_ context.Context, ref string) (flow.Booking, bool, error) {
	return flow.Booking{Service: "RECON-REQ", At: b.at}, ref == "4711", nil
}

type answers struct{}

func (answers) Inquire(_ context.Context, app string) (flow.InquiryAnswer, error) {
	return flow.InquiryAnswer{Found: true,
		Status: lang.Text{AR: "طلب الترخيص رقم " + app + " قيد المراجعة الهندسية", EN: "Permit application " + app + " is under engineering review"},
		Next:   lang.Text{AR: "سيصلك إشعار عند صدور القرار خلال ١٠ أيام عمل", EN: "You will be notified of the decision within 10 working days"}}, nil
}

type noSMS struct{}

func (noSMS) Seal(string) (string, error) { return "", nil }

func (noSMS) Keep(context.Context, queue.Ticket, string) error { return nil }

var cairo, _ = time.LoadLocation("Africa/Cairo")

// newKiosk builds a kiosk on a real queue database with a few tickets
// already waiting, at a fixed time.
func newKiosk(t *testing.T, lang lang.Lang, size fyne.Size) (*kiosk.UI, *printertest.Printer, fyne.Window, *fixedClock) {
	prn := printertest.New()
	u, w, clk := newKioskWith(t, setup{lang: lang, size: size, printer: prn})
	u.SetRunner(nil) // device and database calls inline: each step is drawn once it is done
	return u, prn, w, clk
}

// setup varies the test kiosk.
type setup struct {
	lang         lang.Lang
	size         fyne.Size
	printer      printer.Printer
	catalog      func(*config.Catalog) // changes the default catalog
	printTimeout time.Duration
}

func newKioskWith(t testing.TB, s setup) (*kiosk.UI, fyne.Window, *fixedClock) {
	t.Helper()
	ctx := context.Background()
	cfg := config.Default()
	cat, _ := cfg.Catalog()
	if s.catalog != nil {
		s.catalog(&cat)
	}
	clk := &fixedClock{time.Date(2026, 11, 22, 10, 0, 0, 0, cairo)}
	opts, _ := cfg.QueueOptions()
	opts.Clock = clk
	eng, err := queue.Open(ctx, filepath.Join(t.TempDir(), "tabour.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if err := eng.SyncCatalog(ctx, cat.Services, cfg.QueueCounters()); err != nil {
		t.Fatal(err)
	}
	for _, c := range cfg.QueueCounters() {
		_ = eng.SetCounterState(ctx, c.Number, queue.CounterOpen, "")
	}
	for range 4 { // issued over the last quarter of an hour: the screens are drawn at 10:15
		if _, err := eng.Issue(ctx, queue.IssueRequest{Service: "BLD-PERMIT"}); err != nil {
			t.Fatal(err)
		}
		clk.t = clk.t.Add(15 * time.Minute / 4)
	}
	f := flow.New(flow.Options{
		Center:   cfg.Center.Name,
		Language: s.lang, ArabicDigits: true, IdleTimeout: time.Minute, PrintTimeout: s.printTimeout,
		TicketBaseURL: "https://tabour.example/t/", NIDKey: []byte("0123456789abcdef0123456789abcdef"),
		ElderlyAge: 65, PriorityEvery: 3, AdminPIN: "2468", Location: cairo,
		Common:    []string{"BLD-PERMIT", "RECON-REQ", "SHOP-LICENCE", "COLLECT"},
		ApptEarly: 15 * time.Minute, ApptLate: 10 * time.Minute,
	}, flow.Deps{Engine: eng, Printer: s.printer, Catalog: cat, Clock: clk,
		Appointments: bookings{clk.t.Add(5 * time.Minute)}, SMS: noSMS{}, Inquirer: answers{}})
	w := test.NewWindow(nil)
	w.SetPadded(false)
	w.Resize(s.size)
	t.Cleanup(w.Close)
	return kiosk.New(w, f), w, clk
}

// golden compares the window with testdata/<name>.png.
func golden(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	goldenimg.Check(t, w.Canvas().Capture(), name, *update, "./kiosk")
}

// step is one screen of the tour: how to get there from the previous one.
type step struct {
	name string
	do   func(f *flow.Flow, p *printertest.Printer, c *fixedClock)
}

type none = printertest.Printer

var tour = []step{
	{"home", func(*flow.Flow, *none, *fixedClock) {}},
	{"home_printer_out", func(f *flow.Flow, _ *none, _ *fixedClock) {
		f.SetPrinter(printer.Status{State: printer.PaperOut})
	}},
	{"categories", func(f *flow.Flow, _ *none, _ *fixedClock) {
		f.SetPrinter(printer.Status{State: printer.OK})
		f.ChoosePurpose(queue.KindSubmit)
	}},
	{"services", func(f *flow.Flow, _ *none, _ *fixedClock) { f.ChooseCategory("building") }},
	{"service", func(f *flow.Flow, _ *none, _ *fixedClock) { f.ChooseService("BLD-PERMIT") }},
	{"national_id", func(f *flow.Flow, _ *none, _ *fixedClock) { f.AddDetails(); typeDigits(f, "2900101") }},
	{"national_id_error", func(f *flow.Flow, _ *none, _ *fixedClock) { typeDigits(f, "99"); f.Next() }},
	{"priority", func(f *flow.Flow, _ *none, _ *fixedClock) { f.Clear(); typeDigits(f, "29001010123452"); f.Next() }},
	{"mobile", func(f *flow.Flow, _ *none, _ *fixedClock) { f.ChoosePriority(queue.PriorityNone) }},
	{"confirm", func(f *flow.Flow, _ *none, _ *fixedClock) { typeDigits(f, "01012345678"); f.Next() }},
	{"ticket", func(f *flow.Flow, _ *none, _ *fixedClock) { f.ConfirmTap() }},
	{"ticket_leaving", func(f *flow.Flow, _ *none, c *fixedClock) { c.t = c.t.Add(14 * time.Second) }},
	{"ticket_printer_down", func(f *flow.Flow, p *none, _ *fixedClock) {
		f.Done()
		p.SetState(printer.PaperOut)
		f.ChooseService("SHOP-LICENCE")
		f.GetTicket()
		f.ConfirmTap()
	}},
	{"senior_confirm", func(f *flow.Flow, p *none, _ *fixedClock) {
		f.Done()
		p.SetState(printer.OK)
		f.ChooseService("RECON-REQ")
		f.AddDetails()
		typeDigits(f, "25001010123459") // born 1950
		f.Next()
		f.Next() // no text message
	}},
	{"senior_ticket", func(f *flow.Flow, _ *none, _ *fixedClock) { f.ConfirmTap() }},
	{"long_service", func(f *flow.Flow, _ *none, _ *fixedClock) { f.Done(); f.ChooseService(longest(f)) }},
	{"long_confirm", func(f *flow.Flow, _ *none, _ *fixedClock) { f.GetTicket() }},
	{"long_ticket", func(f *flow.Flow, _ *none, _ *fixedClock) { f.ConfirmTap() }},
	{"idle_warning", func(f *flow.Flow, _ *none, c *fixedClock) {
		f.Done()
		f.ChoosePurpose(queue.KindSubmit)
		c.t = c.t.Add(52 * time.Second)
	}},
	{"appointment", func(f *flow.Flow, p *none, _ *fixedClock) {
		f.HomeTap()
		f.ChooseAppointment()
		typeDigits(f, "4711")
	}},
	{"inquiry", func(f *flow.Flow, _ *none, _ *fixedClock) { f.HomeTap(); f.ChoosePurpose(queue.KindInquiry) }},
	{"inquiry_answer", func(f *flow.Flow, _ *none, _ *fixedClock) { typeDigits(f, "20261234"); f.Next() }},
	{"pin", func(f *flow.Flow, _ *none, _ *fixedClock) {
		f.HomeTap()
		for range 5 {
			f.CornerTap()
		}
		typeDigits(f, "24")
	}},
	{"admin", func(f *flow.Flow, _ *none, _ *fixedClock) { typeDigits(f, "68"); f.Next(); f.PrintTest() }},
}

// longest is the code of the service with the longest name in the
// language on screen.
func longest(f *flow.Flow) string {
	cfg := config.Default()
	cat, _ := cfg.Catalog()
	best, n := "", 0
	for _, s := range cat.Services {
		name := s.Name.AR
		if f.Lang() == lang.EN {
			name = s.Name.EN
		}
		if l := len([]rune(name)); l > n {
			best, n = s.Code, l
		}
	}
	return best
}

func typeDigits(f *flow.Flow, s string) {
	for _, d := range s {
		f.Digit(d)
	}
}

// sameLanguage keeps the screens that start over (and so reset the
// language) in the tour's language.
func sameLanguage(f *flow.Flow, lang lang.Lang) {
	if f.Lang() != lang {
		f.ToggleLang()
	}
}

// TestScreensGolden walks every screen in Arabic and English at the two
// kiosk resolutions and compares each with its reviewed golden image. It
// also checks that no screen is larger than the window and that every
// character drawn comes from a bundled font.
func TestScreensGolden(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.Theme{})
	sizes := map[string]fyne.Size{"1280x800": fyne.NewSize(1280, 800), "1920x1080": fyne.NewSize(1920, 1080)}
	for _, lang := range []lang.Lang{lang.AR, lang.EN} {
		for sname, size := range sizes {
			u, prn, w, clk := newKiosk(t, lang, size)
			for _, st := range tour {
				st.do(u.Flow(), prn, clk)
				sameLanguage(u.Flow(), lang)
				w.Resize(size)
				u.Refresh()
				name := fmt.Sprintf("%s_%s_%s", st.name, lang, sname)
				if got := w.Canvas().Size(); got != size {
					t.Errorf("%s: the screen needs %v, more than the display's %v: content would be clipped", name, got, size)
				}
				checkFits(t, name, w)
				checkGlyphs(t, name, w)
				golden(t, w, name)
			}
		}
	}
}

// checkFits fails when the screen's content needs more room than the
// window has, or when a tappable tile lies outside the window.
func checkFits(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	size := w.Canvas().Size()
	if min := w.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
		t.Errorf("%s: content needs %v in a %v window", name, min, size)
	}
	// The frame's scroller is a guard: at kiosk sizes nothing needs it.
	var frame *container.Scroll
	walk(w.Content(), func(o fyne.CanvasObject) {
		if sc, ok := o.(*container.Scroll); ok && frame == nil {
			frame = sc
		}
	})
	if frame != nil && frame.Content.MinSize().Height > frame.Size().Height+0.5 {
		t.Errorf("%s: the screen needs scrolling: %.0f px of content in %.0f px", name, frame.Content.MinSize().Height, frame.Size().Height)
	}
	for _, tile := range tiles(w.Content()) {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(tile)
		end := pos.Add(tile.Size())
		if pos.X < 0 || pos.Y < 0 || end.X > size.Width+0.5 || end.Y > size.Height+0.5 {
			t.Errorf("%s: a target (%s) lies at %v–%v, outside the %v window", name, label(tile), pos, end, size)
		}
	}
}

// checkGlyphs fails when a screen draws a character that no bundled font
// has: Fyne would take it from whatever system font is installed.
func checkGlyphs(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	walk(w.Content(), func(o fyne.CanvasObject) {
		txt, ok := o.(*canvas.Text)
		if !ok {
			return
		}
		if miss := ui.Uncovered(txt.Text, txt.TextStyle.Bold); len(miss) > 0 {
			t.Errorf("%s: %q needs %q, which no bundled font has", name, txt.Text, string(miss))
		}
		switch {
		case txt.FontSource == nil:
			t.Errorf("%s: %q names no font: Fyne would add its emoji font and a system font", name, txt.Text)
		case !ui.Covers(txt.FontSource, txt.Text):
			t.Errorf("%s: %q is drawn in %s, which lacks some of its characters", name, txt.Text, txt.FontSource.Name())
		}
	})
}

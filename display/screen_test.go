package display_test

import (
	"flag"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"

	"tabour/display"
	"tabour/display/model"
	goldenimg "tabour/internal/golden"
	"tabour/lang"
	"tabour/mqtt/contract"
	"tabour/ui"
)

var update = flag.Bool("update", false, "rewrite the golden screenshots")

// zone is a fixed zone: the tests never read the machine's time zone.
var zone = time.FixedZone("EET", 2*60*60)

// fakeClock moves only when told; its timers fire as it passes them.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	timers []timer
}

type timer struct {
	at time.Time
	f  func()
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timers = append(c.timers, timer{c.t.Add(d), f})
}

// Advance moves the clock on by d and fires the timers due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	var due []func()
	keep := c.timers[:0]
	for _, t := range c.timers {
		if t.at.After(c.t) {
			keep = append(keep, t)
			continue
		}
		due = append(due, t.f)
	}
	c.timers = keep
	c.mu.Unlock()
	for _, f := range due {
		f()
	}
}

var now = time.Date(2026, 11, 22, 10, 15, 0, 0, zone)

var opts = display.ScreenOpts{
	Center: lang.Text{AR: "المركز التكنولوجي لخدمة المواطنين - حي شرق مدينة نصر", EN: "Citizen Service Technology Center - East Nasr City"},
	Ticker: lang.Text{
		AR: "مواعيد العمل من ٨ صباحًا حتى ٣ عصرًا، من الأحد إلى الخميس. احتفظ بتذكرتك حتى يُنادى رقمك.",
		EN: "Open 8 AM to 3 PM, Sunday to Thursday. Keep your ticket until your number is called.",
	},
	Closed: lang.Text{AR: "نفتح غدًا الساعة ٨ صباحًا", EN: "We open tomorrow at 8 AM"},
}

var windows = []contract.Text{
	{AR: "شباك 1", EN: "Window 1"}, {AR: "شباك 2", EN: "Window 2"}, {}, {AR: "شباك 4", EN: "Window 4"},
	{AR: "شباك كبار السن", EN: "Senior citizens' window"}, {AR: "شباك 6", EN: "Window 6"},
}

func call(ticket string, counter int, ago time.Duration) model.Call {
	return model.Call{Ticket: ticket, Counter: counter, Window: windows[(counter-1)%len(windows)], Service: "BLD", At: now.Add(-ago)}
}

var lines = []model.Line{
	{Service: "BLD", Name: contract.Text{AR: "رخصة بناء لمبنى سكني جديد", EN: "Building permit for a new residential building"}, Waiting: 12, Wait: 25 * time.Minute},
	{Service: "OCC", Name: contract.Text{AR: "ترخيص إشغال طريق عام بالأدوات والمهمات", EN: "Licence to occupy a public road with tools and equipment"}, Waiting: 3, Wait: 8 * time.Minute},
	{Service: "RECON", Name: contract.Text{AR: "التصالح في مخالفات البناء", EN: "Reconciliation of building violations"}, Waiting: 0, Wait: 0},
	{Service: "SHOP", Name: contract.Text{AR: "رخصة محل تجاري", EN: "Shop licence"}, Waiting: 7, Wait: -1},
	{Service: "COLLECT", Name: contract.Text{AR: "استلام المستندات", EN: "Collect documents"}, Waiting: 21, Wait: 47 * time.Minute},
}

// halls are the frames the goldens show, in order: a test shows them one
// after the other on one screen, as a hall would see them.
var halls = []struct {
	name string
	hall model.Hall
}{
	{"connecting", model.Hall{Link: model.Connecting, Now: now}},
	{"idle", model.Hall{Link: model.Live, Now: now, Lines: lines}},
	{"one_call", model.Hall{Link: model.Live, Open: true, Now: now, Lines: lines[:2],
		Newest: ptr(call("A023", 3, time.Minute))}},
	{"flash", model.Hall{Link: model.Live, Open: true, Now: now, Lines: lines[:2],
		Newest: ptr(call("B104", 5, 0)), Recent: []model.Call{call("A023", 3, time.Minute)}}},
	{"many_calls", manyCalls()},
	{"lost", lost(manyCalls())},
	{"crowded", crowded()},
	{"none_waiting", model.Hall{Link: model.Live, Open: true, Now: now, Lines: []model.Line{lines[2]},
		Newest: ptr(call("A023", 3, 20*time.Minute))}},
	{"lost_closed", model.Hall{Link: model.ApplianceLost, Now: now, Lines: lines,
		Since: time.Date(2026, 11, 21, 16, 5, 0, 0, zone)}},
	{"bus_ticker", busTicker()},
	{"announcement", announcement()},
	{"announcement_closed", announcementClosed()},
}

// busTicker is a hall whose bottom line the manager set for the day.
func busTicker() model.Hall {
	h := manyCalls()
	h.Ticker = &contract.Text{AR: "تنبيه: يغلق المركز اليوم الساعة ١ ظهرًا بسبب أعمال الصيانة.",
		EN: "Notice: the center closes at 1 PM today for maintenance."}
	return h
}

// announcement is a hall showing the manager's announcement, as long as
// the appliance takes, with the day's ticker.
func announcement() model.Hall {
	h := busTicker()
	h.Notice = &model.Notice{ID: "n1", At: now, Text: contract.Text{
		AR: "السادة المواطنون: نظرًا لانقطاع الشبكة مع الجهة المختصة، تتوقف خدمات التصالح في مخالفات البناء مؤقتًا. برجاء الانتظار أو العودة غدًا، مع الاحتفاظ بتذكرتكم.",
		EN: "Dear citizens: the link to the authority is down, so reconciliation services are paused. Please wait or come back tomorrow, and keep your ticket.",
	}}
	return h
}

// announcementClosed is an announcement while no counter is open.
func announcementClosed() model.Hall {
	h := announcement()
	h.Open, h.Newest, h.Recent = false, nil, nil
	h.Notice.Text = contract.Text{AR: "تبدأ خدمات اليوم متأخرة نصف ساعة. شكرًا لصبركم.", EN: "Services start half an hour late today. Thank you for your patience."}
	return h
}

func manyCalls() model.Hall {
	recent := []model.Call{
		call("A041", 1, time.Minute), call("C007", 6, 2*time.Minute), call("B103", 5, 3*time.Minute),
		call("A040", 2, 4*time.Minute), call("D012", 4, 6*time.Minute), call("A039", 1, 7*time.Minute),
		call("C006", 3, 9*time.Minute),
	}
	return model.Hall{Link: model.Live, Open: true, Now: now, Lines: lines,
		Newest: ptr(call("A042", 2, 0)), Recent: recent}
}

// crowded is a center offering 17 services, 12 of them with people
// waiting: more than the table has room for.
func crowded() model.Hall {
	h := manyCalls()
	h.Lines = nil
	for i := range 17 {
		l := lines[i%len(lines)]
		l.Service = fmt.Sprintf("S%02d", i)
		l.Waiting = max(0, 12-i)
		l.Wait = time.Duration(3+i) * time.Minute
		h.Lines = append(h.Lines, l)
	}
	return h
}

func lost(h model.Hall) model.Hall {
	h.Link, h.Since = model.BusLost, time.Date(2026, 11, 22, 10, 12, 0, 0, zone)
	return h
}

func ptr[T any](v T) *T { return &v }

var sizes = []fyne.Size{fyne.NewSize(1920, 1080), fyne.NewSize(1280, 720)}

var languages = map[string][]lang.Lang{"ar": {lang.AR}, "en": {lang.EN}, "both": {lang.AR, lang.EN}}

// TestScreensGolden shows every frame in Arabic, English and both at the
// two TV resolutions and compares each with its reviewed golden image. It
// also checks that nothing overflows, that every character comes from a
// bundled font and that the newest ticket is as large as designed.
func TestScreensGolden(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.Theme{})
	for _, ln := range []string{"ar", "en", "both"} {
		for _, size := range sizes {
			if ln == "both" && size.Width != 1920 {
				continue
			}
			clk := &fakeClock{t: now}
			o := opts
			o.Languages, o.Location, o.Clock = languages[ln], zone, clk
			s := display.NewScreen(o)
			w := test.NewWindow(s.Content())
			w.SetPadded(false)
			w.Resize(size)
			for _, f := range halls {
				s.Show(f.hall)
				if f.name != "flash" {
					clk.Advance(display.DefaultFlash) // the flash of a new call is over
				}
				name := fmt.Sprintf("%s_%s_%dx%d", f.name, ln, int(size.Width), int(size.Height))
				if got := w.Canvas().Size(); got != size {
					t.Errorf("%s: the screen needs %v, more than the display's %v", name, got, size)
				}
				if want := f.name == "flash"; s.Flashing() != want {
					t.Errorf("%s: flashing %v, want %v", name, s.Flashing(), want)
				}
				checkFits(t, name, w)
				checkGlyphs(t, name, w)
				if ln == "ar" {
					checkDigits(t, name, w)
				}
				if f.hall.Newest != nil {
					checkTicketSize(t, name, w, f.hall.Newest.Ticket, size)
				}
				golden(t, w, name)
				if f.name == "flash" {
					clk.Advance(display.DefaultFlash)
					if s.Flashing() {
						t.Errorf("%s: still flashing after %v", name, display.DefaultFlash)
					}
				}
			}
			w.Close()
		}
	}
}

// TestFlash checks when a call flashes: a new call or a recall while the
// screen is live, not the call the screen finds when it (re)connects.
func TestFlash(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(ui.Theme{})
	clk := &fakeClock{t: now}
	o := opts
	o.Location, o.Clock, o.FlashFor = zone, clk, 5*time.Second
	s := display.NewScreen(o)
	w := test.NewWindow(s.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(1280, 720))
	live := manyCalls()
	s.Show(live)
	if s.Flashing() {
		t.Fatal("the first frame flashes")
	}
	s.Show(live)
	if s.Flashing() {
		t.Fatal("the same call flashes again")
	}
	next := live
	next.Newest = ptr(call("A043", 1, 0))
	s.Show(next)
	if !s.Flashing() {
		t.Fatal("a new call does not flash")
	}
	clk.Advance(4 * time.Second)
	s.Show(next)
	if !s.Flashing() {
		t.Fatal("the flash ended early")
	}
	clk.Advance(time.Second)
	if s.Flashing() {
		t.Fatal("the flash did not end")
	}
	recall := next
	recall.Newest = ptr(*next.Newest)
	recall.Newest.Recall, recall.Newest.At = true, now.Add(time.Minute)
	s.Show(recall)
	if !s.Flashing() {
		t.Fatal("a recall does not flash")
	}
	clk.Advance(5 * time.Second)
	down := recall
	down.Link = model.BusLost
	s.Show(down)
	back := recall
	back.Newest = ptr(call("A044", 2, 0))
	s.Show(back)
	if s.Flashing() {
		t.Fatal("the call found on reconnecting flashes")
	}
}

// TestShowCoalesces checks that Show never waits for the Fyne goroutine
// and that only the newest of the frames sent meanwhile is drawn.
func TestShowCoalesces(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(ui.Theme{})
	clk := &fakeClock{t: now}
	o := opts
	o.Location, o.Clock = zone, clk
	s := display.NewScreen(o)
	var queued []func()
	display.SetPost(s, func(f func()) { queued = append(queued, f) })
	w := test.NewWindow(s.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(1280, 720))
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := manyCalls()
			h.Newest = ptr(call(fmt.Sprintf("A%03d", i), 1, 0))
			s.Show(h)
		}()
	}
	wg.Wait()
	last := manyCalls()
	last.Newest = ptr(call("Z999", 1, 0))
	s.Show(last)
	if len(queued) != 1 {
		t.Fatalf("%d draws queued for 51 frames, want 1", len(queued))
	}
	queued[0]()
	found := false
	walk(w.Content(), func(o fyne.CanvasObject) {
		if txt, ok := o.(*canvas.Text); ok && txt.Text == "Z999" {
			found = true
		}
	})
	if !found {
		t.Fatal("the last frame sent is not the one drawn")
	}
}

// checkTicketSize fails when the newest ticket is drawn smaller than
// TicketSize (scaled to the screen).
func checkTicketSize(t *testing.T, name string, w fyne.Window, ticket string, size fyne.Size) {
	t.Helper()
	want := display.TicketSize * min(size.Width/display.DesignWidth, size.Height/display.DesignHeight)
	got := float32(0)
	walk(w.Content(), func(o fyne.CanvasObject) {
		if txt, ok := o.(*canvas.Text); ok && txt.Text == ticket {
			got = max(got, txt.TextSize)
		}
	})
	if got < want-0.01 {
		t.Errorf("%s: the newest ticket %s is drawn at %.0f px, want at least %.0f", name, ticket, got, want)
	}
}

// checkDigits fails when Arabic text on an Arabic screen has Western
// digits. Ticket numbers ("A023") keep theirs, and so does the English of
// the always bilingual connection banner.
func checkDigits(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	walk(w.Content(), func(o fyne.CanvasObject) {
		if txt, ok := o.(*ui.Text); ok && txt.RTL && strings.ContainsAny(txt.Text, "0123456789") {
			t.Errorf("%s: %q has Western digits on an Arabic screen", name, txt.Text)
		}
	})
}

// checkFits fails when an object needs more room than it was given or
// lies outside its parent: text would be clipped or overlap.
func checkFits(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	var visit func(o fyne.CanvasObject, path string)
	visit = func(o fyne.CanvasObject, path string) {
		if _, spacer := o.(*layout.Spacer); spacer || !o.Visible() {
			return // a spacer takes what is left, even a rounding error below nothing
		}
		min, size := o.MinSize(), o.Size()
		if min.Width > size.Width+0.5 || min.Height > size.Height+0.5 {
			t.Errorf("%s: %s needs %v but has %v", name, describe(o, path), min, size)
		}
		for _, c := range children(o) {
			if _, spacer := c.(*layout.Spacer); spacer {
				continue
			}
			pos, cs := c.Position(), c.Size()
			if pos.X < -0.5 || pos.Y < -0.5 || pos.X+cs.Width > size.Width+0.5 || pos.Y+cs.Height > size.Height+0.5 {
				t.Errorf("%s: %s lies at %v size %v, outside its parent %s of %v", name, describe(c, path), pos, cs, describe(o, path), size)
			}
			visit(c, path+"/"+fmt.Sprintf("%T", o))
		}
	}
	visit(w.Content(), "")
}

func describe(o fyne.CanvasObject, path string) string {
	switch x := o.(type) {
	case *canvas.Text:
		return fmt.Sprintf("text %q", x.Text)
	case *ui.Text:
		return fmt.Sprintf("ui.Text %q", x.Text)
	}
	return fmt.Sprintf("%T", o)
}

// checkGlyphs fails when a screen draws a character that no bundled font
// has, or a text that names no font: Fyne would take it from whatever
// system font is installed.
func checkGlyphs(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	n := 0
	walk(w.Content(), func(o fyne.CanvasObject) {
		txt, ok := o.(*canvas.Text)
		if !ok {
			return
		}
		n++
		if miss := ui.Uncovered(txt.Text, txt.TextStyle.Bold); len(miss) > 0 {
			t.Errorf("%s: %q needs %q, which no bundled font has", name, txt.Text, string(miss))
		}
		switch {
		case txt.FontSource == nil:
			t.Errorf("%s: %q names no font", name, txt.Text)
		case !ui.Covers(txt.FontSource, txt.Text):
			t.Errorf("%s: %q is drawn in %s, which lacks some of its characters", name, txt.Text, txt.FontSource.Name())
		}
	})
	if n == 0 {
		t.Errorf("%s: no text on the screen", name)
	}
}

// children are the objects o is drawn from.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch c := o.(type) {
	case *fyne.Container:
		return c.Objects
	case fyne.Widget:
		return test.WidgetRenderer(c).Objects()
	}
	return nil
}

func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	for _, c := range children(o) {
		walk(c, visit)
	}
}

// golden compares the window with testdata/<name>.png.
func golden(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	goldenimg.Check(t, w.Canvas().Capture(), name, *update, "./display")
}

package kiosk

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"tabour/config"
	"tabour/devices/printer/printertest"
	"tabour/kiosk/flow"
	"tabour/lang"
	"tabour/queue"
	"tabour/ui"
	"tabour/ui/i18n"
)

// targetsLongService has the longest names a center might give a service.
var targetsLongService = queue.Service{
	Code: "LONG-NAME", Prefix: "ZZ", Category: "certificates", TargetWaitMin: 30, AvgServiceMin: 10,
	Name: lang.Text{
		AR: "طلب شهادة صلاحية الموقع للبناء وتوصيل المرافق العامة من مياه وكهرباء وغاز طبيعي وصرف صحي للعقارات المتصالح عليها نهائيًا",
		EN: "Certificate of site suitability for building and connection of water, electricity, gas and sewerage to reconciled homes",
	},
	Documents: []lang.Text{{AR: "صورة بطاقة الرقم القومي", EN: "Copy of the national ID card"}},
}

// targetsEngine issues numbered tickets and knows no waits.
type targetsEngine struct{ n int }

func (e *targetsEngine) Issue(_ context.Context, req queue.IssueRequest) (queue.Ticket, error) {
	e.n++
	label := fmt.Sprintf("ZZ%03d", e.n)
	return queue.Ticket{ID: int64(e.n), Service: req.Service, Number: e.n, Label: label,
		Ref: "20261122-" + label, IssuedAt: time.Date(2026, 11, 22, 10, 15, 0, 0, time.UTC)}, nil
}

func (e *targetsEngine) EstimateNew(context.Context, string) (queue.Estimate, error) {
	return queue.Estimate{}, nil
}

func (e *targetsEngine) EstimateTicket(context.Context, int64) (queue.Estimate, error) {
	return queue.Estimate{}, nil
}

func (e *targetsEngine) Counters(context.Context) ([]queue.Counter, error) { return nil, nil }

func targetsKiosk(t *testing.T, lang lang.Lang, size fyne.Size) (*UI, fyne.Window) {
	t.Helper()
	cat, err := config.BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	cat.Services = append(cat.Services, targetsLongService)
	f := flow.New(flow.Options{Language: lang, ArabicDigits: true, IdleTimeout: time.Hour,
		Common: []string{targetsLongService.Code}, NIDKey: []byte("0123456789abcdef0123456789abcdef")},
		flow.Deps{Engine: &targetsEngine{}, Printer: printertest.New(), Catalog: cat})
	w := test.NewTempWindow(t, nil)
	w.Resize(size)
	u := New(w, f)
	f.SetPost(nil) // issue and print inline: each tap's result is on screen when it returns
	return u, w
}

// find returns the target whose first label line is want.
func findTarget(t *testing.T, u *UI, want string) Target {
	t.Helper()
	var labels []string
	for _, tg := range u.Targets() {
		if strings.Split(tg.Label, "\n")[0] == want {
			return tg
		}
		labels = append(labels, fmt.Sprintf("%q", tg.Label))
	}
	t.Fatalf("%s screen: no target %q among %s", u.Flow().Screen(), want, strings.Join(labels, ", "))
	return Target{}
}

// tapTarget taps the canvas at the middle of the target labelled label,
// where Fyne's own hit test decides what is under it, and checks the
// screen that follows.
func tapTarget(t *testing.T, u *UI, w fyne.Window, label string, next flow.Screen) {
	t.Helper()
	for _, tg := range u.Targets() {
		if !tg.Inside {
			t.Errorf("%s screen: target %q at %+v is off the %v canvas", u.Flow().Screen(), tg.Label, tg.Shown, w.Canvas().Size())
		}
	}
	tg := findTarget(t, u, label)
	if tg.Shown != tg.Rect {
		t.Fatalf("%s screen: %q is partly scrolled out of view: %+v of %+v", u.Flow().Screen(), label, tg.Shown, tg.Rect)
	}
	x, y := tg.Rect.Center()
	test.TapCanvas(w.Canvas(), fyne.NewPos(x, y))
	if got := u.Flow().Screen(); got != next {
		t.Fatalf("tap on %q at (%.0f,%.0f): screen %s, want %s", label, x, y, got, next)
	}
}

// TestTargetsAreWhereTapsLand issues a ticket for a service with a very
// long name by tapping at the listed targets, in both languages, and
// returns home with "Done".
func TestTargetsAreWhereTapsLand(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.Theme{})
	for _, lang := range []lang.Lang{lang.AR, lang.EN} {
		t.Run(string(lang), func(t *testing.T) {
			u, w := targetsKiosk(t, lang, fyne.NewSize(1280, 800))
			p := i18n.Printer{Lang: lang}
			toggle := findTarget(t, u, p.T("lang.toggle"))
			if toggle.Rect.Empty() || !toggle.Inside {
				t.Errorf("language toggle at %+v, inside %v", toggle.Rect, toggle.Inside)
			}
			tapTarget(t, u, w, targetsLongService.Name.In(lang), flow.Service)
			tapTarget(t, u, w, p.T("service.get"), flow.Confirm)
			tapTarget(t, u, w, p.T("confirm.print"), flow.Ticket)
			tapTarget(t, u, w, p.T("ticket.done"), flow.Home)
		})
	}
}

func TestTargetsLanguageToggle(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.Theme{})
	u, w := targetsKiosk(t, lang.AR, fyne.NewSize(1280, 800))
	tg := findTarget(t, u, "English")
	test.TapCanvas(w.Canvas(), fyne.NewPos(tg.Rect.Center()))
	if u.Flow().Lang() != lang.EN {
		t.Fatalf("tap on the toggle at %+v: language %s, want en", tg.Rect, u.Flow().Lang())
	}
	findTarget(t, u, "العربية")
}

// TestTargetsClip checks the parts of targets a scroller or the canvas
// edge hides.
func TestTargetsClip(t *testing.T) {
	test.NewTempApp(t)
	tile := func(s string) *ui.Tile {
		tl := ui.Button(s, 20, false, false, func() {})
		tl.MinH = 100
		return tl
	}
	var tiles []fyne.CanvasObject
	for i := range 10 {
		tiles = append(tiles, tile(fmt.Sprint("row ", i)))
	}
	off := tile("off")
	scroll := ui.TouchScroll(container.NewVBox(tiles...))
	scroll.SetMinSize(fyne.NewSize(300, 250))
	loose := container.NewWithoutLayout(off)
	off.Resize(fyne.NewSize(100, 100))
	off.Move(fyne.NewPos(350, 0))
	w := test.NewTempWindow(t, container.NewBorder(scroll, nil, nil, nil, loose))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 400))
	u := &UI{win: w}
	got := map[string]Target{}
	for _, tg := range u.Targets() {
		got[tg.Label] = tg
	}
	if len(got) != 11 {
		t.Fatalf("got %d targets, want 11: %v", len(got), got)
	}
	if r := got["row 0"]; r.Shown != r.Rect || !r.Inside || r.Rect.Y != 0 {
		t.Errorf("row 0: %+v, want shown whole at the top", r)
	}
	if r := got["row 2"]; r.Shown.Empty() || r.Shown == r.Rect || r.Shown.Y+r.Shown.H != 250 {
		t.Errorf("row 2: %+v, want cut by the scroller's bottom edge at 250", r)
	}
	if r := got["row 9"]; !r.Shown.Empty() || !r.Inside {
		t.Errorf("row 9: %+v, want scrolled out of view (and so not off the canvas)", r)
	}
	if r := got["off"]; r.Inside || r.Rect.X != 350 || r.Shown != r.Rect {
		t.Errorf("off: %+v, want at x 350, not clipped, and not inside the 400×400 canvas", r)
	}
}

func TestRect(t *testing.T) {
	a := Rect{X: 0, Y: 0, W: 100, H: 50}
	for _, c := range []struct {
		b        Rect
		in       bool
		meet     Rect
		meetSize bool
	}{
		{Rect{X: 10, Y: 10, W: 20, H: 20}, true, Rect{X: 10, Y: 10, W: 20, H: 20}, true},
		{Rect{X: 90, Y: 40, W: 20, H: 20}, false, Rect{X: 90, Y: 40, W: 10, H: 10}, true},
		{Rect{X: 200, Y: 0, W: 20, H: 20}, false, Rect{X: 200, Y: 0}, false},
		{Rect{X: 200, Y: 0}, true, Rect{X: 200, Y: 0}, false},
	} {
		if got := a.Contains(c.b); got != c.in {
			t.Errorf("%+v.Contains(%+v) = %v, want %v", a, c.b, got, c.in)
		}
		if got := a.Intersect(c.b); got != c.meet || got.Empty() == c.meetSize {
			t.Errorf("%+v.Intersect(%+v) = %+v, want %+v", a, c.b, got, c.meet)
		}
	}
}

package kiosk

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"tabour/devices/printer"
	"tabour/kiosk/flow"
	"tabour/ui"
	"tabour/ui/i18n"
)

// UI is the kiosk window's content.
type UI struct {
	flow  *flow.Flow
	win   fyne.Window
	shown flow.Screen

	// OnRefresh, if set, is called on the UI goroutine after each redraw
	// (test automation writes the screen's tap targets from it).
	OnRefresh func()
}

// New draws f in win.
func New(win fyne.Window, f *flow.Flow) *UI {
	u := &UI{flow: f, win: win}
	u.Refresh()
	return u
}

// Flow returns the flow the UI draws.
func (u *UI) Flow() *flow.Flow { return u.flow }

// Refresh redraws the current screen.
func (u *UI) Refresh() {
	u.shown = u.flow.Screen()
	content := u.screen()
	u.win.SetContent(content)
	ui.Relayout(content)
	if u.OnRefresh != nil {
		u.OnRefresh()
	}
}

// do runs a flow action and redraws.
func (u *UI) do(action func()) func() {
	return func() {
		action()
		u.Refresh()
	}
}

// Scan delivers a scanned string from any goroutine.
func (u *UI) Scan(s string) {
	fyne.Do(func() { u.flow.Scan(s); u.Refresh() })
}

// SetPrinter tells the kiosk the printer's state; safe from any goroutine.
func (u *UI) SetPrinter(st printer.Status) {
	fyne.Do(func() {
		before := u.flow.PrinterBanner()
		u.flow.SetPrinter(st)
		if (before == nil) != (u.flow.PrinterBanner() == nil) {
			u.Refresh()
		}
	})
}

// Run ticks the idle timeout once a second until ctx ends.
func (u *UI) Run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(func() {
				u.flow.Tick()
				if u.flow.Screen() != u.shown {
					u.Refresh()
				}
			})
		}
	}
}

// scale is the size unit: 1 on a 1280×800 canvas, following the smaller
// of the two proportions so every screen fits (Fyne's own scale for the
// monitor's DPI comes on top).
func (u *UI) scale() float32 {
	sz := u.win.Canvas().Size()
	if sz.Width <= 0 || sz.Height <= 0 {
		return 1
	}
	return max(min(sz.Width/1280, sz.Height/800), 0.6)
}

// sizes of text, in the scale unit.
func (u *UI) size(px float32) float32 { return px * u.scale() }

func (u *UI) rtl() bool                        { return u.flow.Lang().RTL() }
func (u *UI) p() i18n.Printer                  { return u.flow.P() }
func (u *UI) t(key string, args ...any) string { return u.p().T(key, args...) }

// text is body text in the current direction.
func (u *UI) text(s string, px float32) *ui.Text { return ui.NewText(s, u.size(px), u.rtl()) }

func (u *UI) screen() fyne.CanvasObject {
	var body fyne.CanvasObject
	switch u.flow.Screen() {
	case flow.Home:
		body = u.home()
	case flow.Categories:
		body = u.categories()
	case flow.Services:
		body = u.services()
	case flow.Service:
		body = u.service()
	case flow.NationalID, flow.Mobile, flow.Appointment, flow.Inquiry, flow.PIN:
		body = u.keypadScreen()
	case flow.Answer:
		body = u.inquiryAnswer()
	case flow.Priority:
		body = u.priority()
	case flow.Confirm:
		body = u.confirm()
	case flow.Ticket:
		body = u.ticket()
	case flow.Admin:
		body = u.admin()
	}
	return u.frame(body)
}

// frame puts the header above and the navigation bar below a screen.
func (u *UI) frame(body fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(ui.ColorBackground)
	content := container.NewBorder(u.header(), u.footer(), nil, nil, container.NewPadded(body))
	return container.NewStack(bg, content)
}

func (u *UI) header() fyne.CanvasObject {
	o := u.flow.Options()
	name := ui.NewText(pick(u.flow.Lang(), o.Center.AR, o.Center.EN), u.size(24), u.rtl()).Bolded().Colored(ui.ColorOnPrimary)
	lang := ui.Button(u.t("lang.toggle"), u.size(20), u.flow.Lang().Other().RTL(), false, u.do(u.flow.ToggleLang))
	lang.MinH = u.size(52)
	corner := newHotspot(u.do(u.flow.CornerTap))
	corner.size = fyne.NewSquareSize(u.size(48))
	bar := ui.Row(u.rtl(), container.NewCenter(name), layout.NewSpacer(), container.NewGridWrap(fyne.NewSize(u.size(170), u.size(56)), lang))
	bg := canvas.NewRectangle(ui.ColorHeader)
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, corner, nil, bar)))
}

func (u *UI) footer() fyne.CanvasObject {
	s := u.flow.Screen()
	if s == flow.Home || s == flow.Ticket {
		return u.notice()
	}
	back := ui.Button(u.t("nav.back"), u.size(24), u.rtl(), false, u.do(u.flow.Back))
	home := ui.Button(u.t("nav.home"), u.size(24), u.rtl(), false, u.do(u.flow.HomeTap))
	w := fyne.NewSize(u.size(220), u.size(68))
	row := ui.Row(u.rtl(), container.NewGridWrap(w, back), layout.NewSpacer(), container.NewGridWrap(w, home))
	return container.NewVBox(u.notice(), container.NewPadded(row))
}

// notice shows the flow's banner, if any.
func (u *UI) notice() fyne.CanvasObject {
	n := u.flow.Notice()
	if n == nil {
		return layout.NewSpacer()
	}
	return ui.Panel(u.text(n.In(u.flow.Lang()), 24).Bolded().Centered().Wrapped().Colored(ui.ColorError), ui.ColorSurface)
}

func pick(l i18n.Lang, ar, en string) string {
	if l == i18n.EN {
		return en
	}
	return ar
}

// hotspot is an invisible tappable square (the maintenance corner).
type hotspot struct {
	widget.BaseWidget
	onTap func()
	size  fyne.Size
}

func newHotspot(onTap func()) *hotspot {
	h := &hotspot{onTap: onTap}
	h.ExtendBaseWidget(h)
	return h
}

func (h *hotspot) Tapped(*fyne.PointEvent) { h.onTap() }
func (h *hotspot) MinSize() fyne.Size      { return h.size }
func (h *hotspot) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

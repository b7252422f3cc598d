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

// New draws f in win. The flow's device, network and database calls run
// on other goroutines and report back through fyne.Do, so a tap is
// answered at once whatever the printer or the server is doing.
func New(win fyne.Window, f *flow.Flow) *UI {
	u := &UI{flow: f, win: win}
	u.SetRunner(fyne.Do)
	u.Refresh()
	return u
}

// SetRunner sets how results of background work reach the UI goroutine:
// do must run its function there (fyne.Do; tests pass a queue they drain,
// or nil to run the work inline).
func (u *UI) SetRunner(do func(func())) {
	if do == nil {
		u.flow.SetPost(nil)
		return
	}
	u.flow.SetPost(func(fn func()) { do(func() { fn(); u.Refresh() }) })
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
				if u.flow.Tick() || u.flow.Screen() != u.shown {
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

// frame puts the header above and the navigation bar below a screen. The
// body sits in a scroller a finger can drag, so that no screen can ever be
// taller than the window (which would push the header off the top and
// move every target away from where it is drawn); the screens are laid
// out to fit without scrolling at 1280×800 and up.
func (u *UI) frame(body fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(ui.ColorBackground)
	content := container.NewBorder(u.header(), u.footer(), nil, nil, ui.TouchScroll(container.NewPadded(body), u.flow.StillHere))
	return container.NewStack(bg, content)
}

func (u *UI) header() fyne.CanvasObject {
	o := u.flow.Options()
	name := ui.NewText(o.Center.In(u.flow.Lang()), u.size(24), u.rtl()).Bolded().Fit(1).Colored(ui.ColorOnPrimary)
	lang := ui.Button(u.t("lang.toggle"), u.size(20), u.flow.Lang().Other().RTL(), false, u.do(u.flow.ToggleLang))
	lang.MinH = u.size(52)
	corner := newHotspot(u.do(u.flow.CornerTap))
	corner.size = fyne.NewSquareSize(u.size(48))
	langBox := container.NewGridWrap(fyne.NewSize(u.size(170), u.size(56)), lang)
	var bar fyne.CanvasObject
	if u.rtl() {
		bar = container.NewBorder(nil, nil, langBox, nil, container.NewVBox(layout.NewSpacer(), name, layout.NewSpacer()))
	} else {
		bar = container.NewBorder(nil, nil, nil, langBox, container.NewVBox(layout.NewSpacer(), name, layout.NewSpacer()))
	}
	bg := canvas.NewRectangle(ui.ColorHeader)
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, corner, nil, bar)))
}

func (u *UI) footer() fyne.CanvasObject {
	s := u.flow.Screen()
	rows := []fyne.CanvasObject{u.notice(), u.idleWarning()}
	if s != flow.Home && s != flow.Ticket {
		back := ui.Button(u.t("nav.back"), u.size(24), u.rtl(), false, u.do(u.flow.Back))
		home := ui.Button(u.t("nav.home"), u.size(24), u.rtl(), false, u.do(u.flow.HomeTap))
		w := fyne.NewSize(u.size(220), u.size(68))
		rows = append(rows, container.NewPadded(ui.Row(u.rtl(), container.NewGridWrap(w, back), layout.NewSpacer(), container.NewGridWrap(w, home))))
	}
	return container.NewVBox(rows...)
}

// notice shows the flow's banner about the last tap, if any.
func (u *UI) notice() fyne.CanvasObject {
	n := u.flow.Notice()
	if n == nil {
		return layout.NewSpacer()
	}
	return ui.Panel(u.text(n.In(u.flow.Lang()), 24).Bolded().Centered().Fit(2).Colored(ui.ColorError), ui.ColorWarn)
}

// idleWarning asks "are you still there?" in the last seconds before the
// kiosk returns to the start by itself.
func (u *UI) idleWarning() fyne.CanvasObject {
	left, warn := u.flow.IdleLeft()
	if !warn {
		return layout.NewSpacer()
	}
	p := u.p()
	secs := p.Count("seconds", int((left+time.Second-1)/time.Second))
	key := "idle.warn"
	if u.flow.Screen() == flow.Ticket {
		key = "ticket.leaving"
	}
	msg := u.text(u.t(key, secs), 24).Bolded().Fit(2)
	cont := ui.Button(u.t("idle.continue"), u.size(24), u.rtl(), true, u.do(u.flow.StillHere))
	if u.flow.Screen() == flow.Ticket {
		return ui.Panel(msg.Centered(), ui.ColorWarn)
	}
	row := ui.Columns(u.rtl(), container.NewVBox(layout.NewSpacer(), msg, layout.NewSpacer()), cont)
	return ui.Panel(row, ui.ColorWarn)
}

// busy is the progress line shown while the flow waits on something.
func (u *UI) busy() fyne.CanvasObject {
	return ui.Panel(u.text(u.t("busy."+string(u.flow.Busy())), 30).Bolded().Centered().Fit(2).Colored(ui.ColorPrimary), ui.ColorSelected)
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

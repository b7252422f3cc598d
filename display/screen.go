package display

import (
	"image/color"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"tabour/display/model"
	"tabour/lang"
	"tabour/mqtt/contract"
	"tabour/ui"
	"tabour/ui/i18n"
)

// Design sizes, in pixels of a 1920×1080 screen; every size scales with
// the screen (see the package doc for how they were chosen).
const (
	// TicketSize is the text size of the newest ticket number.
	TicketSize = 240
	// RecentTicketSize is the text size of the earlier ticket numbers
	// when the list has room for it (it shrinks on a short screen).
	RecentTicketSize = 84
	// DesignWidth and DesignHeight are the screen the sizes are for.
	DesignWidth, DesignHeight = 1920, 1080
)

// DefaultFlash is how long the newest call flashes when FlashFor is 0.
const DefaultFlash = 6 * time.Second

// Clock is the time the screen flashes by. Tests pass one they move by
// hand; the default is the real clock.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f once d has passed, on any goroutine.
	AfterFunc(d time.Duration, f func())
}

type realClock struct{}

func (realClock) Now() time.Time                      { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) { time.AfterFunc(d, f) }

// ScreenOpts sets up a hall screen.
type ScreenOpts struct {
	Center lang.Text // the center's name
	// Languages are the languages shown, first the main one: {AR},
	// {EN}, or {AR, EN} for Arabic first with English alongside. Empty:
	// Arabic.
	Languages []lang.Lang
	Ticker    lang.Text // the line along the bottom (opening hours, notices)
	// Closed is shown under "the center is closed" on the idle screen
	// (when it opens); empty: nothing more.
	Closed   lang.Text
	Location *time.Location // the clock's time zone; nil: time.Local
	Clock    Clock          // nil: the real clock
	FlashFor time.Duration  // how long a new call flashes; 0: DefaultFlash
}

// Screen is the waiting-hall display: a widget that fills its window.
type Screen struct {
	view *view
	opts ScreenOpts
	main lang.Lang // the first language
	both bool      // Arabic first, English alongside
	post func(func())

	mu      sync.Mutex
	pending *model.Hall // the newest frame not yet drawn
	posted  bool        // a draw is on its way to the Fyne goroutine

	// On the Fyne goroutine only.
	hall       model.Hall
	shown      bool
	flashUntil time.Time
	size       fyne.Size // what root was built for
	root       *fyne.Container
}

// NewScreen returns a screen showing "connecting…" until the first frame.
func NewScreen(opts ScreenOpts) *Screen {
	if len(opts.Languages) == 0 {
		opts.Languages = []lang.Lang{lang.AR}
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	if opts.FlashFor <= 0 {
		opts.FlashFor = DefaultFlash
	}
	s := &Screen{opts: opts, main: opts.Languages[0], post: fyne.Do, root: container.NewStack()}
	s.both = len(opts.Languages) > 1 && opts.Languages[0] != opts.Languages[1]
	s.hall.Now = opts.Clock.Now()
	s.view = &view{s: s}
	s.view.ExtendBaseWidget(s.view)
	return s
}

// Content is what to put in the window.
func (s *Screen) Content() fyne.CanvasObject { return s.view }

// Show draws frame h. It may be called from any goroutine and never
// waits: the frame goes to the Fyne goroutine with fyne.Do, and frames
// that arrive before it is drawn replace it (only the newest is drawn).
func (s *Screen) Show(h model.Hall) {
	s.mu.Lock()
	s.pending = &h
	posted := s.posted
	s.posted = true
	s.mu.Unlock()
	if !posted {
		s.post(s.drawPending)
	}
}

func (s *Screen) drawPending() {
	s.mu.Lock()
	h := s.pending
	s.pending, s.posted = nil, false
	s.mu.Unlock()
	if h != nil {
		s.draw(*h)
	}
}

// draw takes frame h, starting a flash when it brings a new call.
func (s *Screen) draw(h model.Hall) {
	if s.newCall(h) {
		now := s.opts.Clock.Now()
		s.flashUntil = now.Add(s.opts.FlashFor)
		s.opts.Clock.AfterFunc(s.opts.FlashFor, func() { s.post(s.endFlash) })
	}
	s.hall, s.shown = h, true
	s.rebuild()
}

// newCall reports whether h calls a ticket that the live frame before it
// did not: a number called while the screen watched, not one it learns
// on (re)connecting.
func (s *Screen) newCall(h model.Hall) bool {
	old := s.hall
	if !s.shown || h.Link != model.Live || old.Link != model.Live || h.Newest == nil {
		return false
	}
	return old.Newest == nil || *old.Newest != *h.Newest
}

func (s *Screen) endFlash() {
	if !s.flashUntil.IsZero() && !s.opts.Clock.Now().Before(s.flashUntil) {
		s.flashUntil = time.Time{}
		s.rebuild()
	}
}

// Flashing reports whether the newest call is flashing (Fyne goroutine).
func (s *Screen) Flashing() bool {
	return !s.flashUntil.IsZero() && s.opts.Clock.Now().Before(s.flashUntil)
}

// view is the widget that draws the screen at its size.
type view struct {
	widget.BaseWidget
	s *Screen
}

// CreateRenderer implements fyne.Widget.
func (v *view) CreateRenderer() fyne.WidgetRenderer { return &screenRenderer{v.s} }

type screenRenderer struct{ s *Screen }

func (r *screenRenderer) Layout(size fyne.Size) {
	if size != r.s.size {
		r.s.size = size
		r.s.rebuild()
	}
}

// MinSize is nothing: the screen fits whatever window it is given.
func (r *screenRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *screenRenderer) Refresh()                     { r.s.rebuild() }
func (r *screenRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.root} }
func (r *screenRenderer) Destroy()                     {}

// rebuild draws the frame anew for the screen's size.
func (s *Screen) rebuild() {
	size := s.size
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	d := &drawing{s: s, h: s.hall, size: size, flash: s.Flashing()}
	d.u = min(size.Width/DesignWidth, size.Height/DesignHeight)
	if d.h.Now.IsZero() {
		d.h.Now = s.opts.Clock.Now()
	}
	tree := d.screen()
	s.root.Objects = []fyne.CanvasObject{tree}
	s.root.Resize(size)
	tree.Resize(size)
	ui.Relayout(tree)
	s.root.Refresh()
}

// drawing is one frame being built.
type drawing struct {
	s     *Screen
	h     model.Hall
	size  fyne.Size
	u     float32 // the scale: 1 on 1920×1080
	flash bool
}

func (d *drawing) px(v float32) float32 { return v * d.u }

func (d *drawing) rtl() bool { return d.s.main.RTL() }

func (d *drawing) p(l lang.Lang) i18n.Printer { return i18n.Printer{Lang: l, ArabicDigits: true} }

// word is a message in l with {0}, {1}… filled in.
func (d *drawing) word(l lang.Lang, key string, args ...string) string {
	s := words[key].In(l)
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", a)
	}
	return s
}

// text is one line (shrunk to fit its width) in language l.
func (d *drawing) text(l lang.Lang, s string, size float32) *ui.Text {
	return ui.NewText(s, d.px(size), l.RTL()).Fit(1)
}

// label is a message in the main language, with the English under it in
// a smaller size when the screen is bilingual.
func (d *drawing) label(key string, size float32, c color.Color, align ui.Align) fyne.CanvasObject {
	main := d.text(d.s.main, d.word(d.s.main, key), size).Bolded().Colored(c)
	main.Align = align
	if !d.s.both {
		return main
	}
	en := d.text(lang.EN, d.word(lang.EN, key), size*0.6).Colored(c)
	en.RTL, en.Align = d.rtl(), align // aligned with the Arabic above it
	return vbox(main, en)
}

// bilingual is both languages' texts, whatever the screen's languages:
// for what everyone must read (the connection is lost).
func (d *drawing) bilingual(key string, size float32, c color.Color, args ...func(lang.Lang) string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i, l := range []lang.Lang{lang.AR, lang.EN} {
		var a []string
		for _, f := range args {
			a = append(a, f(l))
		}
		sz := size
		if i > 0 {
			sz = size * 0.8
		}
		objs = append(objs, d.text(l, d.word(l, key, a...), sz).Bolded().Centered().Colored(c))
	}
	return vbox(objs...)
}

// lineHeight is the height of a line of ui.Text at a (scaled) size: the
// Arabic font's, the taller.
func lineHeight(size float32, bold bool) float32 {
	st := fyne.TextStyle{Bold: bold}
	sz, _ := fyne.CurrentApp().Driver().RenderedTextSize(" ", size, st, ui.Theme{}.Font(st))
	return sz.Height
}

// latinHeight is the height of a line in the Latin font.
func latinHeight(size float32, bold bool) float32 {
	t := canvas.NewText("A0", nil)
	t.TextSize, t.TextStyle, t.FontSource = size, fyne.TextStyle{Bold: bold}, ui.LatinFont(bold)
	return t.MinSize().Height
}

func (d *drawing) screen() fyne.CanvasObject {
	var body fyne.CanvasObject
	switch {
	case d.h.Link == model.Connecting:
		body = d.connecting()
	case !d.h.Open:
		body = d.idle()
	default:
		body = d.live()
	}
	page := newBorder(d.header(), d.ticker(), body)
	return container.NewStack(canvas.NewRectangle(ui.ColorBackground), page)
}

// notice is the manager's announcement: amber like a new call, in both
// languages whatever the screen's (what everyone must read), Arabic
// first. It takes the place of the queues while it shows: the calls stay
// in sight.
func (d *drawing) notice(n model.Notice) fyne.CanvasObject {
	title := d.text(lang.AR, words["notice"].AR+"  •  "+words["notice"].EN+"\u200e", 30).Bolded().Centered().Colored(ui.ColorText)
	lines := []fyne.CanvasObject{layout.NewSpacer(), title}
	if n.Text.AR != "" {
		lines = append(lines, d.wrapped(lang.AR, n.Text.AR, 46, 2).Bolded())
	}
	if n.Text.EN != "" {
		lines = append(lines, d.wrapped(lang.EN, n.Text.EN, 30, 2))
	}
	lines = append(lines, layout.NewSpacer())
	bg := canvas.NewRectangle(colorFlash)
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = ui.ColorText, d.px(4), d.px(18)
	return container.NewStack(bg, newInset(d.px(32), d.px(16), vbox(lines...)))
}

// wrapped is text in language l on at most lines lines, centered, shrunk
// to fit.
func (d *drawing) wrapped(l lang.Lang, s string, size float32, lines int) *ui.Text {
	return ui.NewText(s, d.px(size), l.RTL()).Fit(lines).Centered().Colored(ui.ColorText)
}

// spacerOf is an empty object h high.
func spacerOf(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

// Heights of the bars, in design pixels.
const (
	headerHeight = 130
	tickerHeight = 72
	gap          = 24
	noticeHeight = 420 // the announcement on the idle screen
)

// header is the center's name on the reading side and the date and time
// on the other.
func (d *drawing) header() fyne.CanvasObject {
	names := []fyne.CanvasObject{layout.NewSpacer()}
	if d.s.both {
		en := d.text(lang.EN, d.s.opts.Center.EN, 20).Colored(ui.ColorOnPrimary)
		en.RTL = d.rtl()
		names = append(names, d.text(d.s.main, d.s.opts.Center.In(d.s.main), 34).Bolded().Colored(ui.ColorOnPrimary), en)
	} else {
		names = append(names, d.text(d.s.main, d.s.opts.Center.In(d.s.main), 44).Bolded().Colored(ui.ColorOnPrimary))
	}
	names = append(names, layout.NewSpacer())
	now := d.h.Now.In(d.s.opts.Location)
	p := d.p(d.s.main)
	clk := d.text(d.s.main, p.Clock(now), 48).Bolded().Colored(ui.ColorOnPrimary)
	clk.Align = ui.End
	date := d.text(d.s.main, p.Date(now), 28).Colored(ui.ColorOnPrimary)
	date.Align = ui.End
	times := newSplit(true, 0.40, d.px(24), !d.rtl(), middle(clk), middle(date))
	bar := newSplit(true, 0.56, d.px(32), d.rtl(), vbox(names...), times)
	return d.band(ui.ColorHeader, d.px(headerHeight), bar, d.px(32))
}

// vbox stacks objects with no padding: the heights are worked out here.
func vbox(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(0), objs...)
}

// middle centers o vertically.
func middle(o fyne.CanvasObject) fyne.CanvasObject {
	return vbox(layout.NewSpacer(), o, layout.NewSpacer())
}

// band is a full-width bar of height h and colour c holding content,
// inset by pad at the sides.
func (d *drawing) band(c color.Color, h float32, content fyne.CanvasObject, pad float32) fyne.CanvasObject {
	bg := canvas.NewRectangle(c)
	bg.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(bg, newInset(pad, 0, content))
}

// ticker is the bottom line: the manager's of the day (the hall topic)
// while set, else the configured one.
func (d *drawing) ticker() fyne.CanvasObject {
	line := d.s.opts.Ticker
	if t := d.h.Ticker; t != nil {
		line = lang.Text{AR: t.AR, EN: t.EN}
	}
	s := line.In(d.s.main)
	if s == "" { // set in one language only
		s = line.AR + line.EN
	}
	if line == (lang.Text{}) {
		return d.band(ui.ColorPrimary, d.px(tickerHeight), layout.NewSpacer(), d.px(32))
	}
	if d.s.both && line.AR != "" && line.EN != "" {
		// LEFT-TO-RIGHT MARK: the English keeps its full stop at its end.
		s = line.AR + "   •   " + line.EN + "\u200e"
	}
	t := d.text(d.s.main, s, 30).Colored(ui.ColorOnPrimary)
	return d.band(ui.ColorPrimary, d.px(tickerHeight), middle(t), d.px(32))
}

// connecting is the body before the first connection.
func (d *drawing) connecting() fyne.CanvasObject {
	return middle(d.bilingual("connecting", 72, ui.ColorPrimary))
}

// idle is the body when no counter is open.
func (d *drawing) idle() fyne.CanvasObject {
	now := d.h.Now.In(d.s.opts.Location)
	p := d.p(d.s.main)
	clock := d.text(d.s.main, p.Clock(now), 150).Bolded().Centered().Colored(ui.ColorHeader)
	date := d.text(d.s.main, p.Date(now), 44).Centered().Colored(ui.ColorMuted)
	objs := []fyne.CanvasObject{layout.NewSpacer(), clock, date, layout.NewSpacer(), d.label("closed", 64, ui.ColorPrimary, ui.Center)}
	switch {
	case d.isLost(): // the clock is in the header: room for the banner
		objs = []fyne.CanvasObject{layout.NewSpacer(), d.label("closed", 64, ui.ColorPrimary, ui.Center)}
	case d.h.Notice != nil: // the clock is in the header: room for the announcement
		notice := container.NewStack(spacerOf(d.px(noticeHeight)), d.notice(*d.h.Notice))
		objs = []fyne.CanvasObject{layout.NewSpacer(), notice, layout.NewSpacer(), d.label("closed", 64, ui.ColorPrimary, ui.Center)}
	}
	if note := d.s.opts.Closed.In(d.s.main); note != "" {
		objs = append(objs, d.text(d.s.main, note, 40).Centered().Colored(ui.ColorText))
		if d.s.both && d.s.opts.Closed.EN != "" {
			objs = append(objs, d.text(lang.EN, d.s.opts.Closed.EN, 28).Centered().Colored(ui.ColorMuted))
		}
	}
	objs = append(objs, layout.NewSpacer())
	if d.isLost() {
		objs = append(objs, d.lost(), layout.NewSpacer())
	}
	return newInset(d.px(48), 0, vbox(objs...))
}

// bodyHeight is the height between the header and the ticker, inside the
// body's margins.
func (d *drawing) bodyHeight() float32 {
	return d.size.Height - d.px(headerHeight+tickerHeight+2*gap)
}

// newestHeight is the height of the newest call's panel: the ticket
// number's line and the panel's margins.
func (d *drawing) newestHeight() float32 {
	return latinHeight(d.px(TicketSize), true) + 2*d.px(16)
}

// live is the body of an open center: the newest call and the lines on
// the reading side, the earlier calls on the other.
func (d *drawing) live() fyne.CanvasObject {
	g := d.px(gap)
	share := d.newestHeight() / (d.bodyHeight() - g)
	lower := d.lines()
	switch {
	case d.isLost(): // the banner instead of the queues, the calls dimmed
		lower = d.lost()
	case d.h.Notice != nil:
		lower = d.notice(*d.h.Notice)
	}
	main := newSplit(false, share, g, false, d.dim(d.newest()), lower)
	return newInset(g, g, newSplit(true, 0.64, g, d.rtl(), main, d.dim(d.recent())))
}

// isLost reports whether the frame cannot be trusted.
func (d *drawing) isLost() bool { return d.h.Link == model.BusLost || d.h.Link == model.ApplianceLost }

// dim veils o when the frame cannot be trusted: what it shows may be out
// of date.
func (d *drawing) dim(o fyne.CanvasObject) fyne.CanvasObject {
	if !d.isLost() {
		return o
	}
	return container.NewStack(o, canvas.NewRectangle(color.NRGBA{0xF6, 0xF5, 0xF1, 0xA0}))
}

// newest is the newest call: its ticket number very large, and the window
// to go to beside it. It flashes when new.
func (d *drawing) newest() fyne.CanvasObject {
	fill, fg, muted := color.Color(ui.ColorHeader), color.Color(ui.ColorOnPrimary), color.Color(colorOnHeaderMuted)
	if d.flash {
		fill, fg, muted = colorFlash, ui.ColorText, ui.ColorText
	}
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = d.px(18)
	c := d.h.Newest
	if c == nil {
		return container.NewStack(bg, middle(d.label("nocall", 56, fg, ui.Center)))
	}
	number := d.ticket(c.Ticket, d.px(TicketSize), fg)
	number.Alignment = fyne.TextAlignCenter
	key := "goto"
	if c.Recall {
		key = "recall"
	}
	win := d.text(d.s.main, d.window(d.s.main, *c), 88).Bolded().Colored(fg)
	objs := []fyne.CanvasObject{layout.NewSpacer(), d.label(key, 32, muted, ui.Start), win}
	if d.s.both {
		en := d.text(lang.EN, d.window(lang.EN, *c), 34).Colored(fg)
		en.RTL = d.rtl()
		win.TextSize = d.px(64)
		objs[1] = d.label(key, 28, muted, ui.Start)
		objs = append(objs, en)
	}
	objs = append(objs, layout.NewSpacer())
	// The number takes what it needs; the window's name shrinks to fit.
	width := (d.size.Width-d.px(3*gap))*0.64 - 2*d.px(24)
	share := min(0.62, (number.MinSize().Width+d.px(16))/width)
	row := newSplit(true, share, d.px(24), d.rtl(), middle(number), vbox(objs...))
	return container.NewStack(bg, newInset(d.px(24), d.px(16), row))
}

// ticket is a ticket number: Latin letters and digits, left to right, in
// the Latin font (its line is much shorter than the Arabic font's).
func (d *drawing) ticket(s string, size float32, c color.Color) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize, t.TextStyle, t.FontSource = size, fyne.TextStyle{Bold: true}, ui.LatinFont(true)
	return t
}

// window is where call c goes, in language l: the window's name, or
// its number.
func (d *drawing) window(l lang.Lang, c model.Call) string {
	p := d.p(l)
	name := c.Window.AR
	if l == lang.EN {
		name = c.Window.EN
	}
	if name == "" {
		return d.word(l, "window", p.N(c.Counter))
	}
	return p.Digits(name)
}

// recent is the list of earlier calls, newest first, in fixed rows.
func (d *drawing) recent() fyne.CanvasObject {
	title := d.label("recent", 30, ui.ColorHeader, ui.Start)
	rg := d.px(6)
	pad := d.px(16)
	rowH := (d.bodyHeight() - 2*pad - d.titleHeight(30) - rg*float32(model.MaxRecent-1)) / model.MaxRecent
	tsize := min(d.px(RecentTicketSize), rowH/latinHeight(100, true)*100*0.98)
	wsize := min(d.px(44), rowH/lineHeight(100, true)*100*0.98)
	// The numbers take the width of the widest; the windows the rest.
	rowW := (d.size.Width-d.px(3*gap))*0.36 - 2*pad - 2*d.px(20)
	numW := float32(0)
	for _, c := range d.h.Recent {
		numW = max(numW, d.ticket(c.Ticket, tsize, nil).MinSize().Width)
	}
	share := min(0.6, (numW+d.px(8))/rowW)
	box := newRows(rg)
	for i := range model.MaxRecent {
		bg := canvas.NewRectangle(ui.ColorSurface)
		if i%2 == 0 {
			bg.FillColor = ui.ColorBackground
		}
		bg.CornerRadius = d.px(10)
		bg.SetMinSize(fyne.NewSize(0, rowH))
		if i >= len(d.h.Recent) {
			bg.FillColor = color.Transparent // an empty slot
			box.Add(bg)
			continue
		}
		c := d.h.Recent[i]
		num := d.ticket(c.Ticket, tsize, ui.ColorPrimary)
		if d.rtl() {
			num.Alignment = fyne.TextAlignTrailing
		}
		var win fyne.CanvasObject = ui.NewText(d.window(d.s.main, c), wsize, d.rtl()).Bolded().Fit(1).Colored(ui.ColorText)
		if d.s.both { // the English under the Arabic, sharing the row
			h := rowH / lineHeight(100, true) * 100 * 0.98
			en := ui.NewText(d.window(lang.EN, c), h*0.38, d.rtl()).Fit(1).Colored(ui.ColorMuted)
			win = vbox(ui.NewText(d.window(d.s.main, c), h*0.6, d.rtl()).Bolded().Fit(1).Colored(ui.ColorText), en)
		}
		row := newSplit(true, share, d.px(16), d.rtl(), middle(num), middle(win))
		box.Add(container.NewStack(bg, newInset(d.px(20), 0, row)))
	}
	return d.panel(newBorder(newInset(d.px(8), 0, title), nil, box), pad)
}

// panel is a white card with content inset by pad.
func (d *drawing) panel(content fyne.CanvasObject, pad float32) fyne.CanvasObject {
	bg := canvas.NewRectangle(ui.ColorSurface)
	bg.CornerRadius, bg.StrokeWidth, bg.StrokeColor = d.px(18), d.px(2), ui.ColorBorder
	return container.NewStack(bg, newInset(pad, pad, content))
}

// titleHeight is the height of a label of that design size.
func (d *drawing) titleHeight(size float32) float32 {
	h := lineHeight(d.px(size), true)
	if d.s.both {
		h += lineHeight(d.px(size*0.6), true)
	}
	return h
}

// lines is the table of services: name, people waiting, expected wait.
// It lists the services people wait for, the longest queue first, as many
// as fit at a size read from a few metres (minRow); a last row says how
// many more wait elsewhere, and a table with no one waiting says so.
// Its rows share the height left; the text follows the row height.
func (d *drawing) lines() fyne.CanvasObject {
	pad, rg := d.px(12), d.px(4)
	inner := d.bodyHeight() - d.newestHeight() - d.px(gap) - 2*pad - d.titleHeight(26) - rg
	per := float32(1)
	if d.s.both {
		per = 1.6 // the English name under the Arabic one
	}
	fit := max(int((inner+rg)/(d.px(minRow)*per+rg)), 1)
	shown, more := waitingLines(d.h.Lines, fit)
	n := max(len(shown), 1)
	if more > 0 {
		n++
	}
	rowH := min((inner-rg*float32(n-1))/float32(n), d.px(100))
	size := min(d.px(40), rowH/per/lineHeight(100, true)*100*0.98)
	head := d.columns(d.label("service", 26, ui.ColorMuted, ui.Start), d.label("waiting", 26, ui.ColorMuted, ui.Center), d.label("wait", 26, ui.ColorMuted, ui.Center))
	rows := newRows(rg)
	p := d.p(d.s.main)
	row := func(content fyne.CanvasObject) {
		bg := canvas.NewRectangle(ui.ColorBackground)
		bg.CornerRadius = d.px(8)
		bg.SetMinSize(fyne.NewSize(0, rowH))
		rows.Add(container.NewStack(bg, newInset(d.px(12), 0, content)))
	}
	if len(shown) == 0 {
		row(middle(d.label("nowaiting", min(size, d.px(36)), ui.ColorMuted, ui.Center)))
	}
	for _, l := range shown {
		name := textIn(l.Name, d.s.main)
		if name == "" {
			name = l.Service
		}
		nameObj := fyne.CanvasObject(ui.NewText(name, size, d.rtl()).Bolded().Fit(1))
		if d.s.both {
			en := l.Name.EN
			if en == "" {
				en = l.Service
			}
			nameObj = vbox(nameObj, ui.NewText(en, size*0.6, d.rtl()).Fit(1).Colored(ui.ColorMuted))
		}
		wait := "—"
		if l.Wait >= 0 {
			wait = p.Minutes(l.Wait)
		}
		count := ui.NewText(p.N(l.Waiting), size, d.rtl()).Bolded().Centered().Fit(1).Colored(ui.ColorPrimary)
		wt := ui.NewText(wait, size, d.rtl()).Bolded().Centered().Fit(1)
		row(d.columns(middle(nameObj), middle(count), middle(wt)))
	}
	if more > 0 {
		var m fyne.CanvasObject = ui.NewText(d.word(d.s.main, "more", p.N(more)), size*0.8, d.rtl()).Fit(1).Colored(ui.ColorMuted)
		if d.s.both {
			en := ui.NewText(d.word(lang.EN, "more", d.p(lang.EN).N(more)), size*0.5, d.rtl()).Fit(1).Colored(ui.ColorMuted)
			m = vbox(m, en)
		}
		row(middle(m))
	}
	return d.panel(newBorder(newInset(d.px(12), 0, head), nil, rows), pad)
}

// minRow is the least height of a row of the table of services at
// 1920×1080: text of about 28 px, read from a few metres.
const minRow = 64

// waitingLines are the services with people waiting, the longest queue
// first (then by code), at most fit rows, and how many more have people
// waiting. With more than fit, one row goes to saying how many more.
func waitingLines(lines []model.Line, fit int) (shown []model.Line, more int) {
	for _, l := range lines {
		if l.Waiting > 0 {
			shown = append(shown, l)
		}
	}
	slices.SortStableFunc(shown, func(a, b model.Line) int {
		if a.Waiting != b.Waiting {
			return b.Waiting - a.Waiting
		}
		return strings.Compare(a.Service, b.Service)
	})
	if len(shown) > fit {
		more = len(shown) - (fit - 1)
		shown = shown[:fit-1]
	}
	return shown, more
}

// columns lays out a table row: a wide first column, then two.
func (d *drawing) columns(a, b, c fyne.CanvasObject) fyne.CanvasObject {
	return newSplit(true, 0.56, d.px(12), d.rtl(), a, newSplit(true, 0.45, d.px(12), d.rtl(), b, c))
}

// lost is the banner that says the frame cannot be trusted: in both
// languages, whatever the screen's.
func (d *drawing) lost() fyne.CanvasObject {
	why := "lost.bus"
	if d.h.Link == model.ApplianceLost {
		why = "lost.appliance"
	}
	since := func(l lang.Lang) string {
		p := d.p(l)
		t, now := d.h.Since.In(d.s.opts.Location), d.h.Now.In(d.s.opts.Location)
		s := p.Clock(t)
		if t.YearDay() != now.YearDay() || t.Year() != now.Year() {
			s = p.Date(t) + " " + s
		}
		return s
	}
	lines := []fyne.CanvasObject{layout.NewSpacer(), d.bilingual("lost", 56, ui.ColorError)}
	if d.h.Since.IsZero() {
		lines = append(lines, d.bilingual(why, 36, ui.ColorText))
	} else {
		lines = append(lines, d.bilingual(why+".since", 36, ui.ColorText, since))
	}
	lines = append(lines, layout.NewSpacer())
	bg := canvas.NewRectangle(ui.ColorWarn)
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = ui.ColorError, d.px(6), d.px(18)
	return container.NewStack(bg, newInset(d.px(32), d.px(16), vbox(lines...)))
}

var (
	colorFlash         = color.NRGBA{0xF5, 0xC5, 0x18, 0xFF} // amber: a new call
	colorOnHeaderMuted = color.NRGBA{0xC9, 0xD6, 0xE3, 0xFF}
)

// textIn is t in language l.
func textIn(t contract.Text, l lang.Lang) string {
	return lang.Text{AR: t.AR, EN: t.EN}.In(l)
}

// words are the display's messages.
var words = map[string]lang.Text{
	"goto":                 {AR: "تفضل إلى", EN: "Please go to"},
	"notice":               {AR: "إعلان", EN: "Announcement"},
	"recall":               {AR: "نداء مرة أخرى: تفضل إلى", EN: "Called again: please go to"},
	"nocall":               {AR: "لم يُنادَ أي رقم بعد", EN: "No number called yet"},
	"window":               {AR: "شباك {0}", EN: "Window {0}"},
	"recent":               {AR: "الأرقام السابقة", EN: "Previous numbers"},
	"service":              {AR: "الخدمة", EN: "Service"},
	"waiting":              {AR: "في الانتظار", EN: "Waiting"},
	"wait":                 {AR: "الانتظار المتوقع", EN: "Expected wait"},
	"nowaiting":            {AR: "لا أحد في الانتظار الآن", EN: "No one is waiting now"},
	"more":                 {AR: "خدمات أخرى بها منتظرون: {0}", EN: "Other services with people waiting: {0}"},
	"closed":               {AR: "المركز مغلق الآن", EN: "The center is closed"},
	"connecting":           {AR: "جارٍ الاتصال…", EN: "Connecting…"},
	"lost":                 {AR: "انقطع الاتصال — قد لا تكون الأرقام محدثة", EN: "Connection lost — numbers may be out of date"},
	"lost.bus":             {AR: "الشاشة غير متصلة بالشبكة", EN: "This screen is off the network"},
	"lost.appliance":       {AR: "نظام الدور لا يرد", EN: "The queue system is not answering"},
	"lost.bus.since":       {AR: "الشاشة غير متصلة بالشبكة منذ {0}", EN: "This screen has been off the network since {0}"},
	"lost.appliance.since": {AR: "نظام الدور لا يرد منذ {0}", EN: "The queue system has not answered since {0}"},
}

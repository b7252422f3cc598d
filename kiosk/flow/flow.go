// Package flow is the citizen's path through the kiosk as a state machine
// in plain Go: screens, taps, keypad input, the national-ID and mobile
// checks, issuing and printing the ticket, idle timeout and the hidden
// maintenance entry. The Fyne screens in package kiosk only draw a Flow and
// forward taps to it, so every path is tested here without a display.
//
// A Flow is not safe for concurrent use: the UI calls it from one goroutine.
package flow

import (
	"context"
	"time"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/lang"
	"tabour/nationalid"
	"tabour/queue"
	"tabour/ui/i18n"
)

// Screen names a kiosk screen.
type Screen string

// Screens.
const (
	Home        Screen = "home"
	Categories  Screen = "categories"
	Services    Screen = "services"
	Service     Screen = "service"
	NationalID  Screen = "national_id"
	Priority    Screen = "priority"
	Mobile      Screen = "mobile"
	Confirm     Screen = "confirm"
	Ticket      Screen = "ticket"
	Inquiry     Screen = "inquiry"
	Answer      Screen = "inquiry_answer"
	Appointment Screen = "appointment"
	PIN         Screen = "pin"
	Admin       Screen = "admin"
)

// Engine is what the kiosk needs of the queue engine (*queue.Engine).
type Engine interface {
	Issue(ctx context.Context, req queue.IssueRequest) (queue.Ticket, error)
	EstimateNew(ctx context.Context, service string) (queue.Estimate, error)
	EstimateTicket(ctx context.Context, id int64) (queue.Estimate, error)
	Counters(ctx context.Context) ([]queue.Counter, error)
}

// Booking is a booked appointment found by its reference.
type Booking struct {
	Service string
	At      time.Time
}

// Appointments finds today's bookings (from the workflow server, or a
// local file in a simulated center).
type Appointments interface {
	Find(ctx context.Context, ref string) (Booking, bool, error)
}

// Inquirer asks the workflow server about an application. It returns
// an error when the server does not answer in time.
type Inquirer interface {
	Inquire(ctx context.Context, application string) (InquiryAnswer, error)
}

// InquiryAnswer is the server's answer about an application.
type InquiryAnswer struct {
	Found  bool
	Status lang.Text // where the application stands
	Next   lang.Text // what the citizen should do, if anything
}

// SMS takes a mobile number for a "your turn is near" text. The number
// must never be stored or sent in clear (see package mqtt): Seal seals it
// to the workflow server's key, and the box is issued with the ticket
// (queue.IssueRequest.SMSBox), in its transaction; Keep stores a box with
// the citizen's existing ticket when Issue returned that one instead.
type SMS interface {
	Seal(mobile string) (string, error)
	Keep(ctx context.Context, t queue.Ticket, sealed string) error
}

// Options configure a Flow.
type Options struct {
	Center        lang.Text
	Language      lang.Lang
	ArabicDigits  bool
	IdleTimeout   time.Duration
	TicketTimeout time.Duration // the ticket screen returns home after this (three times as long when not printed)
	PrintTimeout  time.Duration // a print that takes longer is given up (the ticket stays on screen)
	TicketBaseURL string
	CheckMode     nationalid.CheckMode
	NIDKey        []byte // key of the national-ID hash (16 bytes or more)
	ElderlyAge    int    // age from which the ID gives priority
	PriorityEvery int    // shown to citizens choosing priority
	AdminPIN      string
	Common        []string // service codes shown on the home screen
	Location      *time.Location
	ApptEarly     time.Duration
	ApptLate      time.Duration
}

// Deps are the Flow's collaborators.
type Deps struct {
	Engine       Engine
	Printer      printer.Printer
	Catalog      config.Catalog
	Appointments Appointments // nil: check-in is not offered
	SMS          SMS          // nil: the mobile step is skipped
	Inquirer     Inquirer     // nil: an inquiry always takes a ticket
	Clock        queue.Clock  // nil: wall clock
	Quit         func()       // the maintenance screen's "quit"
}

// Flow is one kiosk's citizen flow.
type Flow struct {
	opts Options
	deps Deps

	screen  Screen
	history []Screen
	lang    lang.Lang
	taps    int // taps since the home screen
	last    time.Time

	purpose   queue.Kind
	category  string
	service   string
	booking   *Booking
	keypad    string // digits being typed on the current keypad screen
	inputErr  *lang.Text
	nidHash   string
	elderly   bool
	priority  queue.Priority
	mobile    string
	issued    *Issued
	answer    *InquiryAnswer
	notice    *lang.Text // a banner on the current screen
	corner    []time.Time
	pinFails  int
	adminNote *lang.Text
	estimate  *queue.Estimate // of the service on screen, once known
	busy      Busy
	prioBack  bool // the priority screen was opened from the confirmation
	warned    bool // the idle warning is on screen

	// kept across citizens
	printer printer.Status // last reported
	post    func(func())   // runs a function on the UI goroutine (SetPost)
	gen     int            // counts resets: a late result for a citizen who left is dropped
}

// msg is a catalog message in both languages (digits are applied when
// shown).
func msg(key string, args ...any) *lang.Text {
	return both(false, func(p i18n.Printer) string { return p.T(key, args...) })
}

// both is a message to tell the citizen in both languages, written by
// write once in each, with Arabic-Indic digits in Arabic if arabicDigits.
func both(arabicDigits bool, write func(p i18n.Printer) string) *lang.Text {
	return &lang.Text{
		AR: write(i18n.Printer{Lang: lang.AR, ArabicDigits: arabicDigits}),
		EN: write(i18n.Printer{Lang: lang.EN, ArabicDigits: arabicDigits}),
	}
}

// New returns a Flow on the home screen.
func New(opts Options, deps Deps) *Flow {
	if deps.Clock == nil {
		deps.Clock = wallClock{}
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.ElderlyAge == 0 {
		opts.ElderlyAge = 65
	}
	if opts.TicketTimeout <= 0 {
		opts.TicketTimeout = 20 * time.Second
	}
	if opts.PrintTimeout <= 0 {
		opts.PrintTimeout = 10 * time.Second
	}
	f := &Flow{opts: opts, deps: deps}
	f.reset()
	return f
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// reset returns to the home screen in the default language and forgets
// everything the last citizen entered.
func (f *Flow) reset() {
	*f = Flow{opts: f.opts, deps: f.deps, screen: Home, lang: f.opts.Language, last: f.deps.Clock.Now(),
		printer: f.printer, post: f.post, gen: f.gen + 1}
	if f.lang == "" {
		f.lang = lang.AR
	}
}

// Screen is the screen to show.
func (f *Flow) Screen() Screen { return f.screen }

// Lang is the language in use.
func (f *Flow) Lang() lang.Lang { return f.lang }

// P formats text for the current language and digits.
func (f *Flow) P() i18n.Printer {
	return i18n.Printer{Lang: f.lang, ArabicDigits: f.opts.ArabicDigits}
}

// Taps counts the taps since the home screen.
func (f *Flow) Taps() int { return f.taps }

// Notice is a banner for the current screen, if any.
func (f *Flow) Notice() *lang.Text { return f.notice }

// InputError is why the keypad input was refused, if it was.
func (f *Flow) InputError() *lang.Text { return f.inputErr }

// Keypad is what has been typed on the current keypad screen.
func (f *Flow) Keypad() string { return f.keypad }

// Options returns the options.
func (f *Flow) Options() Options { return f.opts }

// tap records a citizen's action.
func (f *Flow) tap() {
	f.taps++
	f.last = f.deps.Clock.Now()
	f.notice = nil
}

// goTo shows a screen, remembering the current one for Back.
func (f *Flow) goTo(s Screen) {
	f.history = append(f.history, f.screen)
	f.screen = s
	f.keypad, f.inputErr = "", nil
	if s == Service {
		f.loadEstimate()
	}
}

// Back returns to the previous screen.
func (f *Flow) Back() {
	f.tap()
	if len(f.history) == 0 || f.screen == Ticket {
		f.reset()
		return
	}
	if f.screen == NationalID {
		f.nidHash, f.elderly = "", false
		if f.priority == queue.PriorityElderly {
			f.priority = ""
		}
	}
	f.prioBack = false
	f.screen = f.history[len(f.history)-1]
	f.history = f.history[:len(f.history)-1]
	f.keypad, f.inputErr = "", nil
}

// HomeTap starts over.
func (f *Flow) HomeTap() { f.reset() }

// ToggleLang switches between Arabic and English; it is on every screen.
func (f *Flow) ToggleLang() {
	f.last = f.deps.Clock.Now()
	f.lang = f.lang.Other()
}

// warnBefore is how long before an idle reset the kiosk warns.
const warnBefore = 10 * time.Second

// timeout is how long the current screen waits for a tap before the kiosk
// returns home: the ticket screen is short, so the next citizen never
// sees the last one's number, but longer when the ticket was not printed
// and must be photographed.
func (f *Flow) timeout() time.Duration {
	if f.screen == Ticket && f.issued != nil {
		if f.issued.PrintErr != nil {
			return 3 * f.opts.TicketTimeout
		}
		return f.opts.TicketTimeout
	}
	return f.opts.IdleTimeout
}

// IdleLeft is the time left before the kiosk returns home by itself when
// that is soon (warn is true in the last ten seconds), so the screen can
// ask "are you still there?".
func (f *Flow) IdleLeft() (left time.Duration, warn bool) {
	if f.screen == Home || f.timeout() <= 0 || f.busy != NotBusy {
		return 0, false
	}
	left = f.timeout() - f.deps.Clock.Now().Sub(f.last)
	return left, left <= min(warnBefore, f.timeout()/3)
}

// StillHere is the tap on the "are you still there?" warning, or any
// other sign of a citizen that is not a tap (a finger dragging a list).
func (f *Flow) StillHere() { f.last = f.deps.Clock.Now() }

// Tick is called about once a second. After the screen's timeout without
// a tap the kiosk returns home; in the last seconds before that it warns.
// Tick reports whether the screen must be redrawn: while warning, and once
// when the warning goes.
func (f *Flow) Tick() bool {
	left, warn := f.IdleLeft()
	switch {
	case !warn:
		was := f.warned
		f.warned = false
		return was
	case left <= 0:
		f.reset()
		return true
	}
	f.warned = true
	return true
}

package flow

import (
	"context"
	"crypto/subtle"
	"errors"
	"regexp"
	"time"

	"tabour/nationalid"
	"tabour/queue"
	"tabour/ui/i18n"
)

// keypad limits, per screen.
var keypadMax = map[Screen]int{NationalID: 14, Mobile: 11, Appointment: 12, Inquiry: 16, PIN: 8}

// Digit is a tap on a keypad digit; Arabic-Indic digits are accepted too.
func (f *Flow) Digit(d rune) {
	f.tap()
	s := i18n.ToASCII(string(d))
	if len(s) != 1 || s[0] < '0' || s[0] > '9' || len(f.keypad) >= keypadMax[f.screen] {
		return
	}
	f.keypad += s
	f.inputErr = nil
}

// Backspace removes the last digit typed.
func (f *Flow) Backspace() {
	f.tap()
	if f.keypad != "" {
		f.keypad = f.keypad[:len(f.keypad)-1]
	}
	f.inputErr = nil
}

// Clear empties the keypad.
func (f *Flow) Clear() {
	f.tap()
	f.keypad, f.inputErr = "", nil
}

// Scan is input from the ID scanner. On the national-ID screen it fills
// the keypad and submits it; anywhere else it is ignored (a card scanned
// by mistake must not do anything).
func (f *Flow) Scan(s string) {
	if f.screen != NationalID {
		return
	}
	f.tap()
	f.keypad = ""
	for _, r := range i18n.ToASCII(s) {
		if r >= '0' && r <= '9' && len(f.keypad) < 32 {
			f.keypad += string(r)
		}
	}
	f.Next()
}

// Next submits the current keypad screen.
func (f *Flow) Next() {
	f.tap()
	ctx := context.Background()
	switch f.screen {
	case NationalID:
		f.submitNationalID()
	case Mobile:
		f.submitMobile()
	case Appointment:
		f.submitBooking(ctx)
	case Inquiry:
		f.submitInquiry()
	case PIN:
		f.submitPIN()
	case Priority:
		f.afterPriority()
	}
}

func (f *Flow) submitNationalID() {
	if f.keypad == "" {
		f.goTo(Priority)
		return
	}
	now := f.deps.Clock.Now().In(f.opts.Location)
	id, err := nationalid.Parse(f.keypad, now, f.opts.CheckMode)
	var nerr *nationalid.Error
	if errors.As(err, &nerr) {
		f.inputErr = &Message{nerr.AR(), nerr.EN()}
		return
	}
	hash, err := id.Hash(f.opts.NIDKey)
	if err != nil {
		f.inputErr = msg("nid.unusable")
		return
	}
	f.nidHash = hash
	f.elderly = id.Age(now) >= f.opts.ElderlyAge
	if f.elderly {
		f.priority = queue.PriorityElderly
	}
	f.goTo(Priority) // clears the typed digits: they are never kept
}

// HasNationalID reports whether a valid ID was entered.
func (f *Flow) HasNationalID() bool { return f.nidHash != "" }

// Elderly reports whether the ID entered gives senior priority.
func (f *Flow) Elderly() bool { return f.elderly }

// PriorityChoices lists the self-declared priority classes.
func (f *Flow) PriorityChoices() []queue.Priority {
	return []queue.Priority{queue.PriorityNone, queue.PriorityElderly, queue.PriorityDisability, queue.PriorityPregnancy}
}

// ChosenPriority is the priority the ticket will carry.
func (f *Flow) ChosenPriority() queue.Priority {
	if f.priority == "" {
		return queue.PriorityNone
	}
	return f.priority
}

// ChoosePriority is a tap on a priority class; it moves on.
func (f *Flow) ChoosePriority(p queue.Priority) {
	f.tap()
	f.priority = p
	f.afterPriority()
}

func (f *Flow) afterPriority() {
	if f.deps.SMS != nil {
		f.goTo(Mobile)
		return
	}
	f.goTo(Confirm)
}

var egyptMobile = regexp.MustCompile(`^01[0125][0-9]{8}$`)

func (f *Flow) submitMobile() {
	if f.keypad != "" && !egyptMobile.MatchString(f.keypad) {
		f.inputErr = msg("mobile.invalid")
		return
	}
	f.mobile = f.keypad
	f.goTo(Confirm)
}

// WantsSMS reports whether a mobile number was given.
func (f *Flow) WantsSMS() bool { return f.mobile != "" }

func (f *Flow) submitBooking(ctx context.Context) {
	b, ok, err := f.deps.Appointments.Find(ctx, f.keypad)
	if err != nil || !ok {
		f.inputErr = msg("appt.notfound")
		return
	}
	now := f.deps.Clock.Now()
	if now.Before(b.At.Add(-f.opts.ApptEarly)) || now.After(b.At.Add(f.opts.ApptLate)) {
		p := func(l i18n.Lang) i18n.Printer { return i18n.Printer{Lang: l, ArabicDigits: f.opts.ArabicDigits} }
		at := b.At.In(f.opts.Location)
		early := f.opts.ApptEarly
		f.inputErr = &Message{
			p(i18n.AR).T("appt.window", p(i18n.AR).Clock(at), p(i18n.AR).Minutes(early)),
			p(i18n.EN).T("appt.window", p(i18n.EN).Clock(at), p(i18n.EN).Minutes(early)),
		}
		return
	}
	if _, ok := f.deps.Catalog.Service(b.Service); !ok {
		f.inputErr = msg("appt.service")
		return
	}
	f.booking, f.service = &b, b.Service
	f.goTo(Confirm)
}

// Booking is the appointment being checked in, if any.
func (f *Flow) Booking() *Booking { return f.booking }

// submitInquiry asks the workflow server about the application number
// typed, if there is one and a server to ask; otherwise, or when the
// server does not answer within four seconds, it goes on to an inquiry
// ticket.
func (f *Flow) submitInquiry() {
	if f.keypad != "" && f.deps.Inquirer != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
		defer cancel()
		ans, err := f.deps.Inquirer.Inquire(ctx, f.keypad)
		if err == nil {
			f.answer = &ans
			f.goTo(Answer)
			return
		}
		f.notice = msg("inquiry.noanswer")
	}
	f.inquiryTicket()
}

// InquiryAnswer is the server's answer on screen.
func (f *Flow) InquiryAnswer() *InquiryAnswer { return f.answer }

// AnswerTicket is "take an inquiry ticket anyway" on the answer screen.
func (f *Flow) AnswerTicket() {
	f.tap()
	f.inquiryTicket()
}

// inquiryTicket sends the citizen to the inquiry desk: the service whose
// first kind is inquiry, else any service that takes inquiries.
func (f *Flow) inquiryTicket() {
	var found string
	for _, s := range f.deps.Catalog.Services {
		if accepts(s, queue.KindInquiry) && (found == "" || s.Kinds[0] == queue.KindInquiry) {
			found = s.Code
		}
	}
	if found != "" {
		f.service = found
		f.goTo(Confirm)
		return
	}
	f.inputErr = msg("inquiry.none")
}

// CornerTap is a tap on the hidden corner: five within three seconds open
// the maintenance PIN screen.
func (f *Flow) CornerTap() {
	now := f.deps.Clock.Now()
	keep := f.corner[:0]
	for _, t := range f.corner {
		if now.Sub(t) < 3*time.Second {
			keep = append(keep, t)
		}
	}
	f.corner = append(keep, now)
	if len(f.corner) >= 5 && f.opts.AdminPIN != "" {
		f.corner = nil
		f.last = now
		f.goTo(PIN)
	}
}

func (f *Flow) submitPIN() {
	if subtleEqual(f.keypad, f.opts.AdminPIN) {
		f.pinFails = 0
		f.goTo(Admin)
		return
	}
	f.pinFails++
	f.keypad = ""
	f.inputErr = msg("admin.wrong")
	if f.pinFails >= 3 {
		f.reset()
	}
}

func subtleEqual(a, b string) bool {
	return b != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

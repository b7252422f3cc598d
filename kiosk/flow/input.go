package flow

import (
	"context"
	"crypto/subtle"
	"errors"
	"regexp"
	"slices"
	"time"

	"tabour/lang"
	"tabour/nationalid"
	"tabour/queue"
	"tabour/ui/i18n"
)

// keypad limits, per screen.
var keypadMax = map[Screen]int{NationalID: 14, Mobile: 11, Appointment: 12, Inquiry: 16, PIN: 8}

// KeypadMax is how many digits the current keypad screen takes.
func (f *Flow) KeypadMax() int { return keypadMax[f.screen] }

// Digit is a tap on a keypad digit; Arabic-Indic digits are accepted too.
// A digit past the screen's length is refused with a word, not dropped.
func (f *Flow) Digit(d rune) {
	f.tap()
	s := lang.ToASCII(string(d))
	if len(s) != 1 || s[0] < '0' || s[0] > '9' {
		return
	}
	if n := keypadMax[f.screen]; len(f.keypad) >= n {
		f.inputErr = counted("input.full", n)
		return
	}
	f.keypad += s
	f.inputErr = nil
}

// counted is a catalog message whose argument is a count of digits.
func counted(key string, n int) *lang.Text {
	return both(false, func(p i18n.Printer) string { return p.T(key, p.Count("digits", n)) })
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
// the keypad and submits it; a scan with no digits says it was not read.
// Anywhere else it is ignored (a card scanned by mistake must not do
// anything).
func (f *Flow) Scan(s string) {
	if f.screen != NationalID || f.busy != NotBusy {
		return
	}
	f.tap()
	f.keypad = ""
	for _, r := range lang.ToASCII(s) {
		if r >= '0' && r <= '9' && len(f.keypad) < 32 {
			f.keypad += string(r)
		}
	}
	if f.keypad == "" {
		f.inputErr = msg("scan.unread")
		return
	}
	f.Next()
}

// Next submits the current keypad screen.
func (f *Flow) Next() {
	f.tap()
	if f.busy != NotBusy {
		return
	}
	switch f.screen {
	case NationalID:
		f.submitNationalID()
	case Mobile:
		f.submitMobile()
	case Appointment:
		f.submitBooking()
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
		f.inputErr = &lang.Text{AR: nerr.AR(), EN: nerr.EN()}
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
		// Senior priority without another tap: straight on, and every
		// following screen says so.
		f.priority = queue.PriorityElderly
		f.afterPriority() // clears the typed digits: they are never kept
		return
	}
	if f.priority == queue.PriorityElderly {
		f.priority = "" // the ID shows under the age: not self-declared
	}
	f.goTo(Priority) // clears the typed digits: they are never kept
}

// HasNationalID reports whether a valid ID was entered.
func (f *Flow) HasNationalID() bool { return f.nidHash != "" }

// Elderly reports whether the ID entered gives senior priority.
func (f *Flow) Elderly() bool { return f.elderly }

// PriorityChoices lists the priority classes a citizen may choose: a
// detected senior keeps senior priority (and may only name another class),
// and an ID that shows under the age cannot declare "senior".
func (f *Flow) PriorityChoices() []queue.Priority {
	switch {
	case f.elderly:
		return []queue.Priority{queue.PriorityElderly, queue.PriorityDisability, queue.PriorityPregnancy}
	case f.HasNationalID():
		return []queue.Priority{queue.PriorityNone, queue.PriorityDisability, queue.PriorityPregnancy}
	}
	return []queue.Priority{queue.PriorityNone, queue.PriorityElderly, queue.PriorityDisability, queue.PriorityPregnancy}
}

// ChosenPriority is the priority the ticket will carry.
func (f *Flow) ChosenPriority() queue.Priority {
	if f.priority == "" {
		return queue.PriorityNone
	}
	return f.priority
}

// ChoosePriority is a tap on a priority class; it moves on. A class the
// screen does not offer changes nothing.
func (f *Flow) ChoosePriority(p queue.Priority) {
	f.tap()
	if !slices.Contains(f.PriorityChoices(), p) {
		return
	}
	f.priority = p
	f.afterPriority()
}

// ChangePriority opens the priority screen from the confirmation, for a
// citizen who needs priority and went straight to "get a ticket".
func (f *Flow) ChangePriority() {
	f.tap()
	if f.screen != Confirm {
		return
	}
	f.goTo(Priority)
	f.prioBack = true
}

func (f *Flow) afterPriority() {
	if f.prioBack { // back to the confirmation it came from
		f.prioBack = false
		f.Back()
		return
	}
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

func (f *Flow) submitBooking() {
	if f.deps.Appointments == nil {
		f.inputErr = msg("appt.notfound")
		return
	}
	f.busy = Checking
	appts, ref := f.deps.Appointments, f.keypad
	f.background(func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
		defer cancel()
		b, ok, err := appts.Find(ctx, ref)
		return func() {
			f.busy = NotBusy
			if err != nil || !ok {
				f.inputErr = msg("appt.notfound")
				return
			}
			f.checkIn(b)
		}
	})
}

// checkIn accepts a booking found inside its check-in window.
func (f *Flow) checkIn(b Booking) {
	now := f.deps.Clock.Now()
	if now.Before(b.At.Add(-f.opts.ApptEarly)) || now.After(b.At.Add(f.opts.ApptLate)) {
		at := b.At.In(f.opts.Location)
		early := f.opts.ApptEarly
		f.inputErr = both(f.opts.ArabicDigits, func(p i18n.Printer) string {
			return p.T("appt.window", p.Clock(at), p.Minutes(early))
		})
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
// ticket. The screen says "asking…" meanwhile.
func (f *Flow) submitInquiry() {
	if f.keypad == "" || f.deps.Inquirer == nil {
		f.inquiryTicket()
		return
	}
	f.busy = Asking
	inq, app := f.deps.Inquirer, f.keypad
	f.background(func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
		defer cancel()
		ans, err := inq.Inquire(ctx, app)
		return func() {
			f.busy = NotBusy
			if err == nil {
				f.answer = &ans
				f.goTo(Answer)
				return
			}
			f.inquiryTicket()
			f.notice = msg("inquiry.noanswer")
		}
	})
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

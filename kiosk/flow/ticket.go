package flow

import (
	"context"
	"errors"
	"log"
	"strings"
	"time"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/lang"
	"tabour/queue"
	"tabour/ui/i18n"
)

// Issued is the ticket on the ticket screen.
type Issued struct {
	Ticket    queue.Ticket
	Estimate  queue.Estimate
	Counters  []int
	QR        string
	Doc       printer.Ticket // the printed document, in the citizen's language
	Printing  bool           // the printer has it and has not answered yet
	PrintErr  error          // why it did not print (the screen says to photograph the QR)
	Duplicate bool           // the citizen already held this ticket: it was shown again
}

// Issued returns the ticket on screen.
func (f *Flow) Issued() *Issued { return f.issued }

// order is what the confirmation screen holds: a copy the issuing
// goroutine works from while the citizen may still tap.
type order struct {
	opts    Options
	lang    lang.Lang
	req     queue.IssueRequest
	booking *Booking
	mobile  string
}

// ConfirmTap issues the ticket and prints it, away from the UI goroutine.
// The ticket is committed before printing and shown at once; the print
// result follows. A second tap while issuing does nothing.
func (f *Flow) ConfirmTap() {
	f.tap()
	if f.busy != NotBusy || f.screen != Confirm {
		return
	}
	f.busy = Issuing
	o := order{opts: f.opts, lang: f.lang, booking: f.booking, mobile: f.mobile,
		req: queue.IssueRequest{Service: f.service, Priority: f.ChosenPriority(), Kind: f.purpose, NIDHash: f.nidHash}}
	if f.booking != nil {
		o.req.AppointmentAt = f.booking.At
	}
	deps := f.deps
	f.background(func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		iss, err := issue(ctx, deps, o)
		return func() {
			f.busy = NotBusy
			if err != nil {
				log.Printf("kiosk: issue %s: %v", o.req.Service, err)
				f.notice = msg("error.generic")
				return
			}
			f.mobile, f.nidHash = "", ""
			f.issued = iss
			f.goTo(Ticket)
			f.last = f.deps.Clock.Now()
			f.print()
		}
	})
}

// issue creates the ticket (or finds the citizen's existing one) and
// builds its printable document. It runs off the UI goroutine.
func issue(ctx context.Context, deps Deps, o order) (*Issued, error) {
	if o.mobile != "" && deps.SMS != nil {
		sealed, err := deps.SMS.Seal(o.mobile)
		if err != nil {
			log.Printf("kiosk: sms for a %s ticket: %v", o.req.Service, err) // never the number
		}
		o.req.SMSBox = sealed
	}
	t, err := deps.Engine.Issue(ctx, o.req)
	var dup *queue.DuplicateError
	iss := &Issued{}
	if errors.As(err, &dup) {
		t, err, iss.Duplicate = dup.Existing, nil, true
		if o.req.SMSBox != "" {
			if err := deps.SMS.Keep(ctx, t, o.req.SMSBox); err != nil {
				log.Printf("kiosk: sms for %s: %v", t.Label, err)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	iss.Ticket = t
	if iss.Estimate, err = deps.Engine.EstimateTicket(ctx, t.ID); err != nil {
		return nil, err
	}
	iss.Counters = counterNumbers(ctx, deps.Engine, t.Service)
	iss.QR = o.opts.TicketBaseURL + t.Ref
	iss.Doc = document(deps.Catalog, o, iss)
	return iss, nil
}

// print sends the ticket on screen to the printer, away from the UI
// goroutine; the screen says "printing…" until it answers or PrintTimeout
// passes, then shows the QR code to photograph if it did not print.
func (f *Flow) print() {
	iss := f.issued
	if f.deps.Printer == nil {
		iss.PrintErr = &printer.Error{State: printer.Offline}
		return
	}
	iss.Printing = true
	prn, doc, limit := f.deps.Printer, iss.Doc, f.opts.PrintTimeout
	f.background(func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		err := prn.Print(ctx, doc)
		if err != nil {
			log.Printf("kiosk: print %s: %v", doc.Number, err)
		}
		return func() {
			iss.Printing, iss.PrintErr = false, err
			if err != nil {
				f.last = f.deps.Clock.Now() // time to photograph the code
			}
		}
	})
}

// Done is the "done" tap on the ticket screen.
func (f *Flow) Done() { f.reset() }

// document builds the printed ticket in the citizen's language.
func document(cat config.Catalog, o order, iss *Issued) printer.Ticket {
	p := i18n.Printer{Lang: o.lang, ArabicDigits: o.opts.ArabicDigits}
	t := iss.Ticket
	svc, _ := cat.Service(t.Service)
	issued := t.IssuedAt.In(o.opts.Location)
	doc := printer.Ticket{
		Lang:    o.lang,
		Header:  o.opts.Center.In(o.lang),
		Number:  t.Label,
		Service: svc.Name.In(o.lang),
		Counter: goTo(p, iss.Counters),
		Ahead:   p.Count("ahead", iss.Estimate.Ahead),
		Wait:    waitText(p, iss.Estimate),
		Issued:  p.T("ticket.issued", p.Date(issued), p.Clock(issued)),
		QR:      iss.QR,
		Ref:     p.Digits(t.Ref),
		Footer:  p.T("ticket.footer"),
	}
	if t.Priority != "" && t.Priority != queue.PriorityNone {
		doc.Priority = p.T("ticket.priority", p.T("prio."+string(t.Priority)))
	}
	if o.booking != nil {
		doc.Wait = p.T("ticket.appt", p.Clock(o.booking.At.In(o.opts.Location)))
	}
	return doc
}

// GoTo says where to go: one counter, or the counters that serve it.
func (f *Flow) GoTo(counters []int) string { return goTo(f.P(), counters) }

func goTo(p i18n.Printer, counters []int) string {
	names := make([]string, len(counters))
	for i, n := range counters {
		names[i] = p.N(n)
	}
	if len(names) == 1 {
		return p.T("ticket.go.one", names[0])
	}
	return p.T("ticket.go.many", strings.Join(names, p.T("ticket.or")))
}

// WaitText is the expected wait, or why it is unknown.
func (f *Flow) WaitText(est queue.Estimate) string { return waitText(f.P(), est) }

func waitText(p i18n.Printer, est queue.Estimate) string {
	switch {
	case !est.Known:
		return p.T("service.wait.unknown")
	case est.Wait <= 0:
		return p.T("wait.none")
	case est.Ahead == 0 && est.Wait >= busyWait:
		// Nobody waits for this service, yet the windows that serve it
		// have other queues first: say why, or "no one ahead of you" and
		// a long wait read as a contradiction.
		return p.T("wait.busy", p.Minutes(est.Wait))
	}
	return p.T("ticket.wait", p.Minutes(est.Wait))
}

// busyWait is the wait from which an empty queue's wait is explained.
const busyWait = 5 * time.Minute

// TestTicket is the sample ticket printed to try a printer, from the
// maintenance screen or tabourctl print-test: every part of a ticket,
// in p's language and digits, for the center, stamped now.
func TestTicket(p i18n.Printer, center lang.Text, now time.Time) printer.Ticket {
	return printer.Ticket{
		Lang: p.Lang, Header: center.In(p.Lang), Number: "T000", Service: p.T("admin.printtest"),
		Counter: goTo(p, []int{1}), Ahead: p.Count("ahead", 3), Wait: p.T("ticket.wait", p.Minutes(12*time.Minute)),
		Issued: p.T("ticket.issued", p.Date(now), p.Clock(now)), QR: "T000", Footer: p.T("ticket.footer"),
	}
}

// PrintTest prints a sample ticket from the maintenance screen, stamped
// with the center's local time.
func (f *Flow) PrintTest() {
	f.tap()
	if f.busy != NotBusy {
		return
	}
	if f.deps.Printer == nil {
		f.adminNote = msg("admin.noprinter")
		return
	}
	doc := TestTicket(f.P(), f.opts.Center, f.deps.Clock.Now().In(f.opts.Location))
	f.busy, f.adminNote = Testing, nil
	prn, limit := f.deps.Printer, f.opts.PrintTimeout
	f.background(func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		err := prn.Print(ctx, doc)
		return func() {
			f.busy = NotBusy
			f.adminNote = msg("admin.printed")
			if err != nil {
				log.Printf("kiosk: test print: %v", err)
				state := printer.Offline
				var perr *printer.Error
				if errors.As(err, &perr) {
					state = perr.State
				}
				f.adminNote = both(false, func(p i18n.Printer) string {
					return p.T("admin.printfail", p.T("printer."+string(state)))
				})
			}
		}
	})
}

// AdminNote is the result of the last maintenance action, if any.
func (f *Flow) AdminNote() *lang.Text { return f.adminNote }

// SetDefaultLanguage changes the language a new citizen sees first.
func (f *Flow) SetDefaultLanguage(l lang.Lang) {
	f.tap()
	f.opts.Language = l
}

// Quit closes the kiosk (maintenance screen only).
func (f *Flow) Quit() {
	if f.screen == Admin && f.deps.Quit != nil {
		f.deps.Quit()
	}
}

// Summary lists the confirmation screen's lines: label and value.
func (f *Flow) Summary() [][2]string {
	p := f.P()
	svc := f.Service()
	yesNo := func(b bool) string {
		if b {
			return p.T("confirm.yes")
		}
		return p.T("confirm.no")
	}
	rows := [][2]string{
		{p.T("confirm.service"), svc.Name.In(f.lang)},
		{p.T("confirm.kind"), p.T("purpose." + string(f.purpose))},
		{p.T("confirm.priority"), f.priorityText()},
		{p.T("confirm.id"), map[bool]string{true: p.T("confirm.id.yes"), false: p.T("confirm.id.no")}[f.HasNationalID()]},
	}
	if f.deps.SMS != nil {
		rows = append(rows, [2]string{p.T("confirm.mobile"), yesNo(f.WantsSMS())})
	}
	if f.booking != nil {
		rows = append(rows, [2]string{p.T("confirm.appt"), p.T("ticket.appt", p.Clock(f.booking.At.In(f.opts.Location)))})
	}
	return rows
}

func (f *Flow) priorityText() string {
	if f.ChosenPriority() == queue.PriorityNone {
		return f.P().T("confirm.prio.none")
	}
	return f.P().T("prio." + string(f.ChosenPriority()))
}

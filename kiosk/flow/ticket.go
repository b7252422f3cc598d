package flow

import (
	"context"
	"errors"
	"log"
	"strings"
	"time"

	"tabour/devices/printer"
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
	PrintErr  error          // why it did not print (the screen says to photograph the QR)
	Duplicate bool           // the citizen already held this ticket: it was shown again
}

// Issued returns the ticket on screen.
func (f *Flow) Issued() *Issued { return f.issued }

// ConfirmTap issues the ticket and prints it. The ticket is committed
// before printing; a printer failure leaves it on screen.
func (f *Flow) ConfirmTap() {
	f.tap()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	iss, err := f.issue(ctx)
	if err != nil {
		log.Printf("kiosk: issue %s: %v", f.service, err)
		f.notice = msg("error.generic")
		return
	}
	f.issued = iss
	f.goTo(Ticket)
	f.print(ctx)
}

// issue creates the ticket (or finds the citizen's existing one) and
// builds its printable document.
func (f *Flow) issue(ctx context.Context) (*Issued, error) {
	req := queue.IssueRequest{Service: f.service, Priority: f.ChosenPriority(), Kind: f.purpose, NIDHash: f.nidHash}
	if f.booking != nil {
		req.AppointmentAt = f.booking.At
	}
	t, err := f.deps.Engine.Issue(ctx, req)
	var dup *queue.DuplicateError
	iss := &Issued{}
	if errors.As(err, &dup) {
		t, err, iss.Duplicate = dup.Existing, nil, true
	}
	if err != nil {
		return nil, err
	}
	iss.Ticket = t
	if iss.Estimate, err = f.deps.Engine.EstimateTicket(ctx, t.ID); err != nil {
		return nil, err
	}
	iss.Counters = f.CounterNumbers(ctx)
	iss.QR = f.opts.TicketBaseURL + t.Ref
	iss.Doc = f.document(iss)
	if f.mobile != "" && f.deps.SMS != nil {
		if err := f.deps.SMS.Register(ctx, t, f.mobile); err != nil {
			log.Printf("kiosk: sms for %s: %v", t.Label, err) // never the number
		}
	}
	f.mobile, f.nidHash = "", ""
	return iss, nil
}

func (f *Flow) print(ctx context.Context) {
	if f.deps.Printer == nil {
		f.issued.PrintErr = &printer.Error{State: printer.Offline}
		return
	}
	if err := f.deps.Printer.Print(ctx, f.issued.Doc); err != nil {
		log.Printf("kiosk: print %s: %v", f.issued.Ticket.Label, err)
		f.issued.PrintErr = err
	}
}

// Done is the "done" tap on the ticket screen.
func (f *Flow) Done() { f.reset() }

// document builds the printed ticket in the citizen's language.
func (f *Flow) document(iss *Issued) printer.Ticket {
	p := f.P()
	t := iss.Ticket
	svc, _ := f.deps.Catalog.Service(t.Service)
	issued := t.IssuedAt.In(f.opts.Location)
	doc := printer.Ticket{
		Lang:    string(f.lang),
		Header:  pick(f.lang, f.opts.Center.AR, f.opts.Center.EN),
		Number:  t.Label,
		Service: pick(f.lang, svc.Name.AR, svc.Name.EN),
		Counter: f.GoTo(iss.Counters),
		Ahead:   p.Count("ahead", iss.Estimate.Ahead),
		Wait:    f.WaitText(iss.Estimate),
		Issued:  p.T("ticket.issued", p.Date(issued), p.Clock(issued)),
		QR:      iss.QR,
		Footer:  p.T("ticket.footer"),
	}
	if f.booking != nil {
		doc.Wait = p.T("ticket.appt", p.Clock(f.booking.At.In(f.opts.Location)))
	}
	return doc
}

// GoTo says where to go: one counter, or the counters that serve it.
func (f *Flow) GoTo(counters []int) string {
	p := f.P()
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
func (f *Flow) WaitText(est queue.Estimate) string {
	p := f.P()
	switch {
	case !est.Known:
		return p.T("service.wait.unknown")
	case est.Wait <= 0:
		return p.T("wait.none")
	}
	return p.T("ticket.wait", p.Minutes(est.Wait))
}

func pick(l i18n.Lang, ar, en string) string {
	if l == i18n.EN {
		return en
	}
	return ar
}

// PrintTest prints a sample ticket from the maintenance screen.
func (f *Flow) PrintTest() {
	f.tap()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p := f.P()
	doc := printer.Ticket{Lang: string(f.lang), Header: pick(f.lang, f.opts.Center.AR, f.opts.Center.EN),
		Number: "T000", Service: p.T("admin.printtest"), Counter: f.GoTo([]int{1}),
		Issued: p.T("ticket.issued", p.Date(f.deps.Clock.Now()), p.Clock(f.deps.Clock.Now())), Footer: p.T("ticket.footer")}
	f.adminNote = "ok"
	if f.deps.Printer == nil {
		f.adminNote = "no printer"
	} else if err := f.deps.Printer.Print(ctx, doc); err != nil {
		f.adminNote = err.Error()
	}
}

// AdminNote is the result of the last maintenance action.
func (f *Flow) AdminNote() string { return f.adminNote }

// PrinterState asks the printer for its state.
func (f *Flow) PrinterState(ctx context.Context) printer.State {
	if f.deps.Printer == nil {
		return printer.Offline
	}
	st, err := f.deps.Printer.Status(ctx)
	if err != nil {
		return printer.Offline
	}
	return st.State
}

// SetDefaultLanguage changes the language a new citizen sees first.
func (f *Flow) SetDefaultLanguage(l i18n.Lang) {
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
		{p.T("confirm.service"), pick(f.lang, svc.Name.AR, svc.Name.EN)},
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

// Package printertest has a fake printer for tests: it records every ticket
// and can be set to any state.
package printertest

import (
	"context"
	"sync"

	"tabour/devices/printer"
)

// Printer records printed tickets. Set its State to make it refuse.
type Printer struct {
	mu      sync.Mutex
	state   printer.State
	printed []printer.Ticket
}

var _ printer.Printer = (*Printer)(nil)

// New returns a fake printer that is OK.
func New() *Printer { return &Printer{state: printer.OK} }

// SetState changes what the printer reports.
func (p *Printer) SetState(s printer.State) {
	p.mu.Lock()
	p.state = s
	p.mu.Unlock()
}

// Print records t, or fails with a *printer.Error if the state forbids it.
func (p *Printer) Print(ctx context.Context, t printer.Ticket) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.state.CanPrint() {
		return &printer.Error{State: p.state}
	}
	p.printed = append(p.printed, t)
	return nil
}

// Status reports the state set.
func (p *Printer) Status(ctx context.Context) (printer.Status, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return printer.Status{State: p.state}, nil
}

// Printed returns the tickets printed so far.
func (p *Printer) Printed() []printer.Ticket {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]printer.Ticket(nil), p.printed...)
}

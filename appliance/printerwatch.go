package appliance

import (
	"context"
	"fmt"
	"log"
	"time"

	"tabour/devices/printer"
)

// PrinterTimeout bounds one status query of the printer watch: a printer that
// has not answered by then is reported offline. It is longer than the
// ESC/POS driver's own worst case (four DLE EOT queries of 500 ms each).
const PrinterTimeout = 3 * time.Second

// reportPrinter logs a new printer state and puts it on the bus.
func (a *Appliance) reportPrinter(st printer.Status) {
	log.Printf("appliance: printer: %s (%s)", st.State, st.Detail)
	if a.Bus == nil {
		return
	}
	if err := a.Bus.ReportHardware(string(st.State), ""); err != nil {
		log.Printf("appliance: printer: %v", err)
	}
}

// printerWatch asks the printer for its state every period until ctx
// ends. It calls onChange (if not nil) with the first answer and with
// every change of state, and reports each to the bus, which publishes
// health/{device} and status/{device} at once. A query that takes longer
// than the timeout counts as offline, and no new query starts while that
// one hangs, so a stuck printer never stalls the watch.
type printerWatch struct {
	p        printer.Printer
	timeout  time.Duration
	report   func(printer.Status)
	onChange func(printer.Status)

	pending chan printer.Status // the query under way; nil when none
	last    printer.State       // "" before the first answer
}

func (w *printerWatch) run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		w.poll(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// poll asks the printer (unless a query still hangs) and reports a change.
func (w *printerWatch) poll(ctx context.Context) {
	if w.pending == nil {
		w.pending = make(chan printer.Status, 1)
		go w.query(ctx, w.pending)
	}
	timer := time.NewTimer(w.timeout)
	defer timer.Stop()
	var st printer.Status
	select {
	case st = <-w.pending:
		w.pending = nil
	case <-timer.C:
		st = printer.Status{State: printer.Offline, Detail: fmt.Sprintf("no answer within %v", w.timeout)}
	case <-ctx.Done():
		return
	}
	if st.State == w.last {
		return
	}
	w.last = st.State
	w.report(st)
	if w.onChange != nil {
		w.onChange(st)
	}
}

// query asks the printer once, with the watch's timeout.
func (w *printerWatch) query(ctx context.Context, out chan<- printer.Status) {
	ctx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	st, err := w.p.Status(ctx)
	if err != nil && st.State == "" {
		st = printer.Status{State: printer.Offline, Detail: err.Error()}
	}
	if st.State == "" {
		st.State = printer.Offline
	}
	out <- st
}

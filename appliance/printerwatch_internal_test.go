package appliance

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"tabour/devices/printer"
	"tabour/mqtt/contract"
)

// Every state a printer reports is one the bus's contract knows.
func TestPrinterStatesOnTheBus(t *testing.T) {
	all := []printer.State{printer.OK, printer.PaperLow, printer.PaperOut, printer.CoverOpen, printer.CutterErr, printer.Offline}
	if len(all) != len(contract.PrinterStates) {
		t.Errorf("printer states %v, the bus knows %v", all, contract.PrinterStates)
	}
	for _, st := range all {
		if !slices.Contains(contract.PrinterStates, string(st)) {
			t.Errorf("the bus does not know printer state %q", st)
		}
	}
}

// hungPrinter answers Status only when released, whatever its context
// says: the worst a driver can do.
type hungPrinter struct {
	release chan struct{}
}

func (h *hungPrinter) Print(context.Context, printer.Ticket) error { return nil }

func (h *hungPrinter) Status(context.Context) (printer.Status, error) {
	<-h.release
	return printer.Status{State: printer.OK}, nil
}

// A printer that never answers is reported offline after the timeout, the
// watch goes on without piling up queries, and the answer that finally
// comes is reported.
func TestWatchPrinterSurvivesAHungPrinter(t *testing.T) {
	h := &hungPrinter{release: make(chan struct{})}
	var mu sync.Mutex
	var got []printer.State
	notify := func(st printer.Status) {
		mu.Lock()
		got = append(got, st.State)
		mu.Unlock()
	}
	w := printerWatch{p: h, timeout: 20 * time.Millisecond, report: func(printer.Status) {}, onChange: notify}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.run(ctx, 10*time.Millisecond) }()
	defer func() { cancel(); <-done }()
	waitStates(t, &mu, &got, printer.Offline)
	close(h.release)
	waitStates(t, &mu, &got, printer.Offline, printer.OK)
}

func waitStates(t *testing.T, mu *sync.Mutex, got *[]printer.State, want ...printer.State) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		ok := slices.Equal(*got, want)
		have := slices.Clone(*got)
		mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("told %v, want %v", have, want)
		}
	}
}

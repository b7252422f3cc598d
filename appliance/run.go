package appliance

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"

	"tabour/devices/printer"
)

// Defaults of Options.
const (
	DefaultStopTimeout  = 4 * time.Second
	DefaultPrinterEvery = time.Second
)

// Run starts the appliance's parts in order — the queue engine, the
// printer, the bus (bound), the kiosk flow, then the bus's service, the
// ID scanner and the printer watch — and runs opts.UI, or waits for ctx
// when there is none. A part that fails to start stops Run with its
// error after what had started is stopped; a bad setting in the mqtt
// section fails before anything starts, naming the field; a database that
// lost events its head file records (queue.ChainError) fails before a
// ticket is issued, with the missing range and the tabourctl command that
// accepts the loss. When ctx ends,
// the UI returns (or the maintenance screen quits), Run stops the UI first
// and the other parts in reverse order, all within opts.StopTimeout.
func Run(ctx context.Context, opts Options) error {
	if opts.StopTimeout <= 0 {
		opts.StopTimeout = DefaultStopTimeout
	}
	if opts.PrinterEvery <= 0 {
		opts.PrinterEvery = DefaultPrinterEvery
	}
	a := &Appliance{Config: opts.Config}
	var err error
	if a.bus, err = busConfig(opts.Config, opts.Simulate); err != nil {
		return err
	}
	ctx, a.quit = context.WithCancel(ctx)
	defer a.quit()
	l := &lifecycle{}
	if err := a.start(ctx, l, opts); err != nil {
		return errors.Join(err, l.stop(time.Now().Add(opts.StopTimeout)))
	}
	if opts.UI == nil {
		<-ctx.Done()
		return l.stop(time.Now().Add(opts.StopTimeout))
	}
	return a.runUI(ctx, l, opts)
}

// start opens the parts and starts those that run in the background.
func (a *Appliance) start(ctx context.Context, l *lifecycle, opts Options) error {
	if err := a.open(ctx, l, opts); err != nil {
		return err
	}
	if a.Bus != nil {
		l.runs(ctx, "mqtt bus", a.Bus.Run)
	}
	l.runs(ctx, "scanner", func(ctx context.Context) error {
		a.scans(ctx, a.sink.scanned)
		return nil
	})
	l.runs(ctx, "printer watch", func(ctx context.Context) error {
		w := printerWatch{p: a.Printer, timeout: PrinterTimeout, report: a.reportPrinter, onChange: a.sink.printerChanged}
		w.run(ctx, opts.PrinterEvery)
		return nil
	})
	return nil
}

// runUI runs the UI on this goroutine and stops the parts when it
// returns. If it has not returned half of StopTimeout after the stop
// began, a watchdog stops the parts without it and calls opts.Stuck.
func (a *Appliance) runUI(ctx context.Context, l *lifecycle, opts Options) (err error) {
	var once sync.Once
	var stopErr error
	stop := func() {
		once.Do(func() { stopErr = l.stop(time.Now().Add(opts.StopTimeout / 2)) })
	}
	returned := make(chan struct{})
	go func() {
		select {
		case <-returned:
			return
		case <-ctx.Done():
		}
		t := time.NewTimer(opts.StopTimeout / 2)
		defer t.Stop()
		select {
		case <-returned:
			return
		case <-t.C:
		}
		log.Printf("appliance: the UI has not returned %v after the stop; stopping the other parts without it", opts.StopTimeout/2)
		stop()
		if opts.Stuck != nil {
			opts.Stuck()
		}
	}()
	defer func() { // also when the UI panics or the goroutine exits
		close(returned)
		a.quit()
		stop()
		err = errors.Join(err, stopErr)
	}()
	return opts.UI(ctx, a)
}

// Deliver sets where the appliance sends scans of the ID scanner and the
// printer's changes of state: the kiosk's screen. Both are called from
// other goroutines, one call at a time, and must not block (the kiosk
// hands them to its UI goroutine). The printer's last known state is
// delivered at once.
func (a *Appliance) Deliver(scan func(string), printerChange func(printer.Status)) {
	a.sink.set(scan, printerChange)
}

// Quit ends Run as the maintenance screen's "quit" does.
func (a *Appliance) Quit() { a.quit() }

// sink forwards scans and printer states to the UI once it is there, in
// order: it calls them with mu held.
type sink struct {
	mu      sync.Mutex
	scan    func(string)
	printer func(printer.Status)
	last    *printer.Status
}

func (s *sink) set(scan func(string), printerChange func(printer.Status)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scan, s.printer = scan, printerChange
	if s.last != nil && printerChange != nil {
		printerChange(*s.last)
	}
}

func (s *sink) scanned(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.scan != nil {
		s.scan(v)
	}
}

func (s *sink) printerChanged(st printer.Status) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = &st
	if s.printer != nil {
		s.printer(st)
	}
}

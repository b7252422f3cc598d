// Package appliance assembles and runs a Tabour appliance from its config
// file: the queue engine on its SQLite file, the ticket printer, the
// national-ID hash key, the MQTT bus, the appointment list, the kiosk
// flow, the ID scanner and the printer watch. Run starts them in order,
// unwinds on a failure and stops them in reverse, each within a deadline.
// It imports no window system: the kiosk's window plugs in as
// Options.UI, and tests run the whole appliance headless.
package appliance

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"time"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/kiosk/flow"
	"tabour/mqtt"
	"tabour/nationalid"
	"tabour/queue"
)

// Options say what Run starts.
type Options struct {
	// Config is the appliance's config (config.Load or config.Default).
	Config config.Config
	// Simulate opens every counter at start, as in a demonstration, lets
	// anyone read the bus and moves the embedded broker off a taken port.
	Simulate bool
	// Clock replaces the wall clock (tests).
	Clock queue.Clock
	// UI runs the kiosk's screen on the goroutine that called Run, once
	// every other part has started. It returns when its window closes,
	// and must return soon after ctx ends (the stop). nil runs the
	// appliance headless until ctx ends.
	UI func(ctx context.Context, a *Appliance) error
	// Stuck is called, from another goroutine, when the UI has not
	// returned half of StopTimeout after the stop; the other parts have
	// been stopped by then. A process whose window system hangs exits
	// from it; nil leaves Run waiting for the UI.
	Stuck func()
	// StopTimeout bounds the stop: the UI gets half of it, every other
	// part the rest (default 4s). A part still running then is left
	// behind, with a log line.
	StopTimeout time.Duration
	// PrinterEvery is how often the printer is asked for its state
	// (default 1s).
	PrinterEvery time.Duration
}

// Appliance is a running center's core, as the UI sees it.
type Appliance struct {
	Config  config.Config
	Catalog config.Catalog
	Engine  *queue.Engine
	Printer printer.Printer
	Flow    *flow.Flow
	Bus     *mqtt.Bus // nil when mqtt is disabled

	bus  mqtt.Config
	quit context.CancelFunc // ends Run (the maintenance screen's "quit")
	sink sink               // where scans and printer states go
}

// open starts the parts in order onto l: the engine, the printer, the
// bus (bound, not yet serving), the kiosk flow. A printer that cannot be
// opened is reported and replaced by one that is always offline: the
// queue never waits on it.
func (a *Appliance) open(ctx context.Context, l *lifecycle, opts Options) (err error) {
	if a.Catalog, err = a.Config.Catalog(); err != nil {
		return err
	}
	if err := os.MkdirAll(a.Config.DataDir, 0o750); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("appliance: data dir %s: cannot create it: %s: %w", a.Config.DataDir, pe.Path, pe.Err)
		}
		return fmt.Errorf("appliance: data dir %s: %w", a.Config.DataDir, err)
	}
	if err := a.openEngine(ctx, l, opts); err != nil {
		return err
	}
	a.openPrinter(ctx, l)
	key, err := nidKey(filepath.Join(a.Config.DataDir, "nid.key"))
	if err != nil {
		return err
	}
	if err := a.openBus(l, opts); err != nil {
		return err
	}
	a.Flow, err = a.newFlow(key, opts)
	return err
}

func (a *Appliance) openEngine(ctx context.Context, l *lifecycle, opts Options) error {
	qo, err := a.Config.QueueOptions()
	if err != nil {
		return err
	}
	if opts.Clock != nil {
		qo.Clock = opts.Clock
	}
	path := filepath.Join(a.Config.DataDir, "tabour.db")
	if a.Engine, err = queue.Open(ctx, path, qo); err != nil {
		var chain *queue.ChainError
		if errors.As(err, &chain) {
			return refuseLoss(path, err)
		}
		return err
	}
	l.closes("queue engine", a.Engine.Close)
	if err := a.Engine.SyncCatalog(ctx, a.Catalog.Services, a.Config.QueueCounters()); err != nil {
		return err
	}
	if opts.Simulate {
		for _, c := range a.Config.QueueCounters() {
			if err := a.Engine.SetCounterState(ctx, c.Number, queue.CounterOpen, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// refuseLoss is the error of a kiosk that will not issue numbers because
// its database lost events its head file records: one line, with what is
// missing and the command that lets it go on.
func refuseLoss(path string, err error) error {
	if abs, aerr := filepath.Abs(path); aerr == nil {
		path = abs
	}
	return fmt.Errorf("appliance: not issuing tickets, numbers could repeat: %w; after checking, run: tabourctl --db %s audit accept-loss", err, path)
}

func (a *Appliance) openPrinter(ctx context.Context, l *lifecycle) {
	uri := a.Config.Printer.URI
	if uri == "" {
		uri = "virtual:" + filepath.Join(a.Config.DataDir, "printer")
	}
	eo := escpos.DefaultOpts
	eo.Width = a.Config.Printer.WidthDots
	p, c, err := escpos.OpenURI(ctx, uri, &eo)
	if err != nil {
		log.Printf("appliance: printer %s: %v (tickets will be shown on screen)", uri, err)
		a.Printer = offline{err}
		return
	}
	a.Printer = p
	if c != nil {
		l.closes("printer", c.Close)
	}
}

// offline is the printer of an appliance whose printer could not be opened.
type offline struct{ err error }

func (o offline) Print(context.Context, printer.Ticket) error {
	return &printer.Error{State: printer.Offline, Err: o.err}
}

func (o offline) Status(context.Context) (printer.Status, error) {
	return printer.Status{State: printer.Offline, Detail: o.err.Error()}, nil
}

func (a *Appliance) newFlow(key []byte, opts Options) (*flow.Flow, error) {
	c := a.Config
	loc, err := c.Location()
	if err != nil {
		return nil, err
	}
	mode, err := nationalid.ParseCheckMode(string(c.NationalID.CheckDigit))
	if err != nil {
		return nil, err
	}
	deps := flow.Deps{Engine: a.Engine, Printer: a.Printer, Catalog: a.Catalog, Clock: opts.Clock, Quit: a.quit}
	if b, ok := loadBookings(filepath.Join(c.DataDir, "appointments.json")); ok {
		deps.Appointments = b
	}
	a.connectFlow(&deps)
	return flow.New(flow.Options{
		Center: c.Center.Name, Language: c.Kiosk.Language, ArabicDigits: c.Kiosk.Digits == config.ArabicDigits,
		IdleTimeout: c.Kiosk.IdleTimeout.D(), TicketTimeout: c.Kiosk.TicketTimeout.D(), PrintTimeout: c.Kiosk.PrintTimeout.D(), TicketBaseURL: c.Kiosk.TicketBaseURL, CheckMode: mode, NIDKey: key,
		ElderlyAge: c.Kiosk.ElderlyAge, PriorityEvery: c.Queue.PriorityEvery, AdminPIN: c.Kiosk.AdminPIN,
		Common: c.Kiosk.Common, Location: loc, ApptEarly: c.Queue.AppointmentEarly, ApptLate: c.Queue.AppointmentLate,
	}, deps), nil
}

// nidKey reads the national-ID hash key, creating a random one (mode 0600)
// on first start. Without it the hashes of two visits cannot be compared.
func nidKey(path string) ([]byte, error) {
	key, err := os.ReadFile(path)
	if err == nil && len(key) >= 32 {
		return key, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("appliance: national-ID key: %w", err)
	}
	key = make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, key, 0o600); err != nil {
		return nil, fmt.Errorf("appliance: national-ID key: %w", err)
	}
	return key, nil
}

// bookingFile is a day's appointments for a simulated center, or one that
// receives them as a file: [{"ref","service","at"}].
type bookingFile map[string]flow.Booking

func loadBookings(path string) (bookingFile, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var list []struct {
		Ref     string    `json:"ref"`
		Service string    `json:"service"`
		At      time.Time `json:"at"`
	}
	if err := json.Unmarshal(data, &list); err != nil {
		log.Printf("appliance: %s: %v (appointments not offered)", path, err)
		return nil, false
	}
	b := bookingFile{}
	for _, x := range list {
		b[x.Ref] = flow.Booking{Service: x.Service, At: x.At}
	}
	return b, true
}

func (b bookingFile) Find(_ context.Context, ref string) (flow.Booking, bool, error) {
	x, ok := b[ref]
	return x, ok, nil
}

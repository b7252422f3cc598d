// Package appliance assembles a Tabour appliance from its config file: the
// queue engine on its SQLite file, the ticket printer, the national-ID hash
// key, the appointment list and the kiosk flow. It imports no window
// system, so cmd/kiosk only adds the Fyne window and tests run the whole
// appliance headless.
package appliance

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"time"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/kiosk/flow"
	"tabour/lang"
	"tabour/mqtt"
	"tabour/nationalid"
	"tabour/queue"
)

// Options change how the appliance starts.
type Options struct {
	// Simulate opens every counter at start, as in a demonstration.
	Simulate bool
	// Quit is called by the maintenance screen's "quit".
	Quit func()
	// Clock replaces the wall clock (tests).
	Clock queue.Clock
}

// Appliance is a running center's core.
type Appliance struct {
	Config  config.Config
	Catalog config.Catalog
	Engine  *queue.Engine
	Printer printer.Printer
	Flow    *flow.Flow
	Bus     *mqtt.Bus // nil when mqtt is disabled
	closers []io.Closer
}

// Open starts the appliance's parts in order and unwinds what started if a
// later part fails. A printer that cannot be opened is reported and
// replaced by one that is always offline: the queue never waits on it.
func Open(ctx context.Context, cfg config.Config, opts Options) (_ *Appliance, err error) {
	a := &Appliance{Config: cfg}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if a.Catalog, err = cfg.Catalog(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("appliance: data dir: %w", err)
	}
	if err := a.openEngine(ctx, opts); err != nil {
		return nil, err
	}
	a.openPrinter(ctx)
	key, err := nidKey(filepath.Join(cfg.DataDir, "nid.key"))
	if err != nil {
		return nil, err
	}
	var taken *PortTakenError
	if a.Bus, err = a.newBus(opts); errors.As(err, &taken) {
		return nil, err
	} else if err != nil {
		log.Printf("appliance: mqtt: %v (running without the bus; events wait in the outbox)", err)
		a.Bus = nil
	}
	if a.Bus != nil {
		a.closers = append(a.closers, a.Bus)
	}
	if a.Flow, err = a.newFlow(key, opts); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *Appliance) openEngine(ctx context.Context, opts Options) error {
	qo, err := a.Config.QueueOptions()
	if err != nil {
		return err
	}
	if opts.Clock != nil {
		qo.Clock = opts.Clock
	}
	if a.Engine, err = queue.Open(ctx, filepath.Join(a.Config.DataDir, "tabour.db"), qo); err != nil {
		return err
	}
	a.closers = append(a.closers, a.Engine)
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

func (a *Appliance) openPrinter(ctx context.Context) {
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
		a.closers = append(a.closers, c)
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
	deps := flow.Deps{Engine: a.Engine, Printer: a.Printer, Catalog: a.Catalog, Clock: opts.Clock, Quit: opts.Quit}
	if b, ok := loadBookings(filepath.Join(c.DataDir, "appointments.json")); ok {
		deps.Appointments = b
	}
	a.connectFlow(&deps)
	return flow.New(flow.Options{
		Center: c.Center.Name, Language: lang.Lang(c.Kiosk.Language), ArabicDigits: c.Kiosk.Digits == config.ArabicDigits,
		IdleTimeout: c.Kiosk.IdleTimeout.D(), TicketTimeout: c.Kiosk.TicketTimeout.D(), PrintTimeout: c.Kiosk.PrintTimeout.D(), TicketBaseURL: c.Kiosk.TicketBaseURL, CheckMode: mode, NIDKey: key,
		ElderlyAge: c.Kiosk.ElderlyAge, PriorityEvery: c.Queue.PriorityEvery, AdminPIN: c.Kiosk.AdminPIN,
		Common: c.Kiosk.Common, Location: loc, ApptEarly: c.Queue.AppointmentEarly.D(), ApptLate: c.Queue.AppointmentLate.D(),
	}, deps), nil
}

// Close stops the parts in reverse order.
func (a *Appliance) Close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		errs = append(errs, a.closers[i].Close())
	}
	a.closers = nil
	return errors.Join(errs...)
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

// Package kioskcmd is the kiosk command: it reads the flags and the config
// file, creates the Fyne app and runs the appliance with the kiosk's
// window as its UI (appliance.Run, kiosk.RunWindow). It is the one
// package that imports fyne.io/fyne/v2/app, and holds no screen logic.
package kioskcmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"tabour/appliance"
	"tabour/config"
	"tabour/console"
	"tabour/display"
	"tabour/internal/enginefigures"
	"tabour/internal/hallcmd"
	"tabour/kiosk"
	"tabour/mqtt/auth"
	"tabour/ui"
	"tabour/ui/monitor"
)

// Options are the kiosk's flags.
type Options struct {
	ConfigPath string // "" = a simulated center (config.Default)
	Simulate   bool
	Windowed   bool
	Size       fyne.Size
	Targets    string
	// Hall, if set, is the monitor of the hall display (over the
	// config's display.monitor).
	Hall string
	// StopTimeout bounds the stop (appliance.Options.StopTimeout).
	StopTimeout time.Duration
}

// gcPercent is the kiosk's garbage-collection target. Its live heap is
// about 12 MB once citizens have used it, most of it the parsed fonts; Go's
// default (100) lets the heap grow to twice that between collections, and
// a kiosk shares its box with the broker and the database. With 30 the
// kiosk held 169 MB while citizens used it (make footprint). GOGC
// overrides it.
const gcPercent = 30

// Main runs the kiosk with the command line args (without the program
// name) until SIGINT or SIGTERM, and returns the exit status.
func Main(args []string, stderr io.Writer) int {
	log.SetOutput(stderr)
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(gcPercent)
	}
	opts, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Run(ctx, opts); err != nil {
		log.Print(err)
		return 1
	}
	return 0
}

func parse(args []string, stderr io.Writer) (Options, error) {
	fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o Options
	fs.StringVar(&o.ConfigPath, "config", os.Getenv("TABOUR_CONFIG"), "appliance config `FILE` (default: a simulated center)")
	fs.BoolVar(&o.Simulate, "simulate", false, "open every counter at start")
	fs.BoolVar(&o.Windowed, "windowed", false, "run in a window instead of fullscreen")
	size := fs.String("size", "1280x800", "window size when windowed")
	fs.StringVar(&o.Targets, "targets", "", "write the screen's tap targets as JSON to `FILE` after each redraw (for test automation and installation checks)")
	fs.StringVar(&o.Hall, "hall", "", "show the hall display fullscreen on `MONITOR` (RandR name or place from 1; over display.monitor)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if _, err := fmt.Sscanf(*size, "%fx%f", &o.Size.Width, &o.Size.Height); err != nil {
		return o, fmt.Errorf("kiosk: -size %q: want WIDTHxHEIGHT", *size)
	}
	return o, nil
}

// Run runs the kiosk until ctx ends or the maintenance screen quits. If
// the window system does not let go within the stop's deadline, the
// process exits with status 1 once the other parts have stopped.
func Run(ctx context.Context, o Options) error {
	cfg := config.Default()
	if o.ConfigPath != "" {
		var err error
		if cfg, err = config.Load(o.ConfigPath); err != nil {
			return err
		}
	}
	a := app.NewWithID("eg.tabour.kiosk")
	a.Settings().SetTheme(ui.Theme{})
	return appliance.Run(ctx, appliance.Options{
		Config: cfg, Simulate: o.Simulate, StopTimeout: o.StopTimeout,
		Stuck: func() {
			log.Print("kiosk: the window did not close; exiting without it")
			os.Exit(1)
		},
		UI: func(ctx context.Context, appl *appliance.Appliance) error {
			hall := startHall(ctx, a, cfg, appl, o)
			defer hall()
			web := startConsole(ctx, cfg, appl, o)
			defer web()
			if m := cfg.Display.KioskMonitor; m != "" && !o.Windowed {
				go placeKiosk(ctx, a, m)
			}
			wo := kiosk.WindowOptions{Windowed: o.Windowed, Size: o.Size, Targets: o.Targets}
			return kiosk.RunWindow(ctx, a, appl.Flow, appl.Deliver, wo)
		},
	})
}

// startHall shows the hall display in a second window of the kiosk's app,
// following the appliance's own bus: fullscreen on the monitor -hall or
// display.monitor names, or in a plain window beside a simulated kiosk
// that runs windowed; the kiosk goes on without it if it cannot. The
// returned function stops it.
func startHall(ctx context.Context, a fyne.App, cfg config.Config, appl *appliance.Appliance, o Options) (stop func()) {
	if o.Hall != "" {
		cfg.Display.Monitor = o.Hall
	}
	if o.Simulate && cfg.Display.Audio == "" { // the simulated speaker, beside the virtual printer's files
		cfg.Display.Audio = config.AudioDir + filepath.Join(cfg.DataDir, "hall-audio")
	}
	if cfg.Display.Monitor == "" && !(o.Simulate && o.Windowed) {
		return func() {}
	}
	if appl.Bus == nil {
		log.Print("kiosk: no hall display: the bus is disabled (mqtt.disabled)")
		return func() {}
	}
	b := hallcmd.Bus{URL: appl.Bus.URL(), Username: cfg.Display.Username, Password: cfg.Display.Password}
	if b.Username == "" {
		var err error
		if b.Username, b.Password, err = appl.Bus.LocalDevice(cfg.Device+"-hall", auth.RoleDisplay); err != nil {
			log.Printf("kiosk: no hall display: %v", err)
			return func() {}
		}
	}
	logger := slog.New(slog.NewTextHandler(log.Writer(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	wo, closeDevices, err := hallcmd.Options(cfg, b, logger)
	if err != nil {
		log.Printf("kiosk: no hall display: %v", err)
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer closeDevices()
		if err := display.RunWindow(ctx, a, wo); err != nil {
			log.Printf("kiosk: hall display: %v", err)
		}
	}()
	return func() {
		cancel()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
	}
}

// startConsole serves the web console of the counter clerks and the
// manager (config section console) beside the kiosk, following the
// appliance's own bus as a local device of role console; the kiosk goes
// on without it if it cannot. On the first run it creates the manager's
// account and logs its password, once. The returned function stops it.
func startConsole(ctx context.Context, cfg config.Config, appl *appliance.Appliance, o Options) (stop func()) {
	if cfg.Console.Disabled {
		return func() {}
	}
	if appl.Bus == nil {
		log.Print("kiosk: no web console: the bus is disabled (mqtt.disabled)")
		return func() {}
	}
	user, pass, err := appl.Bus.LocalDevice(cfg.Device+"-console", auth.RoleConsole)
	if err != nil {
		log.Printf("kiosk: no web console: %v", err)
		return func() {}
	}
	accounts, first, err := console.OpenAccounts(cfg.DataDir, nil)
	if err != nil {
		log.Printf("kiosk: no web console: %v", err)
		return func() {}
	}
	secure := cfg.Console.CertFile != ""
	srv, err := console.New(console.Opts{URL: appl.Bus.URL(), Username: user, Password: pass, Center: cfg.Center.Code,
		Appliance: cfg.Device, Accounts: accounts, Secure: secure, Figures: enginefigures.New(appl.Engine),
		Logger: slog.New(slog.NewTextHandler(log.Writer(), &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		log.Printf("kiosk: no web console: %v", err)
		return func() {}
	}
	addr := cfg.ConsoleListen(o.Simulate || o.ConfigPath == "")
	scheme := "http"
	if secure {
		scheme = "https"
	}
	log.Printf("kiosk: web console on %s://%s", scheme, addr)
	if first != "" {
		log.Printf("kiosk: web console: first run: sign in as %q with the password %q; it is shown only this once (%s)",
			"manager", first, filepath.Join(cfg.DataDir, console.AccountsFile))
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		go func() { _ = srv.Run(ctx) }()
		if err := srv.Serve(ctx, addr, cfg.Console.CertFile, cfg.Console.KeyFile); err != nil {
			log.Printf("kiosk: web console: %v", err)
		}
	}()
	return func() {
		cancel()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
	}
}

// placeKiosk puts the kiosk's window fullscreen on monitor name
// (display.kiosk_monitor) once it is shown.
func placeKiosk(ctx context.Context, a fyne.App, name string) {
	for ctx.Err() == nil {
		var win fyne.Window
		fyne.DoAndWait(func() {
			for _, w := range a.Driver().AllWindows() {
				if w.Title() == kiosk.WindowTitle {
					win = w
				}
			}
		})
		if win != nil {
			m, err := monitor.Pick(monitor.List(), name)
			if err == nil {
				err = monitor.FullScreenOn(win, m, 10*time.Second)
			}
			if err != nil {
				log.Printf("kiosk: display.kiosk_monitor: %v", err)
			}
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

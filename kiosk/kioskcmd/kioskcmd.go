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
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"tabour/appliance"
	"tabour/config"
	"tabour/kiosk"
	"tabour/ui"
)

// Options are the kiosk's flags.
type Options struct {
	ConfigPath string // "" = a simulated center (config.Default)
	Simulate   bool
	Windowed   bool
	Size       fyne.Size
	Targets    string
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
			wo := kiosk.WindowOptions{Windowed: o.Windowed, Size: o.Size, Targets: o.Targets}
			return kiosk.RunWindow(ctx, a, appl.Flow, appl.Deliver, wo)
		},
	})
}

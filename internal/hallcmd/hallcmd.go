// Package hallcmd is the hall display's command (cmd/display) and the
// reading of the config file's display section into the display's
// options, which the kiosk's command shares for the hall display on its
// second monitor. It sits outside package display because the config
// package imports the queue engine's types, which a client app of the bus
// may not (internal/layers).
package hallcmd

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
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"tabour/config"
	"tabour/devices/audio"
	"tabour/devices/audio/voice"
	"tabour/display"
	"tabour/lang"
	"tabour/ui"
)

// Bus is where and as whom the display connects.
type Bus struct {
	URL, Username, Password string
}

// Options reads cfg's display section into the hall display's window
// options for the bus b. Announcements are off when the display's audio
// is "off", and are logged and left off when aplay is missing; the LED
// displays' serial line is opened when first used, and again after it
// failed. The returned function closes what Options opened.
func Options(cfg config.Config, b Bus, logger *slog.Logger) (display.WindowOpts, func(), error) {
	d := cfg.Display
	loc, err := time.LoadLocation(cfg.Center.Timezone)
	if err != nil {
		return display.WindowOpts{}, nil, fmt.Errorf("hall display: center.timezone: %w", err)
	}
	langs := make([]string, len(d.Languages))
	for i, l := range d.Languages {
		langs[i] = string(l)
	}
	so := display.Opts{URL: b.URL, Username: b.Username, Password: b.Password, Center: cfg.Center.Code,
		Appliance: cfg.DisplayAppliance(), Langs: langs, Logger: logger, Version: Version}
	if d.Letters == config.LettersArabic {
		so.Letters = audio.ArabicNames
	}
	if d.Audio != config.AudioOff {
		sink, err := sink(d.Audio)
		if err != nil {
			logger.Warn("hall display: no announcements", "err", err)
		} else if so.Pack, err = pack(d.Voice); err != nil {
			return display.WindowOpts{}, nil, fmt.Errorf("hall display: display.voice: %w", err)
		} else {
			so.Sink = sink
		}
	}
	closeAll := func() {}
	if d.LEDs != "" {
		line := newLEDLine(d.LEDs)
		so.LED, closeAll = line, func() { _ = line.Close() }
	}
	return display.WindowOpts{
		Service: so,
		Screen: display.ScreenOpts{Center: cfg.Center.Name, Languages: append([]lang.Lang(nil), d.Languages...),
			Ticker: d.Ticker, Closed: d.Closed, Location: loc},
		Monitor: d.Monitor,
	}, closeAll, nil
}

// sink is where the announcements go: display.audio's ALSA device, or
// its directory.
func sink(audioCfg string) (audio.Sink, error) {
	if dir, ok := strings.CutPrefix(audioCfg, config.AudioDir); ok {
		return &audio.Dir{Path: dir}, nil
	}
	return audio.NewAplay(audioCfg)
}

// pack is the announcement voice: the center's own recorded pack in
// dir, or the built-in one.
func pack(dir string) (*audio.Pack, error) {
	if dir == "" {
		return voice.Pack()
	}
	p, err := audio.LoadPack(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return p, nil
}

// Version is reported on the display's status topic.
const Version = "0.1.0"

// Main runs the hall display on a box of its own with the command line
// args (without the program name) until SIGINT or SIGTERM, and returns
// the exit status.
func Main(args []string, stderr io.Writer) int {
	log.SetOutput(stderr)
	fs := flag.NewFlagSet("display", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", os.Getenv("TABOUR_CONFIG"), "config `FILE` with the display section (display.broker, username, password)")
	windowed := fs.Bool("windowed", false, "a window of -size instead of fullscreen")
	size := fs.String("size", "1280x720", "window size when windowed")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var w, h float32
	if _, err := fmt.Sscanf(*size, "%fx%f", &w, &h); err != nil {
		fmt.Fprintf(stderr, "display: -size %q: want WIDTHxHEIGHT\n", *size)
		return 2
	}
	if *path == "" {
		fmt.Fprintln(stderr, "display: give -config FILE (or TABOUR_CONFIG): its display section names the bus")
		return 2
	}
	cfg, err := config.Load(*path)
	if err != nil {
		log.Print(err)
		return 1
	}
	d := cfg.Display
	if d.Broker == "" || d.Username == "" {
		log.Printf("display: %s: display.broker, display.username and display.password name the bus and the display's device", *path)
		return 1
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	o, closeAll, err := Options(cfg, Bus{URL: d.Broker, Username: d.Username, Password: d.Password}, logger)
	if err != nil {
		log.Print(err)
		return 1
	}
	defer closeAll()
	o.Size = fyne.NewSize(w, h)
	if *windowed {
		o.Monitor = ""
	} else if o.Monitor == "" {
		o.Monitor = "1"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := app.NewWithID("eg.tabour.display")
	a.Settings().SetTheme(ui.Theme{})
	errc := make(chan error, 1)
	go func() {
		errc <- display.RunWindow(ctx, a, o)
		fyne.Do(a.Quit)
	}()
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	a.Run()
	stop() // the window was closed: stop the service too
	if err := <-errc; err != nil {
		log.Print(err)
		return 1
	}
	return 0
}

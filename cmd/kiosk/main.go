// Command kiosk is the Tabour appliance: the queue engine, the printer and
// the citizen's touchscreen in one process.
//
//	kiosk [-config FILE] [-simulate] [-windowed] [-size 1280x800] [-targets FILE]
//
// Without -windowed the kiosk is fullscreen with no way out but the
// maintenance screen. In simulation a keyboard stands in for the ID
// scanner: type the digits and press Enter.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "eg.tabour/earlylocale" // first: clears a "C" locale before Fyne parses it
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	_ "github.com/mattn/go-sqlite3"

	"tabour/appliance"
	"tabour/config"
	"tabour/kiosk"
	"tabour/ui"
)

func main() {
	cfgPath := flag.String("config", os.Getenv("TABOUR_CONFIG"), "appliance config file (default: a simulated center)")
	simulate := flag.Bool("simulate", false, "open every counter at start")
	windowed := flag.Bool("windowed", false, "run in a window instead of fullscreen")
	size := flag.String("size", "1280x800", "window size when windowed")
	flag.Parse()
	if err := run(*cfgPath, *simulate, *windowed, *size); err != nil {
		log.Fatal(err)
	}
}

func run(cfgPath string, simulate, windowed bool, size string) error {
	cfg := config.Default()
	if cfgPath != "" {
		var err error
		if cfg, err = config.Load(cfgPath); err != nil {
			return err
		}
	}
	var w, h float32
	if _, err := fmt.Sscanf(size, "%fx%f", &w, &h); err != nil {
		return fmt.Errorf("kiosk: -size %q: want WIDTHxHEIGHT", size)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := app.NewWithID("eg.tabour.kiosk")
	a.Settings().SetTheme(ui.Theme{})
	win := a.NewWindow("Tabour")
	win.SetPadded(false) // the screens draw to the edge, as in their golden images
	appl, err := appliance.Open(ctx, cfg, appliance.Options{Simulate: simulate, Quit: a.Quit})
	if err != nil {
		return err
	}
	defer appl.Close()
	u := kiosk.New(win, appl.Flow)
	writeTargets(ctx, win, u)
	scannerFromKeyboard(win, u)
	if windowed {
		win.Resize(fyne.NewSize(w, h))
	} else {
		win.SetFullScreen(true)
		win.SetCloseIntercept(func() {}) // only the maintenance screen quits
	}
	go u.Run(ctx)
	go appl.Scans(ctx, u.Scan)
	go appl.WatchPrinter(ctx, time.Second, u.SetPrinter)
	go appl.RunBus(ctx)
	go func() { <-ctx.Done(); fyne.Do(a.Quit) }()
	win.ShowAndRun()
	return nil
}

// scannerFromKeyboard treats typed digits ended by Enter as a scan, which
// is what a keyboard-wedge ID scanner sends.
func scannerFromKeyboard(win fyne.Window, u *kiosk.UI) {
	var buf []rune
	win.Canvas().SetOnTypedRune(func(r rune) {
		if len(buf) < 64 {
			buf = append(buf, r)
		}
	})
	win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
			s := string(buf)
			buf = buf[:0]
			u.Flow().Scan(s)
			u.Refresh()
		}
	})
}

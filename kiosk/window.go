package kiosk

import (
	"context"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"tabour/devices/printer"
	"tabour/kiosk/flow"
)

// WindowOptions say how the kiosk's window shows.
type WindowOptions struct {
	// Windowed shows a window of Size; otherwise the kiosk is fullscreen
	// and only the maintenance screen closes it.
	Windowed bool
	Size     fyne.Size
	// Targets, if set, is a file kept up to date with the screen's tap
	// targets (see Layout).
	Targets string
}

// Deliver is how the appliance sends the window its scans and printer
// states (appliance.Appliance.Deliver); nil functions detach the window.
type Deliver func(scan func(string), printerChange func(printer.Status))

// WindowTitle is the kiosk window's title.
const WindowTitle = "Tabour"

// RunWindow shows f in a new window of app and runs app's main loop on
// the calling goroutine, which must be the program's main goroutine. It
// returns when the window closes or, soon after ctx ends, when the app
// has quit: ctx's end quits it through fyne.Do.
func RunWindow(ctx context.Context, app fyne.App, f *flow.Flow, deliver Deliver, o WindowOptions) error {
	win := app.NewWindow(WindowTitle)
	win.SetPadded(false) // the screens draw to the edge, as in their golden images
	u := New(win, f)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	writeTargets(ctx, win, u, o.Targets)
	scannerFromKeyboard(win, u)
	deliver(u.Scan, u.SetPrinter)
	defer deliver(nil, nil)
	if o.Windowed {
		win.Resize(o.Size)
	} else {
		win.SetFullScreen(true)
		win.SetCloseIntercept(func() {})
	}
	go u.Run(ctx)
	var ended atomic.Bool
	go func() {
		<-ctx.Done()
		if !ended.Load() {
			fyne.Do(app.Quit)
		}
	}()
	win.ShowAndRun()
	ended.Store(true)
	return nil
}

// scannerFromKeyboard treats typed digits ended by Enter as a scan, which
// is what a keyboard-wedge ID scanner sends.
func scannerFromKeyboard(win fyne.Window, u *UI) {
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

package display

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"tabour/ui/monitor"
)

// WindowOpts put the hall display in a window of its own.
type WindowOpts struct {
	Service Opts // its OnFrame is the screen's
	Screen  ScreenOpts
	Title   string // default "Tabour hall"
	// Monitor, if set, is the monitor the window goes fullscreen on (a
	// RandR output name or a place from 1, see tabour/ui/monitor); one
	// that is not connected is looked for again every 5 s, for a TV
	// switched on after the box. Empty: a plain window of Size.
	Monitor string
	Size    fyne.Size
}

// RunWindow shows the hall display in a new window of app, which runs or
// is about to run on the main goroutine, and runs the display's service
// until ctx ends; then it closes the window. Call it from any goroutine
// but Fyne's.
func RunWindow(ctx context.Context, app fyne.App, o WindowOpts) error {
	scr := NewScreen(o.Screen)
	o.Service.OnFrame = scr.Show
	svc, err := New(o.Service)
	if err != nil {
		return err
	}
	if o.Title == "" {
		o.Title = "Tabour hall"
	}
	if o.Size.IsZero() {
		o.Size = fyne.NewSize(1280, 720)
	}
	var w fyne.Window
	fyne.DoAndWait(func() {
		w = app.NewWindow(o.Title)
		w.SetPadded(false)
		w.SetContent(scr.Content())
		w.Resize(o.Size)
		if o.Monitor != "" {
			w.SetCloseIntercept(func() {}) // a TV on the wall has no one to close it
		}
		w.Show()
	})
	log := svc.log
	if o.Monitor != "" {
		go placeOn(ctx, w, o.Monitor, log)
	}
	err = svc.Run(ctx)
	fyne.Do(w.Close)
	return err
}

// placeOn puts w fullscreen on the monitor name, trying again every 5 s
// until it is connected.
func placeOn(ctx context.Context, w fyne.Window, name string, log *slog.Logger) {
	warned := false
	for {
		m, err := monitor.Pick(monitor.List(), name)
		if err == nil {
			err = monitor.FullScreenOn(w, m, 10*time.Second)
		}
		if err == nil {
			log.Info("display: fullscreen", "monitor", m.String())
			return
		}
		if !warned {
			log.Warn("display: the hall display's monitor; trying again every 5 s", "err", err)
			warned = true
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
}

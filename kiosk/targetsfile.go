package kiosk

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"tabour/internal/atomicfile"
	"time"

	"fyne.io/fyne/v2"
)

// Layout is what WindowOptions.Targets (kiosk -targets) writes: the screen on show, the canvas and
// where the tap targets are on it. A point (x, y) of the canvas is at
// (x·scale, y·scale) window pixels; fullscreen, the window is the screen.
type Layout struct {
	Seq     int      `json:"seq"` // redraws so far
	Screen  string   `json:"screen"`
	Lang    string   `json:"lang"`
	Canvas  Rect     `json:"canvas"`
	Content Rect     `json:"content"` // the screen's content, larger than the canvas when it does not fit
	Scale   float32  `json:"scale"`
	Targets []Target `json:"targets"`
}

// writeTargets keeps the file at path up to date until ctx ends: after
// each redraw, and whenever the window lays the screen out again. It does
// nothing when path is "".
func writeTargets(ctx context.Context, win fyne.Window, u *UI, path string) {
	if path == "" {
		return
	}
	redrawn := make(chan struct{}, 1)
	seq := 0
	u.OnRefresh = func() {
		seq++
		select {
		case redrawn <- struct{}{}:
		default:
		}
	}
	go func() {
		t := time.NewTicker(200 * time.Millisecond) // catches the window's own relayouts
		defer t.Stop()
		var last []byte
		for {
			var l Layout
			fyne.DoAndWait(func() { l = snapshot(win, u, seq) })
			data, err := json.Marshal(l)
			if err == nil && !bytes.Equal(data, last) {
				if err = atomicfile.Write(path, data, 0o644); err == nil {
					last = data
				}
			}
			if err != nil {
				log.Printf("kiosk: targets file: %v", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-redrawn:
			case <-t.C:
			}
		}
	}()
}

func snapshot(win fyne.Window, u *UI, seq int) Layout {
	c := win.Canvas()
	l := Layout{Seq: seq, Screen: string(u.Flow().Screen()), Lang: string(u.Flow().Lang()),
		Canvas: Rect{W: c.Size().Width, H: c.Size().Height}, Scale: c.Scale(), Targets: u.Targets()}
	if o := c.Content(); o != nil {
		l.Content = Rect{X: o.Position().X, Y: o.Position().Y, W: o.Size().Width, H: o.Size().Height}
	}
	return l
}

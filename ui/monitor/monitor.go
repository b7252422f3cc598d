// Package monitor puts a Fyne window fullscreen on the monitor a center
// chose: the kiosk on the touchscreen, the hall display on the TV, from
// one process on one box.
//
// Fyne 2.7 has no monitor API: Window.SetFullScreen fills the monitor
// under the window's centre. So on X11 the window is first moved onto the
// chosen monitor (XMoveWindow on the window Fyne's NativeWindow gives),
// and then made fullscreen; the result is read back from the X server and
// the steps retried if the window did not land there. Monitors are listed
// with GLFW (glfw.GetMonitors, on Fyne's main thread), named as RandR
// names their outputs ("HDMI-1", "DP-2"), which `xrandr --listmonitors`
// shows. Hand-written because neither Fyne 2.7 nor GLFW 3.3 places a
// window on a monitor by itself (fullscreen on a chosen monitor lands in
// Fyne 2.8).
package monitor

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// Monitor is one output of the display, in the X screen's pixels.
type Monitor struct {
	Name          string // the RandR output ("HDMI-1")
	X, Y          int
	Width, Height int
	Primary       bool
}

func (m Monitor) String() string {
	return fmt.Sprintf("%s %dx%d+%d+%d", m.Name, m.Width, m.Height, m.X, m.Y)
}

// List returns the monitors, the primary first. It must be called after
// the Fyne app started, from any goroutine but Fyne's own.
func List() []Monitor {
	var out []Monitor
	fyne.DoAndWait(func() {
		primary := glfw.GetPrimaryMonitor()
		for _, gm := range glfw.GetMonitors() {
			x, y := gm.GetPos()
			m := Monitor{Name: gm.GetName(), X: x, Y: y, Primary: gm == primary}
			if mode := gm.GetVideoMode(); mode != nil {
				m.Width, m.Height = mode.Width, mode.Height
			}
			if m.Primary {
				out = append([]Monitor{m}, out...)
			} else {
				out = append(out, m)
			}
		}
	})
	return out
}

// ErrNoMonitor marks a configured monitor that is not connected.
var ErrNoMonitor = errors.New("monitor: no such monitor")

// Pick finds the monitor a config names: its RandR name ("HDMI-1") or its
// place in List, from 1 (the primary).
func Pick(ms []Monitor, name string) (Monitor, error) {
	for _, m := range ms {
		if m.Name == name {
			return m, nil
		}
	}
	if n, err := strconv.Atoi(name); err == nil && n >= 1 && n <= len(ms) {
		return ms[n-1], nil
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	return Monitor{}, fmt.Errorf("%w %q (connected: %s)", ErrNoMonitor, name, strings.Join(names, ", "))
}

// FullScreenOn makes the shown window w fullscreen on m, and reports an
// error if it did not land there within timeout. Call it from any
// goroutine but Fyne's own, after w.Show.
func FullScreenOn(w fyne.Window, m Monitor, timeout time.Duration) error {
	win, err := x11Window(w)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	for wait := 100 * time.Millisecond; ; wait *= 2 {
		fyne.DoAndWait(func() { w.SetFullScreen(false) })
		if err := moveWindow(win, m.X, m.Y); err != nil {
			return err
		}
		// Fyne learns the new position from the X server's event on its
		// next poll of events (60 a second).
		time.Sleep(wait)
		fyne.DoAndWait(func() { w.SetFullScreen(true) })
		for settle := time.Now().Add(wait * 4); time.Now().Before(settle); time.Sleep(20 * time.Millisecond) {
			if g, err := geometry(win); err == nil && g == (rect{m.X, m.Y, m.Width, m.Height}) {
				return nil
			}
		}
		if time.Now().After(deadline) {
			g, err := geometry(win)
			return fmt.Errorf("monitor: the window is at %+v, not fullscreen on %s: %v", g, m, err)
		}
	}
}

// x11Window returns the X11 window of a shown Fyne window.
func x11Window(w fyne.Window) (uintptr, error) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0, errors.New("monitor: the window has no native window")
	}
	var win uintptr
	fyne.DoAndWait(func() {
		nw.RunNative(func(ctx any) {
			if x, ok := ctx.(driver.X11WindowContext); ok {
				win = x.WindowHandle
			}
		})
	})
	if win == 0 {
		return 0, errors.New("monitor: not an X11 window (shown yet? Wayland?)")
	}
	return win, nil
}

// rect is a window's place on the X screen.
type rect struct{ X, Y, Width, Height int }

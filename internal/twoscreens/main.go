// Command twoscreens opens two Fyne windows, each a plain colour with its
// name, and puts each fullscreen on the monitor its flag names (see
// tabour/ui/monitor). ui/monitor's test runs it under Xorg's dummy driver
// with two outputs and reads back where the windows are.
package main

import (
	"flag"
	"fmt"
	"image/color"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"tabour/ui/monitor"
)

func main() {
	first := flag.String("first", "1", "monitor of the first window (RandR name or 1-based place)")
	second := flag.String("second", "2", "monitor of the second window")
	flag.Parse()
	a := app.New()
	wins := []fyne.Window{
		window(a, "twoscreens first", color.NRGBA{R: 0x10, G: 0x40, B: 0xc0, A: 0xff}),
		window(a, "twoscreens second", color.NRGBA{R: 0xc0, G: 0x60, B: 0x10, A: 0xff}),
	}
	go func() {
		for i, name := range []string{*first, *second} {
			m, err := pick(name)
			if err == nil {
				err = monitor.FullScreenOn(wins[i], m, 10*time.Second)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "twoscreens:", err)
				os.Exit(1)
			}
			fmt.Printf("placed %d on %s\n", i+1, m)
		}
	}()
	wins[0].ShowAndRun()
}

func window(a fyne.App, title string, c color.Color) fyne.Window {
	w := a.NewWindow(title)
	bg := canvas.NewRectangle(c)
	label := canvas.NewText(title, color.White)
	label.TextSize = 48
	w.SetContent(container.NewStack(bg, container.NewCenter(label)))
	w.Resize(fyne.NewSize(640, 400))
	if title != "twoscreens first" {
		w.Show()
	}
	return w
}

// pick waits up to 5 s for the monitor name (a TV may come up after the
// box).
func pick(name string) (monitor.Monitor, error) {
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		ms := monitor.List()
		m, err := monitor.Pick(ms, name)
		if err == nil || time.Now().After(deadline) {
			fmt.Println("monitors:", ms)
			return m, err
		}
	}
}

// Command fynefloor is the floor any Fyne program costs this machine: one
// fullscreen window with one label, nothing else. make footprint measures
// it on the same display, in the same run, next to the kiosk, so the
// kiosk's own share of CPU and memory can be told from Fyne's: Fyne 2.7's
// driver wakes 60 times a second to poll for events even when nothing
// changes (fyne-io/fyne#2506), and that alone is a few percent of a core
// on a slow virtual machine.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.New()
	w := a.NewWindow("fynefloor")
	w.SetContent(widget.NewLabel("fynefloor"))
	w.SetFullScreen(true)
	w.ShowAndRun()
}

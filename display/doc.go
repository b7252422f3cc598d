// Package display is the waiting-hall display: what a citizen sees and
// hears from across the hall. It is a client app of the bus: it speaks
// the contract through tabour/mqtt/client and imports neither the queue
// engine nor the appliance's side of the bus.
//
// Service (run.go) is the display without its screen. It subscribes to
// serving/+, queue/+ and status/{appliance}, feeds every message to a
// model.Tracker (which refuses malformed ones), and from there
//
//   - announces each new call, recall and transfer through an
//     audio.Announcer: queued, one after another, never overlapping, in
//     each of Opts.Langs;
//   - shows each counter's ticket on its LED display (Opts.LEDs or
//     Opts.LED), blank when the counter is idle; a display that fails is
//     logged and tried again every Opts.LEDRetry, and every display is
//     sent its text again every Opts.LEDRefresh (one switched off and on);
//   - hands each new model.Hall to Opts.OnFrame, and one every Opts.Tick
//     for the clock, on a goroutine of its own that skips to the latest
//     frame when the screen is slow.
//
// Like every device it keeps its retained status/{device} (Opts.Username):
// online while connected, offline when it stops, lost (its will) when it
// vanishes.
//
// The bus's delivery goroutine never waits on a device or on the screen:
// it only updates the tracker and hands work over without blocking. The
// screen itself, which draws a model.Hall with Fyne, lives beside it in
// this package.
package display

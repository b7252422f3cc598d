// Package display is the waiting-hall display: what a citizen sees and
// hears from across the hall. It is a client app of the bus: it speaks
// the contract through tabour/mqtt/client and imports neither the queue
// engine nor the appliance's side of the bus.
//
// Service (run.go) is the display without its screen. It subscribes to
// serving/+, queue/+, status/{appliance} and hall, feeds every message to a
// model.Tracker (which refuses malformed ones), and from there
//
//   - announces each new call, recall and transfer through an
//     audio.Announcer: queued, one after another, never overlapping, in
//     each of Opts.Langs; the chime alone for the manager's announcement
//     (hall);
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
// it only updates the tracker and hands work over without blocking.
//
// # Screen
//
// Screen (screen.go) draws the waiting hall with Fyne: a TV on the
// wall that shows the number just called and the window to go to, the
// numbers called before it, how many people wait for each service and for
// how long, the date and time, the center's name and a line of notices.
// It draws a frame of package display/model (a Hall) and nothing else:
// Screen.Show takes a frame from any goroutine, without waiting, hands it
// to the Fyne goroutine with fyne.Do and drops the frames that a newer one
// overtook before they were drawn.
//
// # Layout
//
// The screen is laid out for 1920×1080 and scaled as a whole to any other
// size (1280×720 is the same picture, two thirds the size): a navy bar
// with the center's name on the reading side and the date and time on the
// other, a green bar of notices along the bottom, and between them, on
// the reading side (the right in Arabic), the newest call over the table
// of services, and on the other side the seven calls before it, newest
// first. Arabic screens run right to left with Arabic-Indic digits; a
// ticket number such as "A023" is Latin letters and digits and reads left
// to right in every language, in the Latin font. A bilingual screen
// (Languages {AR, EN}) is Arabic with the English in smaller type under
// each title and name.
//
// A new call — a number called, or called again, while the screen is live
// — flashes its panel amber for FlashFor (6 s by default), timed by the
// screen's Clock so that tests move time by hand.
//
// # States
//
//   - Connecting (no connection yet since start): "connecting…" in both
//     languages, with the center's name and the time.
//   - Live and open: the layout above.
//   - Live and closed (Hall.Open false): a large clock, the date, "the
//     center is closed" and, if set, when it opens (ScreenOpts.Closed).
//     The screen is never blank.
//   - An announcement of the manager's (the hall topic): for 20 s an
//     amber panel with its text in both languages whatever the screen's,
//     Arabic first, in place of the table of services (the calls stay in
//     sight), or above "the center is closed" on a closed center. The
//     bottom line shows the manager's line of the day while set (the
//     hall topic's ticker), else ScreenOpts.Ticker.
//   - BusLost or ApplianceLost: the last frame, dimmed, with a large
//     banner in place of the table of services, in both languages
//     whatever the screen's: "connection lost — numbers may be out of
//     date", why (this screen is off the network, or the queue system
//     does not answer) and since when. On a closed center the banner
//     stands under "the center is closed".
//
// # Sizes
//
// The TV is read from up to about 10 m. A common rule of thumb for
// signs is a character height of a 200th to a 250th of the reading
// distance for comfortable reading: 4–5 cm at 10 m. A 55" 1080p TV has
// pixels of about 0.63 mm, so that is 65–80 px of character height. The
// capitals and digits of Noto Sans Bold stand about 0.71 of the text size,
// so:
//
//   - the newest ticket number is drawn at TicketSize = 240 px: its
//     digits stand about 170 px, 10.7 cm on a 55" TV — twice the 10 m
//     minimum, readable from across a large hall and by weak eyes; the
//     test checks it is never drawn smaller (scaled with the screen);
//   - the window to go to beside it is 88 px Arabic bold;
//   - the earlier ticket numbers are up to RecentTicketSize = 84 px
//     (60 px digits, about 3.8 cm: readable to about 8–9 m); seven of them
//     share the height left, so they shrink on a short screen;
//   - the service table lists the services people wait for, the longest
//     queue first, as many as fit with rows of at least 64 px (text of
//     about 28 px, read from a few metres; a center offers 17 services
//     and more); a last row says how many more have people waiting, and
//     an empty table says no one is waiting. Its rows share what height
//     is left, with text of at most 40 px: it is read by someone walking
//     up to it.
//
// A smaller TV at the same distance needs the sizes scaled up by the
// ratio of the diagonals.
//
// Fonts are bundled (package ui): every text names its font, and the
// tests check that its glyphs are there, so the screen never depends on
// the fonts installed on the machine.
//
// This package does not import fyne.io/fyne/v2/app: a command creates the
// app and puts Screen.Content in a full-screen window; tests use
// fyne.io/fyne/v2/test. Golden images of every state are in testdata
// (go test ./display -update rewrites them; scripts/montage.sh draws
// them on one sheet).
package display

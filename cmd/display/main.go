// Command display is the waiting-hall display on a box of its own (a TV
// stick, a small PC behind the TV): it follows the appliance over the bus,
// shows and announces the calls, and drives the counters' LED displays.
// See package tabour/display.
package main

import (
	"os"

	_ "eg.tabour/earlylocale" // first: clears a "C" locale before Fyne parses it

	"tabour/internal/hallcmd"
)

func main() { os.Exit(hallcmd.Main(os.Args[1:], os.Stderr)) }

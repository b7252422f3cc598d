// Command counter is the headless counter keypad on a small board at a
// window: run with -keypad, it sends the GPIO buttons' next, recall, done
// and no-show to the appliance over the bus and drives the "ticket
// called" light. See package tabour/counter and tabour/counter/countercmd.
package main

import (
	"os"

	"tabour/counter/countercmd"
)

func main() { os.Exit(countercmd.Main(os.Args[1:], os.Stderr)) }

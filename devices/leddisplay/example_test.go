package leddisplay_test

import (
	"context"
	"fmt"

	"tabour/devices/leddisplay"
	"tabour/devices/leddisplay/ascii"
	"tabour/devices/leddisplay/leddisplaytest"
)

// The appliance opens the RS-485 port (go.bug.st/serial) and hands it to
// a driver; here a fake bus stands in for it.
func Example() {
	bus := leddisplaytest.NewASCIIBus() // in cmd/: serial.Open("/dev/ttyUSB0", &serial.Mode{BaudRate: 9600})
	var d leddisplay.CounterDisplay
	d, err := ascii.New(bus, nil)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	d.Show(ctx, 4, "A023")
	fmt.Printf("% x\n", bus.Written())
	fmt.Printf("display 4 shows %q\n", bus.Shows(4))
	fmt.Println(d.Show(ctx, 4, "a.23"))
	// Output:
	// 02 41 30 34 41 30 32 33 03 36
	// display 4 shows "A023"
	// leddisplay: "a.23" cannot be shown: 'a' at byte 0
}

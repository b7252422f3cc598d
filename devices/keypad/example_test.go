package keypad_test

import (
	"context"
	"fmt"
	"time"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpiotest"

	"tabour/devices/keypad"
)

// In cmd/, after host.Init(), the pins come from gpioreg.ByName("GPIO17")
// and so on; here gpiotest pins stand in.
func Example() {
	next := &gpiotest.Pin{N: "GPIO17", EdgesChan: make(chan gpio.Level, 4)}
	light := &gpiotest.Pin{N: "GPIO24"}
	kp, err := keypad.New(map[keypad.Key]gpio.PinIn{keypad.Next: next}, light, nil)
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	presses := make(chan keypad.Key)
	go kp.Run(ctx, presses)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for k := keypad.Key(0); k == 0; {
		select {
		case <-tick.C:
			next.EdgesChan <- gpio.Low // the button is pressed (again, until Run has set the pin up)
		case k = <-presses:
			fmt.Println("pressed:", k)
		}
	}
	kp.Light(true) // acknowledge
	fmt.Println("light:", light.Read())
	// Output:
	// pressed: next
	// light: High
}

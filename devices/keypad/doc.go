// Package keypad drives a counter's keypad: a few push buttons on GPIO
// pins — next, recall, done, no-show — and one output for a light or a
// buzzer that acknowledges a command or signals an error.
//
// Run configures every button In(gpio.PullUp, gpio.FallingEdge) and
// watches each in its own goroutine with WaitForEdge. A press is reported
// when, after a falling edge, no further edge comes for Opts.Debounce
// (30 ms) and the pin then reads low: contact bounce on press gives one
// press, bounce on release gives none (the pin settles high), a glitch
// that settles high gives none, and a button held down gives one press,
// not a repeat. Several buttons pressed together each give their press.
//
// periph's gpioutil.Debounce (conn v3.7.3) was not used: it wraps a
// gpio.PinIO rather than a PinIn, switches the pin to both edges with
// PullNoChange, and sleeps on the real clock after each edge, reporting an
// edge only if the level differs from before the wait — which loses a
// press whose bounce settles on the level it started from.
//
// Light and Blink drive the output pin: Light(true) for a steady light,
// Blink(n) for n flashes (a buzzer beeps n times). A nil light pin is
// allowed: the keypad then has no output and these do nothing.
//
// # Wiring
//
// Each button connects its GPIO pin to ground; the SoC's internal pull-up
// holds the pin high otherwise, so no resistor is needed for short leads
// (add 4.7 kΩ to 3.3 V and 100 nF to ground on long cable runs). Drive a
// 12 V light or buzzer through a transistor or relay module from the
// output pin, never directly; set Opts.LightActiveLow for the common relay
// boards that switch on a low input. On a Raspberry Pi–class board, cmd/
// calls host.Init() and takes the pins from gpioreg by name, e.g.
//
//	pins := map[keypad.Key]gpio.PinIn{
//		keypad.Next:   gpioreg.ByName("GPIO17"),
//		keypad.Recall: gpioreg.ByName("GPIO27"),
//		keypad.Done:   gpioreg.ByName("GPIO22"),
//		keypad.NoShow: gpioreg.ByName("GPIO23"),
//	}
//	kp, err := keypad.New(pins, gpioreg.ByName("GPIO24"), nil)
//
// The appliance user needs access to /dev/gpiochip* (group gpio on
// Raspberry Pi OS; a udev rule elsewhere). Library code here never calls
// host.Init or gpioreg.
package keypad

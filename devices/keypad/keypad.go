package keypad

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"periph.io/x/conn/v3/gpio"
)

// Key is a button on a counter keypad.
type Key int

// The buttons of a counter keypad.
const (
	Next   Key = iota + 1 // call the next citizen
	Recall                // call the current ticket again
	Done                  // finish serving the current ticket
	NoShow                // the called citizen did not come
)

var keyNames = [...]string{Next: "next", Recall: "recall", Done: "done", NoShow: "no-show"}

func (k Key) String() string {
	if k < Next || k > NoShow {
		return fmt.Sprintf("key(%d)", int(k))
	}
	return keyNames[k]
}

// ParseKey returns the Key named s ("next", "recall", "done", "no-show"),
// as a configuration file names them.
func ParseKey(s string) (Key, error) {
	for k := Next; k <= NoShow; k++ {
		if keyNames[k] == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("keypad: unknown key %q", s)
}

// Opts configures a Dev.
type Opts struct {
	// Debounce is how long a button's pin must stay without edges before
	// its level is read as the button's state.
	Debounce time.Duration
	// Poll bounds each wait for an edge, so Run notices its context end.
	Poll time.Duration
	// LightActiveLow drives the light pin low for on.
	LightActiveLow bool
	// BlinkOn and BlinkOff are one flash's on and off times.
	BlinkOn, BlinkOff time.Duration
	// Sleep waits between flashes; nil means time.Sleep.
	Sleep func(time.Duration)
}

// DefaultOpts suits ordinary tactile or arcade push buttons.
var DefaultOpts = Opts{
	Debounce: 30 * time.Millisecond,
	Poll:     200 * time.Millisecond,
	BlinkOn:  150 * time.Millisecond,
	BlinkOff: 150 * time.Millisecond,
}

// Dev is a keypad of GPIO buttons with an optional light or buzzer.
type Dev struct {
	pins  map[Key]gpio.PinIn
	light gpio.PinOut // may be nil
	opts  Opts

	lightMu sync.Mutex // one Light or Blink at a time
}

// New returns a keypad reading pins and driving light (nil for none). A
// nil opts means DefaultOpts. New does not touch the pins.
func New(pins map[Key]gpio.PinIn, light gpio.PinOut, opts *Opts) (*Dev, error) {
	o := DefaultOpts
	if opts != nil {
		o = *opts
	}
	if o.Debounce <= 0 || o.Poll <= 0 || o.BlinkOn <= 0 || o.BlinkOff <= 0 {
		return nil, errors.New("keypad: debounce, poll and blink times must be positive")
	}
	if len(pins) == 0 {
		return nil, errors.New("keypad: no buttons")
	}
	for k, p := range pins {
		if k < Next || k > NoShow || p == nil {
			return nil, fmt.Errorf("keypad: bad button %v: pin %v", k, p)
		}
	}
	return &Dev{pins: pins, light: light, opts: o}, nil
}

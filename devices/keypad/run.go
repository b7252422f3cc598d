package keypad

import (
	"context"
	"fmt"
	"sync"
	"time"

	"periph.io/x/conn/v3/gpio"
)

// Run configures the buttons' pins and sends each press on presses until
// ctx ends, then returns nil. It returns an error, having watched nothing,
// when a pin cannot be set up for edge detection. Run one Run at a time:
// two would take each other's edges.
func (d *Dev) Run(ctx context.Context, presses chan<- Key) error {
	for k, p := range d.pins {
		if err := p.In(gpio.PullUp, gpio.FallingEdge); err != nil {
			return fmt.Errorf("keypad: %s button %s: %w", k, p, err)
		}
	}
	var wg sync.WaitGroup
	for k, p := range d.pins {
		wg.Go(func() { d.watch(ctx, k, p, presses) })
	}
	wg.Wait()
	return nil
}

// watch reports k's presses until ctx ends. After an edge it waits for
// the pin to be quiet for Debounce, then reads it: low is a press.
func (d *Dev) watch(ctx context.Context, k Key, p gpio.PinIn, presses chan<- Key) {
	settling := false
	for ctx.Err() == nil {
		if p.WaitForEdge(d.timeout(settling)) {
			settling = true
			continue
		}
		if settling && p.Read() == gpio.Low {
			send(ctx, presses, k)
		}
		settling = false
	}
}

func (d *Dev) timeout(settling bool) time.Duration {
	if settling {
		return d.opts.Debounce
	}
	return d.opts.Poll
}

func send(ctx context.Context, presses chan<- Key, k Key) {
	select {
	case presses <- k:
	case <-ctx.Done():
	}
}

package keypad

import (
	"fmt"
	"time"

	"periph.io/x/conn/v3/gpio"
)

// Light turns the light (or buzzer) on or off. Without a light pin it does
// nothing.
func (d *Dev) Light(on bool) error {
	d.lightMu.Lock()
	defer d.lightMu.Unlock()
	return d.setLocked(on)
}

// Blink flashes the light n times and leaves it off. It blocks for
// n·(BlinkOn+BlinkOff); call it in a goroutine where that matters. Light
// calls wait until it is done.
func (d *Dev) Blink(n int) error {
	d.lightMu.Lock()
	defer d.lightMu.Unlock()
	for range n {
		if err := d.setLocked(true); err != nil {
			return err
		}
		d.sleep(d.opts.BlinkOn)
		if err := d.setLocked(false); err != nil {
			return err
		}
		d.sleep(d.opts.BlinkOff)
	}
	return nil
}

func (d *Dev) setLocked(on bool) error {
	if d.light == nil {
		return nil
	}
	l := gpio.Level(on != d.opts.LightActiveLow)
	if err := d.light.Out(l); err != nil {
		return fmt.Errorf("keypad: light %s: %w", d.light, err)
	}
	return nil
}

func (d *Dev) sleep(t time.Duration) {
	if d.opts.Sleep != nil {
		d.opts.Sleep(t)
		return
	}
	time.Sleep(t)
}

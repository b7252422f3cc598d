package leddisplaytest

import (
	"context"
	"sync"

	"tabour/devices/leddisplay"
)

// Display is a fake set of counter displays.
type Display struct {
	mu    sync.Mutex
	shown map[int]string
	err   error
	calls int
}

var _ leddisplay.CounterDisplay = (*Display)(nil)

// NewDisplay returns displays that all show nothing.
func NewDisplay() *Display { return &Display{shown: map[int]string{}} }

// Show records text for counter after checking it as a 4-character
// segment display would, or returns the error set with Fail.
func (d *Display) Show(ctx context.Context, counter int, text string) error {
	if _, err := leddisplay.Fit(text, leddisplay.DefaultWidth); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls++
	if d.err != nil {
		return d.err
	}
	d.shown[counter] = text
	return nil
}

// Clear blanks counter.
func (d *Display) Clear(ctx context.Context, counter int) error { return d.Show(ctx, counter, "") }

// Shown is what counter shows ("" when blank or never set).
func (d *Display) Shown(counter int) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.shown[counter]
}

// Calls counts Show and Clear calls with valid text, failed or not.
func (d *Display) Calls() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls
}

// Fail makes every later call return err (nil to recover).
func (d *Display) Fail(err error) {
	d.mu.Lock()
	d.err = err
	d.mu.Unlock()
}

package idscan

import (
	"context"
	"errors"
	"time"
)

// ErrStopped is reported when a Scanner's Run returns nil while its
// context is still live: the driver gave up without saying why.
var ErrStopped = errors.New("idscan: scanner stopped")

// Retry runs a Scanner again after it fails, waiting Min, 2·Min, 4·Min …
// capped at Max between runs. A run that lasts Healthy is taken as a
// working device: onState(nil) is reported and the backoff starts again
// from Min.
type Retry struct {
	Min, Max time.Duration
	Healthy  time.Duration
	// After is the clock: nil means time.After. Tests inject one that
	// fires at once and records the waits.
	After func(d time.Duration) <-chan time.Time
}

// DefaultRetry retries after 0.5 s, 1 s, 2 s … up to 30 s.
var DefaultRetry = Retry{Min: 500 * time.Millisecond, Max: 30 * time.Second, Healthy: 2 * time.Second}

// RunWithRetry runs s with DefaultRetry until ctx ends. onState, if not
// nil, is called with each device error and with nil when the device
// works again (and once when it first comes up).
func RunWithRetry(ctx context.Context, s Scanner, scans chan<- string, onState func(err error)) {
	DefaultRetry.Run(ctx, s, scans, onState)
}

// Run runs s until ctx ends, retrying after failures.
func (r Retry) Run(ctx context.Context, s Scanner, scans chan<- string, onState func(err error)) {
	if onState == nil {
		onState = func(error) {}
	}
	r = r.checked()
	wait := r.Min
	for ctx.Err() == nil {
		healthy, err := r.runOnce(ctx, s, scans, onState)
		if ctx.Err() != nil {
			return
		}
		if healthy {
			wait = r.Min
		}
		onState(err)
		if !r.sleep(ctx, wait) {
			return
		}
		wait = min(2*wait, r.Max)
	}
}

// runOnce runs s once. It reports onState(nil) when the run has lasted
// Healthy, and returns whether it did and why the run ended.
func (r Retry) runOnce(ctx context.Context, s Scanner, scans chan<- string, onState func(error)) (bool, error) {
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, scans) }()
	healthy := false
	up := r.after(r.Healthy)
	for {
		select {
		case err := <-done:
			if err == nil {
				err = ErrStopped
			}
			return healthy, err
		case <-up:
			up, healthy = nil, true
			onState(nil)
		}
	}
}

func (r Retry) sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-r.after(d):
		return true
	case <-ctx.Done():
		return false
	}
}

func (r Retry) after(d time.Duration) <-chan time.Time {
	if r.After != nil {
		return r.After(d)
	}
	return time.After(d)
}

// checked replaces unusable bounds with DefaultRetry's.
func (r Retry) checked() Retry {
	if r.Min <= 0 {
		r.Min = DefaultRetry.Min
	}
	if r.Max < r.Min {
		r.Max = max(r.Min, DefaultRetry.Max)
	}
	if r.Healthy <= 0 {
		r.Healthy = DefaultRetry.Healthy
	}
	return r
}

package relay

import "time"

// SetTicks replaces the ticker of the relay's ack timeout checks: the
// relay checks on each value received (tests of backoff on a fake clock).
func SetTicks(r *Relay, ticks <-chan time.Time) { r.ticks = ticks }

// SetJitter replaces the relay's random source for backoff jitter.
func SetJitter(r *Relay, f func() float64) { r.backoff.jitter = f }

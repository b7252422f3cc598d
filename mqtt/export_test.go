package mqtt

import "time"

// SetDropAcks makes the consumer store events but drop its acks while
// drop returns true (tests of lost acks).
func SetDropAcks(c *Consumer, drop func() bool) { c.dropAcks = drop }

// SetRelayTicks replaces the ticker of the relay's ack timeout checks: the
// relay checks on each value received (tests of backoff on a fake clock).
func SetRelayTicks(r *Relay, ticks <-chan time.Time) { r.ticks = ticks }

// SetRelayJitter replaces the relay's random source for backoff jitter.
func SetRelayJitter(r *Relay, f func() float64) { r.backoff.jitter = f }

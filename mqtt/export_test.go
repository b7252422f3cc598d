package mqtt

// SetDropAcks makes the consumer store events but drop its acks while
// drop returns true (tests of lost acks).
func SetDropAcks(c *Consumer, drop func() bool) { c.dropAcks = drop }

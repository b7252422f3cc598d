package relay

import (
	"math/rand/v2"
	"time"
)

// resendBackoff is how long the relay waits for an ack before sending the
// unacknowledged events again: AckTimeout at first, then, while no ack
// comes, twice the previous wait less up to a fifth at random (so that many
// appliances that lost the same server do not resend in step), never more
// than the cap. An ack starts over.
type resendBackoff struct {
	base, cap time.Duration
	next      time.Duration // undrawn wait after the current one
	wait      time.Duration // the current wait
	jitter    func() float64
}

func newResendBackoff(base, cap time.Duration) *resendBackoff {
	b := &resendBackoff{base: base, cap: max(cap, base), jitter: rand.Float64}
	b.reset()
	return b
}

// reset goes back to the first wait (an ack came).
func (b *resendBackoff) reset() {
	b.wait, b.next = b.base, min(2*b.base, b.cap)
}

// backOff moves to the next, longer wait (a resend went out unanswered).
func (b *resendBackoff) backOff() {
	b.wait = b.next - time.Duration(b.jitter()*float64(b.next)/5)
	b.next = min(2*b.next, b.cap)
}

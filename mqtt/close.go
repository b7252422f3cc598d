package mqtt

import "context"

// Close releases a bus that was built but never Run: its embedded broker
// already holds the listening port. A bus that ran stops with its context.
func (b *Bus) Close() error {
	if b.ran.Load() {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return b.brk.Run(ctx)
}

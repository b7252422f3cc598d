package mqtt

import (
	"context"

	"tabour/queue"
)

// lastSeq finds the sequence number of the engine's last event with
// O(log n) single-row reads. (The engine has no call for it; an
// Engine.LastSeq would make this one query.)
func lastSeq(ctx context.Context, eng *queue.Engine) (int64, error) {
	return lastSeqFrom(ctx, eng, 0)
}

// lastSeqFrom is lastSeq for a log known to reach at least from.
func lastSeqFrom(ctx context.Context, eng *queue.Engine, from int64) (int64, error) {
	after := func(seq int64) (bool, error) {
		evs, err := eng.Events(ctx, seq, 1)
		return len(evs) > 0, err
	}
	if more, err := after(from); err != nil || !more {
		return from, err
	}
	lo, hi := from, from+1 // invariant: an event after lo, none after hi
	for {
		more, err := after(hi)
		if err != nil {
			return 0, err
		}
		if !more {
			break
		}
		lo, hi = hi, hi+2*(hi-from)
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		more, err := after(mid)
		if err != nil {
			return 0, err
		}
		if more {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
}

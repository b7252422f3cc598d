package queue

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SetCounterState opens, pauses (with a reason, e.g. "break") or closes a
// counter. A counter with a ticket still called or serving cannot close.
func (e *Engine) SetCounterState(ctx context.Context, counter int, st CounterState, reason string) error {
	switch st {
	case CounterOpen, CounterClosed:
	case CounterPaused:
		if strings.TrimSpace(reason) == "" {
			return fmt.Errorf("queue: pause counter %d: %w", counter, ErrReasonRequired)
		}
	default:
		return fmt.Errorf("queue: counter %d: state %q: %w", counter, st, ErrInvalid)
	}
	return e.tx(ctx, func(tx *dbtx) error {
		return e.setCounterStateTx(ctx, tx, counter, st, reason)
	})
}

func (e *Engine) setCounterStateTx(ctx context.Context, tx *dbtx, counter int, st CounterState, reason string) error {
	now := e.opts.Clock.Now().Truncate(time.Millisecond)
	from, err := counterState(ctx, tx, counter)
	if err != nil {
		return err
	}
	if st == CounterClosed {
		if cur, err := currentTicket(ctx, tx, counter); err == nil {
			return fmt.Errorf("queue: close counter %d: ticket %s is %s: %w", counter, cur.Label, cur.State, ErrWrongState)
		}
	}
	_, err = tx.ExecContext(ctx, "UPDATE counters SET state = ?, state_reason = ?, state_since = ? WHERE number = ?",
		st, reason, now.UTC().Format(time.RFC3339Nano), counter)
	if err != nil {
		return fmt.Errorf("queue: counter %d: %w", counter, err)
	}
	ev := Event{Type: EvCounter, Counter: counter, Reason: reason, At: now,
		Data: fmt.Sprintf(`{"from":%q,"to":%q}`, from, st)}
	_, err = e.appendEvent(ctx, tx, ev)
	return err
}

package queue

import (
	"context"
	"fmt"
	"time"
)

// SetCounterState opens, pauses (with a reason code of PauseReasons, e.g.
// "break") or closes a counter. A counter with a ticket still called or
// serving cannot close.
func (e *Engine) SetCounterState(ctx context.Context, counter int, st CounterState, reason string) error {
	return e.SetCounterStateNote(ctx, counter, st, reason, "")
}

// SetCounterStateNote is SetCounterState with a note: free text kept
// beside the event, outside its hash (see PauseReasons). Opening or
// closing takes an empty reason or a code of PauseReasons.
func (e *Engine) SetCounterStateNote(ctx context.Context, counter int, st CounterState, reason, note string) error {
	op := fmt.Sprintf("counter %d: %s", counter, st)
	switch st {
	case CounterOpen, CounterClosed:
		if reason != "" {
			if err := checkReason(op, PauseReasons, reason); err != nil {
				return err
			}
		}
	case CounterPaused:
		if err := checkReason(op, PauseReasons, reason); err != nil {
			return err
		}
	default:
		return fmt.Errorf("queue: counter %d: state %q: %w", counter, st, ErrInvalid)
	}
	if err := checkNote(op, note); err != nil {
		return err
	}
	return e.tx(ctx, func(tx *dbtx) error {
		return e.setCounterStateTx(ctx, tx, counter, st, reason, note)
	})
}

func (e *Engine) setCounterStateTx(ctx context.Context, tx *dbtx, counter int, st CounterState, reason, note string) error {
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
	if ev, err = e.appendEvent(ctx, tx, ev); err != nil {
		return err
	}
	return addNoteTx(ctx, tx, ev.ID, note)
}

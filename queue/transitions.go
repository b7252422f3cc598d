package queue

import (
	"context"
	"fmt"
	"time"
)

// atCounter runs f on the counter's current ticket in one transaction.
func (e *Engine) atCounter(ctx context.Context, counter int, f func(tx *dbtx, t *Ticket, now time.Time) error) (Ticket, error) {
	var t Ticket
	err := e.tx(ctx, func(tx *dbtx) error {
		if _, err := counterState(ctx, tx, counter); err != nil {
			return err
		}
		var err error
		if t, err = currentTicket(ctx, tx, counter); err != nil {
			return err
		}
		return f(tx, &t, e.opts.Clock.Now().Truncate(time.Millisecond))
	})
	return t, err
}

// onTicket runs f on one ticket in one transaction.
func (e *Engine) onTicket(ctx context.Context, id int64, f func(tx *dbtx, t *Ticket, now time.Time) error) (Ticket, error) {
	var t Ticket
	err := e.tx(ctx, func(tx *dbtx) error {
		var err error
		if t, err = ticketByID(ctx, tx, id); err != nil {
			return err
		}
		return f(tx, &t, e.opts.Clock.Now().Truncate(time.Millisecond))
	})
	return t, err
}

// save writes t and appends its event.
func (e *Engine) save(ctx context.Context, tx *dbtx, t Ticket, typ string, now time.Time, reason string, data any) error {
	if err := updateTicket(ctx, tx, t); err != nil {
		return err
	}
	_, err := e.appendEvent(ctx, tx, ticketEvent(typ, t, now, reason, data))
	return err
}

// Recall announces the counter's called ticket again.
func (e *Engine) Recall(ctx context.Context, counter int) (Ticket, error) {
	return e.atCounter(ctx, counter, func(tx *dbtx, t *Ticket, now time.Time) error {
		if t.State != Called {
			return &StateError{Op: "recall", Ticket: t.Label, State: t.State}
		}
		t.Recalls++
		t.CalledAt = now
		return e.save(ctx, tx, *t, EvRecalled, now, "", map[string]any{"recalls": t.Recalls})
	})
}

// Start records that the citizen reached the counter and service began.
func (e *Engine) Start(ctx context.Context, counter int) (Ticket, error) {
	return e.atCounter(ctx, counter, func(tx *dbtx, t *Ticket, now time.Time) error {
		if t.State != Called {
			return &StateError{Op: "start", Ticket: t.Label, State: t.State}
		}
		t.State, t.StartedAt = Serving, now
		return e.save(ctx, tx, *t, EvStarted, now, "", map[string]any{"walk_s": now.Sub(t.CalledAt).Seconds()})
	})
}

// Done finishes the counter's ticket. From called (no separate start, as
// on a four-key keypad) the service is taken to have begun at the call.
func (e *Engine) Done(ctx context.Context, counter int) (Ticket, error) {
	return e.atCounter(ctx, counter, func(tx *dbtx, t *Ticket, now time.Time) error {
		return e.finishTx(ctx, tx, t, now, "")
	})
}

// passOverTx closes the ticket a counter still has open when it calls
// another. A ticket being served is done: pressing "next" means the clerk
// is done with it. A ticket only called, never started, becomes
// not_started: nothing says it was served (the citizen may never have
// come), so it counts neither as served nor in the handling time behind
// wait estimates. A counter without a start key presses done first.
func (e *Engine) passOverTx(ctx context.Context, tx *dbtx, t *Ticket, now time.Time) error {
	if t.State != Called {
		return e.finishTx(ctx, tx, t, now, "next")
	}
	t.State, t.EndedAt = NotStarted, now
	return e.save(ctx, tx, *t, EvNotStarted, now, "next",
		map[string]any{"since_call_s": now.Sub(t.CalledAt).Seconds()})
}

func (e *Engine) finishTx(ctx context.Context, tx *dbtx, t *Ticket, now time.Time, reason string) error {
	if t.State != Called && t.State != Serving {
		return &StateError{Op: "done", Ticket: t.Label, State: t.State}
	}
	if t.StartedAt.IsZero() {
		t.StartedAt = t.CalledAt
	}
	t.State, t.EndedAt = Done, now
	if err := e.save(ctx, tx, *t, EvDone, now, reason, map[string]any{"service_s": now.Sub(t.StartedAt).Seconds()}); err != nil {
		return err
	}
	return e.learnServedTx(ctx, tx, *t)
}

// NoShow marks the counter's called ticket as not present. Up to
// Options.RecycleNoShows times the ticket goes back to the end of the queue.
func (e *Engine) NoShow(ctx context.Context, counter int) (Ticket, error) {
	return e.atCounter(ctx, counter, func(tx *dbtx, t *Ticket, now time.Time) error {
		if t.State != Called {
			return &StateError{Op: "no-show", Ticket: t.Label, State: t.State}
		}
		t.NoShows++
		t.State, t.EndedAt = NoShow, now
		if err := e.save(ctx, tx, *t, EvNoShow, now, "", map[string]any{"no_shows": t.NoShows}); err != nil {
			return err
		}
		if err := e.learnNoShowTx(ctx, tx, *t); err != nil {
			return err
		}
		if t.NoShows > e.opts.RecycleNoShows {
			return nil
		}
		t.State, t.Counter, t.EndedAt, t.QueuedAt = Waiting, 0, time.Time{}, now
		return e.save(ctx, tx, *t, EvRecycled, now, "", map[string]any{"no_shows": t.NoShows})
	})
}

// Transfer sends the counter's ticket to another service's queue and/or to
// one counter, keeping its number. It keeps its place by issue time.
func (e *Engine) Transfer(ctx context.Context, counter int, toService string, toCounter int) (Ticket, error) {
	if toService == "" && toCounter == 0 {
		return Ticket{}, fmt.Errorf("queue: transfer: name a service or a counter: %w", ErrInvalid)
	}
	return e.atCounter(ctx, counter, func(tx *dbtx, t *Ticket, now time.Time) error {
		return e.transferTx(ctx, tx, t, counter, toService, toCounter, now)
	})
}

func (e *Engine) transferTx(ctx context.Context, tx *dbtx, t *Ticket, counter int, toService string, toCounter int, now time.Time) error {
	if toService == "" {
		toService = t.Service
	}
	if _, ok := e.service(toService); !ok {
		return fmt.Errorf("queue: transfer %s: %w %q", t.Label, ErrUnknownService, toService)
	}
	if toCounter != 0 {
		if err := checkServes(ctx, tx, toCounter, toService, e.serviceDay(now)); err != nil {
			return err
		}
	}
	data := map[string]any{"from_service": t.Service, "from_counter": counter,
		"to_service": toService, "to_counter": toCounter}
	t.Transfers++
	t.State, t.Service, t.Counter, t.TargetCounter = Waiting, toService, 0, toCounter
	t.QueuedAt = t.IssuedAt
	return e.save(ctx, tx, *t, EvTransferred, now, "", data)
}

// checkServes fails unless counter exists and serves service on day.
func checkServes(ctx context.Context, tx *dbtx, counter int, service, day string) error {
	if _, err := counterState(ctx, tx, counter); err != nil {
		return err
	}
	cs, err := counterServices(ctx, tx, counter, day)
	if err != nil {
		return err
	}
	if _, ok := cs[service]; !ok {
		return fmt.Errorf("queue: counter %d, service %s: %w", counter, service, ErrNotServedHere)
	}
	return nil
}

// Hold parks the counter's ticket (the citizen went to fetch a paper).
// It keeps its counter; Return puts it back in that counter's queue.
func (e *Engine) Hold(ctx context.Context, counter int) (Ticket, error) {
	return e.atCounter(ctx, counter, func(tx *dbtx, t *Ticket, now time.Time) error {
		t.State, t.TargetCounter = Held, counter
		return e.save(ctx, tx, *t, EvHeld, now, "", nil)
	})
}

// Return puts a held ticket back in the queue at its original place, for
// the counter that held it.
func (e *Engine) Return(ctx context.Context, id int64) (Ticket, error) {
	return e.onTicket(ctx, id, func(tx *dbtx, t *Ticket, now time.Time) error {
		if t.State != Held {
			return &StateError{Op: "return", Ticket: t.Label, State: t.State}
		}
		t.State, t.Counter = Waiting, 0
		return e.save(ctx, tx, *t, EvReturned, now, "", nil)
	})
}

// Cancel withdraws a waiting or held ticket (the citizen left, or asked).
// why is empty or a code of CancelReasons.
func (e *Engine) Cancel(ctx context.Context, id int64, why string) (Ticket, error) {
	return e.CancelNote(ctx, id, why, "")
}

// CancelNote is Cancel with a note: free text kept beside the event,
// outside its hash (see PauseReasons).
func (e *Engine) CancelNote(ctx context.Context, id int64, why, note string) (Ticket, error) {
	op := fmt.Sprintf("cancel ticket %d", id)
	if why != "" {
		if err := checkReason(op, CancelReasons, why); err != nil {
			return Ticket{}, err
		}
	}
	if err := checkNote(op, note); err != nil {
		return Ticket{}, err
	}
	return e.onTicket(ctx, id, func(tx *dbtx, t *Ticket, now time.Time) error {
		if t.State != Waiting && t.State != Held {
			return &StateError{Op: "cancel", Ticket: t.Label, State: t.State}
		}
		t.State, t.EndedAt = Cancelled, now
		if err := updateTicket(ctx, tx, *t); err != nil {
			return err
		}
		ev, err := e.appendEvent(ctx, tx, ticketEvent(EvCancelled, *t, now, why, nil))
		if err != nil {
			return err
		}
		return addNoteTx(ctx, tx, ev.ID, note)
	})
}

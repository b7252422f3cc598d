package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CallNext calls the next ticket for a counter by the routing rules (see
// the package doc). A ticket the counter still has open is closed first
// (see passOverTx): done if it was being served, not_started if it was
// only called.
func (e *Engine) CallNext(ctx context.Context, counter int) (Ticket, error) {
	var t Ticket
	err := e.tx(ctx, func(tx *dbtx) error {
		now := e.opts.Clock.Now().Truncate(time.Millisecond)
		cs, err := e.prepareCallTx(ctx, tx, counter, now)
		if err != nil {
			return err
		}
		var reason Reason
		if t, reason, err = e.pickTx(ctx, tx, counter, cs, now); err != nil {
			return err
		}
		return e.callTx(ctx, tx, &t, counter, reason, "", "", now)
	})
	return t, err
}

// CallTicket calls one ticket out of order, with the clerk's reason, a
// code of CallReasons. The ticket must be waiting or held and belong to a
// service the counter serves (or have been transferred to it).
func (e *Engine) CallTicket(ctx context.Context, counter int, id int64, why string) (Ticket, error) {
	return e.CallTicketNote(ctx, counter, id, why, "")
}

// CallTicketNote is CallTicket with a note: free text kept beside the
// event, outside its hash (see PauseReasons).
func (e *Engine) CallTicketNote(ctx context.Context, counter int, id int64, why, note string) (Ticket, error) {
	op := fmt.Sprintf("call ticket %d", id)
	if err := checkReason(op, CallReasons, why); err != nil {
		return Ticket{}, err
	}
	if err := checkNote(op, note); err != nil {
		return Ticket{}, err
	}
	var t Ticket
	err := e.tx(ctx, func(tx *dbtx) error {
		now := e.opts.Clock.Now().Truncate(time.Millisecond)
		cs, err := e.prepareCallTx(ctx, tx, counter, now)
		if err != nil {
			return err
		}
		if t, err = ticketByID(ctx, tx, id); err != nil {
			return err
		}
		if t.State != Waiting && t.State != Held {
			return &StateError{Op: "call", Ticket: t.Label, State: t.State}
		}
		if _, ok := cs[t.Service]; !ok && t.TargetCounter != counter {
			return fmt.Errorf("queue: call %s at counter %d: %w", t.Label, counter, ErrNotServedHere)
		}
		return e.callTx(ctx, tx, &t, counter, ReasonManual, why, note, now)
	})
	return t, err
}

// prepareCallTx checks the counter is open, closes its open ticket and
// returns the weights of the services it serves.
func (e *Engine) prepareCallTx(ctx context.Context, tx *dbtx, counter int, now time.Time) (map[string]int, error) {
	if err := e.rolloverTx(ctx, tx, now); err != nil {
		return nil, err
	}
	st, cs, err := counterSetup(ctx, tx, counter, e.serviceDay(now))
	if err != nil {
		return nil, err
	}
	if st != CounterOpen {
		return nil, fmt.Errorf("queue: call at counter %d (%s): %w", counter, st, ErrCounterNotOpen)
	}
	cur, err := currentTicket(ctx, tx, counter)
	if err == nil {
		err = e.passOverTx(ctx, tx, &cur, now)
	}
	if err != nil && !errors.Is(err, ErrCounterIdle) {
		return nil, err
	}
	return cs, nil
}

// counterSetup reads a counter's state and the weights of the active
// services it serves on day, in one statement.
func counterSetup(ctx context.Context, tx *dbtx, counter int, day string) (CounterState, map[string]int, error) {
	rows, err := tx.QueryContext(ctx, qCounterSetup, counter, day)
	if err != nil {
		return "", nil, fmt.Errorf("queue: counter %d: %w", counter, err)
	}
	defer rows.Close()
	var st CounterState
	cs := map[string]int{}
	for rows.Next() {
		var code string
		var w int
		if err := rows.Scan(&st, &code, &w); err != nil {
			return "", nil, fmt.Errorf("queue: counter %d: %w", counter, err)
		}
		if code != "" {
			cs[code] = max(w, 1)
		}
	}
	if err := rows.Err(); err != nil {
		return "", nil, fmt.Errorf("queue: counter %d: %w", counter, err)
	}
	if st == "" {
		return "", nil, fmt.Errorf("queue: counter %d: %w", counter, ErrUnknownCounter)
	}
	return st, cs, nil
}

// callTx marks t called at counter and records why: the routing reason,
// and for a call out of order the clerk's code (in the event's data) and
// note (beside it).
func (e *Engine) callTx(ctx context.Context, tx *dbtx, t *Ticket, counter int, reason Reason, why, note string, now time.Time) error {
	from := t.State
	t.State, t.Counter, t.CalledAt, t.CallReason = Called, counter, now, reason
	if t.FirstCalledAt.IsZero() {
		t.FirstCalledAt = now
	}
	if err := updateTicket(ctx, tx, *t); err != nil {
		return err
	}
	data := map[string]any{"wait_s": now.Sub(t.QueuedAt).Seconds(), "priority": t.Priority}
	if from != Waiting {
		data["from"] = from
	}
	if why != "" {
		data["why"] = why
	}
	ev, err := e.appendEvent(ctx, tx, ticketEvent(EvCalled, *t, now, string(reason), data))
	if err != nil {
		return err
	}
	if err := addNoteTx(ctx, tx, ev.ID, note); err != nil {
		return err
	}
	return e.countCallTx(ctx, tx, t.Day, t.Priority != PriorityNone)
}

// countCallTx keeps the fairness counter: normal calls since the last
// priority call, per service day. A day starts at PriorityEvery, so its
// first priority ticket need not wait.
func (e *Engine) countCallTx(ctx context.Context, tx *dbtx, day string, priority bool) error {
	var err error
	if priority {
		_, err = tx.ExecContext(ctx, qPriorityCalled, day)
	} else {
		_, err = tx.ExecContext(ctx, qNormalCalled, day, e.opts.PriorityEvery+1)
	}
	if err != nil {
		return fmt.Errorf("queue: routing state: %w", err)
	}
	return nil
}

// normalSincePriority reads the fairness counter of a day.
func (e *Engine) normalSincePriority(ctx context.Context, q querier, day string) (int, error) {
	n := e.opts.PriorityEvery
	err := q.QueryRowContext(ctx, qNormalSince, day).Scan(&n)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("queue: routing state: %w", err)
	}
	return n, nil
}

func counterState(ctx context.Context, q querier, counter int) (CounterState, error) {
	var st CounterState
	err := q.QueryRowContext(ctx, qCounterState, counter).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("queue: counter %d: %w", counter, ErrUnknownCounter)
	}
	if err != nil {
		return "", fmt.Errorf("queue: counter %d: %w", counter, err)
	}
	return st, nil
}

// counterServices reads the weights of the active services counter
// serves on day.
func counterServices(ctx context.Context, tx *dbtx, counter int, day string) (map[string]int, error) {
	rows, err := tx.QueryContext(ctx, qCounterServices, counter, day)
	if err != nil {
		return nil, fmt.Errorf("queue: counter %d services: %w", counter, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var code string
		var w int
		if err := rows.Scan(&code, &w); err != nil {
			return nil, fmt.Errorf("queue: counter %d services: %w", counter, err)
		}
		out[code] = max(w, 1)
	}
	return out, rows.Err()
}

var (
	qPriorityCalled = stmt(`INSERT INTO routing (day, normal_since_priority) VALUES (?, 0)
		ON CONFLICT (day) DO UPDATE SET normal_since_priority = 0`)
	qNormalCalled = stmt(`INSERT INTO routing (day, normal_since_priority) VALUES (?, ?)
		ON CONFLICT (day) DO UPDATE SET normal_since_priority = normal_since_priority + 1`)
	qNormalSince  = stmt("SELECT normal_since_priority FROM routing WHERE day = ?")
	qCounterState = stmt("SELECT state FROM counters WHERE number = ? AND active = 1")
	qCounterSetup = stmt(`WITH cs (service, weight) AS (` + servedToday + `)
		SELECT c.state, IFNULL(cs.service, ''), IFNULL(cs.weight, 0) FROM counters c
		LEFT JOIN (cs JOIN services s ON s.code = cs.service AND s.active = 1) ON true
		WHERE c.number = ?1 AND c.active = 1`)
	qCounterServices = stmt(`WITH cs (service, weight) AS (` + servedToday + `)
		SELECT cs.service, cs.weight FROM cs JOIN services s ON s.code = cs.service AND s.active = 1`)
)

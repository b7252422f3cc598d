package mqtt

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"tabour/lang"
	"tabour/mqtt/contract"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// board follows what each counter shows, from a snapshot of the engine and
// then from the event log: called and recalled put a ticket on its
// counter, started marks it serving, any other event of that ticket takes
// it off, and counter.state changes the counter's own state.
type board struct {
	counters map[int]contract.Serving
	ticketAt map[int64]int // ticket id → the counter showing it
	dirty    map[int]bool
	labels   map[int]*contract.Text // the counters' names, from the snapshot
}

func newBoard() *board {
	return &board{counters: map[int]contract.Serving{}, ticketAt: map[int64]int{}, dirty: map[int]bool{},
		labels: map[int]*contract.Text{}}
}

// loadBoard takes the snapshot: every active counter and its current ticket.
func loadBoard(ctx context.Context, eng *queue.Engine, now time.Time) (*board, error) {
	b := newBoard()
	st, err := eng.Stats(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range st.Counters {
		if c.Label != (lang.Text{}) {
			label := wire.TextFrom(c.Label)
			b.labels[c.Number] = &label
		}
		s := contract.Serving{Counter: c.Number, State: contract.AtCounterIdle, CounterState: string(c.State),
			Since: contract.At(now), Label: b.labels[c.Number]}
		if c.Current != "" {
			if err := b.loadTicket(ctx, eng, &s, c.Current); err != nil {
				return nil, err
			}
		}
		b.set(s)
	}
	return b, nil
}

func (b *board) loadTicket(ctx context.Context, eng *queue.Engine, s *contract.Serving, label string) error {
	t, err := eng.TicketByLabel(ctx, label)
	if errors.Is(err, queue.ErrUnknownTicket) {
		return nil // another day's ticket: the day close will expire it
	}
	if err != nil || t.Counter != s.Counter {
		return err
	}
	s.Ticket, s.Service, s.State, s.Since = t.Label, t.Service, contract.AtCounterCalled, contract.At(t.CalledAt)
	if t.State == queue.Serving {
		s.State, s.Since = contract.AtCounterServing, contract.At(t.StartedAt)
	}
	b.ticketAt[t.ID] = s.Counter
	return nil
}

func (b *board) set(s contract.Serving) {
	b.counters[s.Counter] = s
	b.dirty[s.Counter] = true
}

// apply moves the board by one event.
func (b *board) apply(ev queue.Event) {
	switch {
	case ev.Type == queue.EvCounter:
		b.counterState(ev)
	case ev.TicketID == 0:
	case ev.Type == queue.EvCalled || ev.Type == queue.EvRecalled:
		b.show(ev, contract.AtCounterCalled)
	case ev.Type == queue.EvStarted:
		b.show(ev, contract.AtCounterServing)
	default:
		b.release(ev)
	}
}

func (b *board) show(ev queue.Event, state string) {
	if ev.Counter == 0 {
		return
	}
	b.release(ev)
	s := b.counter(ev.Counter)
	for id, c := range b.ticketAt {
		if c == ev.Counter {
			delete(b.ticketAt, id) // the counter's previous ticket
		}
	}
	s.Ticket, s.Service, s.State, s.Since = ev.Ticket, ev.Service, state, contract.At(ev.At)
	b.ticketAt[ev.TicketID] = ev.Counter
	b.set(s)
}

func (b *board) release(ev queue.Event) {
	c, ok := b.ticketAt[ev.TicketID]
	if !ok {
		return
	}
	delete(b.ticketAt, ev.TicketID)
	s := b.counter(c)
	s.Ticket, s.Service, s.State, s.Since = "", "", contract.AtCounterIdle, contract.At(ev.At)
	b.set(s)
}

func (b *board) counterState(ev queue.Event) {
	var d struct{ To string }
	if json.Unmarshal([]byte(ev.Data), &d) != nil || d.To == "" {
		return
	}
	s := b.counter(ev.Counter)
	s.CounterState, s.Since = d.To, contract.At(ev.At)
	b.set(s)
}

// counter returns a counter's state, idle and closed if never seen.
func (b *board) counter(n int) contract.Serving {
	if s, ok := b.counters[n]; ok {
		return s
	}
	return contract.Serving{Counter: n, State: contract.AtCounterIdle, CounterState: string(queue.CounterClosed),
		Label: b.labels[n]}
}

// take returns the counters changed since the last take.
func (b *board) take() []contract.Serving {
	out := make([]contract.Serving, 0, len(b.dirty))
	for n := range b.dirty {
		out = append(out, b.counters[n])
	}
	clear(b.dirty)
	return out
}

// markAll marks every counter changed (after a reconnect).
func (b *board) markAll() {
	for n := range b.counters {
		b.dirty[n] = true
	}
}

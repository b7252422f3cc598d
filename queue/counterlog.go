package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// CounterChange is one change of a counter's state, from its
// counter.state event.
type CounterChange struct {
	Counter  int          `json:"counter"`
	At       time.Time    `json:"at"`
	From, To CounterState `json:"-"`
	Reason   string       `json:"reason,omitempty"`
}

// CounterChanges lists the changes of the counters' states during a
// service day (YYYY-MM-DD; "" is today), in order: what the manager's
// plots need to tell how many counters were open when.
//
// The event log has no index on time; the scan starts at the first event
// of a ticket of an earlier day (issued before the day began), so it reads
// from about the day's start rather than the whole log.
func (e *Engine) CounterChanges(ctx context.Context, day string) ([]CounterChange, error) {
	if day == "" {
		day = e.Today()
	}
	d, err := time.ParseInLocation(time.DateOnly, day, e.opts.Location)
	if err != nil {
		return nil, fmt.Errorf("queue: counter changes: day %q is not YYYY-MM-DD", day)
	}
	from := d.Add(e.opts.DayStart).Add(-time.Hour) // an hour of slack for a change of clocks
	to := d.AddDate(0, 0, 1).Add(e.opts.DayStart).Add(time.Hour)
	evs, err := e.queryEvents(ctx, "SELECT "+eventColumns+` FROM events
		WHERE seq > IFNULL((SELECT first_seq FROM tickets WHERE day < ? ORDER BY day DESC LIMIT 1), 0)
		AND type = ? AND at >= ? AND at < ? ORDER BY seq`, day, EvCounter, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, err
	}
	var out []CounterChange
	for _, ev := range evs {
		if e.serviceDay(ev.At) != day {
			continue
		}
		var d struct{ From, To CounterState }
		if err := json.Unmarshal([]byte(ev.Data), &d); err != nil {
			return nil, fmt.Errorf("queue: counter changes: event %d: %w", ev.Seq, err)
		}
		out = append(out, CounterChange{Counter: ev.Counter, At: ev.At, From: d.From, To: d.To, Reason: ev.Reason})
	}
	return out, nil
}

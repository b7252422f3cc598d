package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// serviceDay is the service day t belongs to, in the center's time zone.
func (e *Engine) serviceDay(t time.Time) string {
	return t.In(e.opts.Location).Add(-e.opts.DayStart).Format("2006-01-02")
}

// Today is the current service day.
func (e *Engine) Today() string { return e.serviceDay(e.opts.Clock.Now()) }

// allocateNumber finds the next free number of svc for day inside tx: one
// past the highest number of the day's current cycle, read from the
// tickets' unique (service, day, cycle, number) index, so the number is
// taken by the very insert that stores the ticket.
//
// Numbers never run out. When the range NumberMin–NumberMax is used up,
// numbering wraps to NumberMin in a new cycle, skipping numbers whose
// tickets are still open, and records a numbering.wrapped event; but when
// at least half the range is still open at that point (a long queue of one
// service), it widens instead: numbers go on past NumberMax with one more
// digit (A999 → A1000 … A9999), and so on, in the same cycle.
func (e *Engine) allocateNumber(ctx context.Context, tx *dbtx, svc Service, day string, now time.Time) (number, cycle int, err error) {
	top, err := e.topNumber(ctx, tx, svc.Code, day)
	if err != nil {
		return 0, 0, err
	}
	number, cycle = max(top.number+1, e.opts.NumberMin), top.cycle
	limit := e.rangeTop(top.number)
	var open *openNumbers
	if cycle > 0 {
		if open, err = e.openNumbers(ctx, tx, svc.Code, day, cycle); err != nil {
			return 0, 0, err
		}
	}
	for {
		if number > limit {
			if open == nil || open.cycle != cycle+1 {
				if open, err = e.openNumbers(ctx, tx, svc.Code, day, cycle+1); err != nil {
					return 0, 0, err
				}
			}
			if 2*open.count >= limit-e.opts.NumberMin+1 {
				limit = widen(limit) // keep counting up, one digit wider
				if open.cycle != cycle {
					open = nil // widening stays in this cycle: reload for it
					if cycle > 0 {
						if open, err = e.openNumbers(ctx, tx, svc.Code, day, cycle); err != nil {
							return 0, 0, err
						}
					}
				}
				continue
			}
			number, cycle, limit = e.opts.NumberMin, cycle+1, e.opts.NumberMax
			ev := Event{Type: EvWrapped, Service: svc.Code, At: now,
				Data: fmt.Sprintf(`{"cycle":%d,"day":%q}`, cycle, day)}
			if _, err := e.appendEvent(ctx, tx, ev); err != nil {
				return 0, 0, err
			}
		}
		if open == nil || !open.numbers[number] {
			return number, cycle, nil
		}
		number++
	}
}

// rangeTop is the highest number of the range that holds n: NumberMax,
// or NumberMax widened by as many digits as n needs.
func (e *Engine) rangeTop(n int) int {
	top := e.opts.NumberMax
	for top < n {
		top = widen(top)
	}
	return top
}

// widen adds a digit to a range's top: 999 → 9999.
func widen(top int) int { return top*10 + 9 }

// openNumbers are the numbers of a service-day's earlier cycles whose
// tickets are still open, which a later cycle skips. The set can only
// shrink: a ticket never reopens in another transaction (a recycled
// no-show and a returned ticket stay open throughout), and new tickets
// take numbers of the current cycle. So a cached set is at worst too
// large, which only skips a free number. count is how many tickets of the
// day are open in all cycles up to the set's own, for the widening rule.
type openNumbers struct {
	cycle   int
	count   int
	numbers map[int]bool
}

// openNumbers reads the numbers still open below cycle, once per cycle.
func (e *Engine) openNumbers(ctx context.Context, tx *dbtx, svc, day string, cycle int) (*openNumbers, error) {
	key := topKey{svc, day}
	if o, ok := e.cache.open[key]; ok && o.cycle == cycle {
		return o, nil
	}
	rows, err := tx.QueryContext(ctx, qOpenNumbers, svc, day, cycle)
	if err != nil {
		return nil, fmt.Errorf("queue: numbering %s: %w", svc, err)
	}
	defer rows.Close()
	o := &openNumbers{cycle: cycle, numbers: map[int]bool{}}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("queue: numbering %s: %w", svc, err)
		}
		o.numbers[n] = true
		o.count++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: numbering %s: %w", svc, err)
	}
	if e.cache.open == nil {
		e.cache.open = map[topKey]*openNumbers{}
	}
	e.cache.open[key] = o
	return o, nil
}

// topNumber is the current cycle and highest number of a service-day, from
// the cache or the unique index and the day's number floor; number is 0
// before the first ticket.
func (e *Engine) topNumber(ctx context.Context, tx *dbtx, svc, day string) (numTop, error) {
	key := topKey{svc, day}
	if top, ok := e.cache.tops[key]; ok {
		return top, nil
	}
	var top numTop
	err := tx.QueryRowContext(ctx, qTopNumber, svc, day).Scan(&top.cycle, &top.number)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return top, fmt.Errorf("queue: numbering %s: %w", svc, err)
	}
	return top, nil
}

// numberTaken records the number a committed insert took.
func (e *Engine) numberTaken(svc, day string, cycle, number int) {
	if e.cache.tops == nil {
		e.cache.tops = map[topKey]numTop{}
	}
	e.cache.tops[topKey{svc, day}] = numTop{cycle, number}
}

// numberStale forgets a cached number another process has taken.
func (e *Engine) numberStale(svc, day string) {
	delete(e.cache.tops, topKey{svc, day})
	delete(e.cache.open, topKey{svc, day})
}

// label formats a ticket number: prefix "A", number 7, width 3 → "A007".
func (e *Engine) label(prefix string, number int) string {
	return fmt.Sprintf("%s%0*d", prefix, e.opts.NumberWidth, number)
}

// ref is the public reference of a ticket, unique on this appliance.
func ref(day, label string, cycle int) string {
	r := day[0:4] + day[5:7] + day[8:10] + "-" + label
	if cycle > 0 {
		r += fmt.Sprintf("-%d", cycle)
	}
	return r
}

var (
	// qTopNumber: the day's current cycle and its highest number, read
	// backwards from the unique index, or the floor an accepted loss left
	// when it is higher.
	qTopNumber = stmt(`SELECT cycle, number FROM (
		SELECT * FROM (SELECT cycle, number FROM tickets WHERE num_service = ?1 AND day = ?2
			ORDER BY cycle DESC, number DESC LIMIT 1)
		UNION ALL SELECT cycle, number FROM number_floor WHERE num_service = ?1 AND day = ?2)
		ORDER BY cycle DESC, number DESC LIMIT 1`)
	// qOpenNumbers: the numbers of earlier cycles still open, read once
	// per cycle through the unique index's (service, day) prefix.
	qOpenNumbers = `SELECT number FROM tickets WHERE num_service = ? AND day = ? AND cycle < ?
		AND state IN ('waiting','called','serving','held')`
)

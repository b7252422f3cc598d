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
// taken by the very insert that stores the ticket. When the range is used
// up it wraps to NumberMin in a new cycle, skipping numbers whose tickets
// are still open, and records a numbering.wrapped event.
func (e *Engine) allocateNumber(ctx context.Context, tx *dbtx, svc Service, day string, now time.Time) (number, cycle int, err error) {
	top, err := e.topNumber(ctx, tx, svc.Code, day)
	if err != nil {
		return 0, 0, err
	}
	number, cycle = max(top.number+1, e.opts.NumberMin), top.cycle
	size := e.opts.NumberMax - e.opts.NumberMin + 1
	for tries := 0; ; tries++ {
		if tries > size {
			return 0, 0, fmt.Errorf("queue: numbering %s: all %d numbers of the day are in use: %w", svc.Code, size, ErrInvalid)
		}
		if number > e.opts.NumberMax {
			number, cycle = e.opts.NumberMin, cycle+1
			ev := Event{Type: EvWrapped, Service: svc.Code, At: now,
				Data: fmt.Sprintf(`{"cycle":%d,"day":%q}`, cycle, day)}
			if _, err := e.appendEvent(ctx, tx, ev); err != nil {
				return 0, 0, err
			}
		}
		if cycle == 0 { // before any wrap every number ahead is fresh
			return number, cycle, nil
		}
		inUse, err := numberInUse(ctx, tx, svc.Code, day, number)
		if err != nil {
			return 0, 0, err
		}
		if !inUse {
			return number, cycle, nil
		}
		number++
	}
}

// topNumber is the current cycle and highest number of a service-day, from
// the cache or the unique index; number is 0 before the first ticket.
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
func (e *Engine) numberStale(svc, day string) { delete(e.cache.tops, topKey{svc, day}) }

// numberInUse reports whether a ticket with that number is still open today.
func numberInUse(ctx context.Context, tx *dbtx, svc, day string, number int) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, qNumberInUse, svc, day, number).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("queue: numbering %s: %w", svc, err)
	}
	return n > 0, nil
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
	// backwards from the unique index.
	qTopNumber = stmt(`SELECT cycle, number FROM tickets WHERE num_service = ? AND day = ?
		ORDER BY cycle DESC, number DESC LIMIT 1`)
	qNumberInUse = stmt(`SELECT COUNT(*) FROM tickets WHERE num_service = ? AND day = ? AND number = ?
		AND state IN ('waiting','called','serving','held')`)
)

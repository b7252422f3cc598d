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

// allocateNumber takes the next free number of svc for day inside tx. When
// the range is used up it wraps to NumberMin in a new cycle, skipping numbers
// whose tickets are still active, and records a numbering.wrapped event.
func (e *Engine) allocateNumber(ctx context.Context, tx *sql.Tx, svc Service, day string, now time.Time) (number, cycle int, err error) {
	err = tx.QueryRowContext(ctx, "SELECT next, cycle FROM numbering WHERE service = ? AND day = ?", svc.Code, day).
		Scan(&number, &cycle)
	if errors.Is(err, sql.ErrNoRows) {
		number, cycle, err = e.opts.NumberMin, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("queue: numbering %s: %w", svc.Code, err)
	}
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
		inUse, err := numberInUse(ctx, tx, svc.Code, day, number)
		if err != nil {
			return 0, 0, err
		}
		if !inUse {
			break
		}
		number++
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO numbering (service, day, next, cycle) VALUES (?,?,?,?)
		ON CONFLICT (service, day) DO UPDATE SET next = excluded.next, cycle = excluded.cycle`,
		svc.Code, day, number+1, cycle)
	if err != nil {
		return 0, 0, fmt.Errorf("queue: numbering %s: %w", svc.Code, err)
	}
	return number, cycle, nil
}

// numberInUse reports whether a ticket with that number is still open today.
func numberInUse(ctx context.Context, tx *sql.Tx, svc, day string, number int) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tickets WHERE num_service = ? AND day = ? AND number = ?
		AND state IN ('waiting','called','serving','held')`, svc, day, number).Scan(&n)
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

package queue

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// RatingReasons are the codes of the reason chips a citizen may add to a
// rating (the console translates them).
var RatingReasons = []string{"quick", "polite", "clear", "helpful", "slow", "rude", "unclear", "documents"}

// MaxRatingReasons is how many reasons one rating may give.
const MaxRatingReasons = 4

// Rating is a citizen's rating of a finished ticket's service: a score
// from 1 (very unhappy) to 5 (very happy) and reason codes
// (RatingReasons). It names the ticket, never the person.
type Rating struct {
	TicketID int64
	Label    string
	Service  string
	Counter  int
	Score    int
	Reasons  []string
	At       time.Time
}

// Rate records the citizen's rating of ticket id's service: score 1 to 5
// and up to MaxRatingReasons distinct codes of RatingReasons, else
// ErrInvalid. Only a ticket done on the current service day may be rated
// (ErrWrongState otherwise, ErrUnknownTicket if there is none), and only
// once: a second rating is refused with ErrAlreadyRated. It stores the
// rating and appends one ticket.rated event (EvRated) in one transaction;
// a refusal changes nothing.
func (e *Engine) Rate(ctx context.Context, id int64, score int, reasons []string) (Rating, error) {
	if score < 1 || score > 5 {
		return Rating{}, fmt.Errorf("queue: rate ticket %d: score %d is not 1 to 5: %w", id, score, ErrInvalid)
	}
	if len(reasons) > MaxRatingReasons {
		return Rating{}, fmt.Errorf("queue: rate ticket %d: %d reasons, at most %d: %w", id, len(reasons), MaxRatingReasons, ErrInvalid)
	}
	for i, r := range reasons {
		if !slices.Contains(RatingReasons, r) {
			return Rating{}, fmt.Errorf("queue: rate ticket %d: unknown reason %q: %w", id, r, ErrInvalid)
		}
		if slices.Contains(reasons[:i], r) {
			return Rating{}, fmt.Errorf("queue: rate ticket %d: reason %q given twice: %w", id, r, ErrInvalid)
		}
	}
	reasons = append([]string{}, reasons...)
	var r Rating
	_, err := e.onTicket(ctx, id, func(tx *dbtx, t *Ticket, now time.Time) error {
		if t.State != Done || t.Day != e.serviceDay(now) {
			return &StateError{Op: "rate", Ticket: t.Label, State: t.State}
		}
		list, _ := json.Marshal(reasons)
		res, err := tx.ExecContext(ctx, qInsertRating, t.ID, t.Day, t.Service, t.Counter, score, string(list), now.UnixMilli())
		if err != nil {
			return fmt.Errorf("queue: rate %s: %w", t.Label, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("queue: rate %s: %w", t.Label, ErrAlreadyRated)
		}
		r = Rating{TicketID: t.ID, Label: t.Label, Service: t.Service, Counter: t.Counter, Score: score, Reasons: reasons, At: now}
		_, err = e.appendEvent(ctx, tx, ticketEvent(EvRated, *t, now, "", struct {
			Score   int      `json:"score"`
			Reasons []string `json:"reasons"`
		}{score, reasons}))
		return err
	})
	if err != nil {
		return Rating{}, err
	}
	return r, nil
}

// Ratings lists the ratings of a service day ("" is today) in the order
// they were given.
func (e *Engine) Ratings(ctx context.Context, day string) ([]Rating, error) {
	if day == "" {
		day = e.Today()
	}
	rows, err := e.db.QueryContext(ctx, `SELECT r.ticket_id, IFNULL(t.label, ''), r.service, r.counter, r.score, r.reasons, r.at
		FROM ratings r LEFT JOIN tickets t ON t.id = r.ticket_id WHERE r.day = ? ORDER BY r.at, r.ticket_id`, day)
	if err != nil {
		return nil, fmt.Errorf("queue: list ratings: %w", err)
	}
	defer rows.Close()
	var out []Rating
	for rows.Next() {
		var r Rating
		var reasons string
		var at int64
		if err := rows.Scan(&r.TicketID, &r.Label, &r.Service, &r.Counter, &r.Score, &reasons, &at); err != nil {
			return nil, fmt.Errorf("queue: list ratings: %w", err)
		}
		if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
			return nil, fmt.Errorf("queue: list ratings: ticket %d: %w", r.TicketID, err)
		}
		r.At = fromMs(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: list ratings: %w", err)
	}
	return out, nil
}

// LastDone returns the ticket counter most recently finished (done) on the
// current service day: the one the tablet facing the citizen at that
// window offers to rate. ErrUnknownTicket if there is none.
func (e *Engine) LastDone(ctx context.Context, counter int) (Ticket, error) {
	t, err := scanTicket(e.db.QueryRowContext(ctx, qLastDone, e.Today(), counter))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("queue: counter %d: no ticket done today: %w", counter, ErrUnknownTicket)
	}
	return t, err
}

var (
	qInsertRating = stmt(`INSERT INTO ratings (ticket_id, day, service, counter, score, reasons, at)
		VALUES (?,?,?,?,?,?,?) ON CONFLICT (ticket_id) DO NOTHING`)
	qLastDone = stmt("SELECT " + ticketColumns + ` FROM tickets
		WHERE day = ? AND counter = ? AND state = 'done' ORDER BY ended_at DESC, id DESC LIMIT 1`)
)

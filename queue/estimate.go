package queue

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Estimate is the expected wait of a ticket.
type Estimate struct {
	Ahead int           // tickets of the service waiting ahead
	Wait  time.Duration // estimated wait; meaningful only if Known
	Known bool          // false when no open counter serves the service
	AHT   time.Duration // mean handling time used
	Open  int           // open counters serving the service
}

// EstimateNew is the estimate for a ticket of service issued now.
func (e *Engine) EstimateNew(ctx context.Context, service string) (Estimate, error) {
	var ahead int
	err := e.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM tickets WHERE day = ? AND service = ? AND state = 'waiting'`,
		e.Today(), service).Scan(&ahead)
	if err != nil {
		return Estimate{}, fmt.Errorf("queue: estimate %s: %w", service, err)
	}
	return e.estimate(ctx, e.db, service, ahead)
}

// EstimateTicket is the estimate for a waiting ticket: the tickets of its
// queue that are ahead of it by queue position.
func (e *Engine) EstimateTicket(ctx context.Context, id int64) (Estimate, error) {
	t, err := ticketByID(ctx, e.db, id)
	if err != nil {
		return Estimate{}, err
	}
	if t.State != Waiting {
		return Estimate{Known: true}, nil
	}
	var ahead int
	err = e.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM tickets WHERE day = ? AND service = ? AND state = 'waiting'
		AND (queued_at < ? OR (queued_at = ? AND id < ?))`, t.Day, t.Service, ms(t.QueuedAt), ms(t.QueuedAt), t.ID).Scan(&ahead)
	if err != nil {
		return Estimate{}, fmt.Errorf("queue: estimate %s: %w", t.Label, err)
	}
	return e.estimate(ctx, e.db, t.Service, ahead)
}

// estimate applies ceil(ahead / open) × aht (see the package doc).
func (e *Engine) estimate(ctx context.Context, q querier, service string, ahead int) (Estimate, error) {
	est := Estimate{Ahead: ahead}
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM counters c JOIN counter_services cs ON cs.counter = c.number
		WHERE c.active = 1 AND c.state = 'open' AND cs.service = ?`, service).Scan(&est.Open)
	if err != nil {
		return est, fmt.Errorf("queue: estimate %s: %w", service, err)
	}
	if est.AHT, err = e.aht(ctx, q, service); err != nil {
		return est, err
	}
	if est.Open == 0 {
		return est, nil
	}
	rounds := (ahead + est.Open - 1) / est.Open
	est.Wait, est.Known = time.Duration(rounds)*est.AHT, true
	return est, nil
}

// aht is the mean handling time (call to end) of the service's last
// EstimateWindow tickets served (done) today, or the configured average.
// Tickets that ended any other way (not_started, no_show) were not served
// and would pull the mean towards zero.
func (e *Engine) aht(ctx context.Context, q querier, service string) (time.Duration, error) {
	var avg sql.NullFloat64
	err := q.QueryRowContext(ctx, `SELECT AVG(d) FROM (SELECT ended_at - called_at AS d FROM tickets
		WHERE day = ? AND service = ? AND state = 'done' ORDER BY ended_at DESC LIMIT ?)`,
		e.Today(), service, e.opts.EstimateWindow).Scan(&avg)
	if err != nil {
		return 0, fmt.Errorf("queue: handling time %s: %w", service, err)
	}
	if avg.Valid {
		return time.Duration(avg.Float64) * time.Millisecond, nil
	}
	min := e.opts.DefaultServiceMin
	if svc, ok := e.service(service); ok && svc.AvgServiceMin > 0 {
		min = svc.AvgServiceMin
	}
	return time.Duration(min) * time.Minute, nil
}

package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tabour/lang"
)

// ServiceStats are the live figures of one service for the current day.
type ServiceStats struct {
	Service      string        `json:"service"`
	Name         lang.Text     `json:"name"`
	Waiting      int           `json:"waiting"`
	LongestWait  time.Duration `json:"longest_wait"`
	Estimate     Estimate      `json:"estimate"` // for a ticket issued now
	Called       int           `json:"called"`   // tickets called at least once
	ServedToday  int           `json:"served_today"`
	MeanWait     time.Duration `json:"mean_wait"`     // first call − issue
	MeanService  time.Duration `json:"mean_service"`  // end − start
	NoShowRate   float64       `json:"no_show_rate"`  // no-shows ÷ called
	WithinTarget float64       `json:"within_target"` // share of called tickets first called within the target wait
	LastCalled   string        `json:"last_called"`   // last called or recalled while queued in this service
}

// CounterStats are the live figures of one counter.
type CounterStats struct {
	Number  int          `json:"number"`
	Label   lang.Text    `json:"label"`
	State   CounterState `json:"state"`
	Reason  string       `json:"reason,omitempty"`
	Current string       `json:"current,omitempty"` // label of the ticket called or serving
	Status  State        `json:"current_state,omitempty"`
	Served  int          `json:"served"`
}

// Stats is a snapshot of the center.
type Stats struct {
	Day      string         `json:"day"`
	AsOf     time.Time      `json:"as_of"`
	Services []ServiceStats `json:"services"`
	Counters []CounterStats `json:"counters"`
}

// Stats computes the live figures of the current service day.
func (e *Engine) Stats(ctx context.Context) (Stats, error) {
	now := e.opts.Clock.Now()
	st := Stats{Day: e.serviceDay(now), AsOf: now.UTC()}
	svcs, err := e.Services(ctx)
	if err != nil {
		return st, err
	}
	for _, s := range svcs {
		ss, err := e.serviceStats(ctx, s, st.Day, now)
		if err != nil {
			return st, err
		}
		st.Services = append(st.Services, ss)
	}
	st.Counters, err = e.counterStats(ctx, st.Day)
	return st, err
}

func (e *Engine) serviceStats(ctx context.Context, s Service, day string, now time.Time) (ServiceStats, error) {
	ss := ServiceStats{Service: s.Code, Name: s.Name}
	var waitMS, serviceMS int64
	var noShows, within int
	err := e.db.QueryRowContext(ctx, qServiceDay, day, s.Code).Scan(&ss.Waiting, &ss.Called, &waitMS,
		&ss.ServedToday, &serviceMS, &noShows, &within, &ss.LastCalled)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ss, fmt.Errorf("queue: stats %s: %w", s.Code, err)
	}
	if ss.Waiting > 0 {
		var oldest sql.NullInt64
		if err := e.db.QueryRowContext(ctx, qOldestWaiting, day, s.Code, day, s.Code).Scan(&oldest); err != nil {
			return ss, fmt.Errorf("queue: stats %s: %w", s.Code, err)
		}
		if oldest.Valid {
			// a ticket queued after now was read (another transaction) has waited nothing yet
			ss.LongestWait = max(now.Sub(time.UnixMilli(oldest.Int64)), 0).Truncate(time.Second)
		}
	}
	if ss.Called > 0 {
		ss.MeanWait = msDuration(float64(waitMS) / float64(ss.Called))
		ss.NoShowRate = float64(noShows) / float64(ss.Called)
		ss.WithinTarget = float64(within) / float64(ss.Called)
	}
	if ss.ServedToday > 0 {
		ss.MeanService = msDuration(float64(serviceMS) / float64(ss.ServedToday))
	}
	ss.Estimate, err = e.estimate(ctx, e.db, s.Code, ss.Waiting)
	return ss, err
}

func msDuration(ms float64) time.Duration {
	return (time.Duration(ms) * time.Millisecond).Truncate(time.Second)
}

func (e *Engine) counterStats(ctx context.Context, day string) ([]CounterStats, error) {
	rows, err := e.db.QueryContext(ctx, `SELECT c.number, c.label_ar, c.label_en, c.state, c.state_reason,
		IFNULL((SELECT label FROM tickets WHERE counter = c.number AND state IN ('called','serving') ORDER BY called_at DESC LIMIT 1), ''),
		IFNULL((SELECT state FROM tickets WHERE counter = c.number AND state IN ('called','serving') ORDER BY called_at DESC LIMIT 1), ''),
		IFNULL((SELECT served FROM counter_day WHERE day = ? AND counter = c.number), 0)
		FROM counters c WHERE c.active = 1 ORDER BY c.number`, day)
	if err != nil {
		return nil, fmt.Errorf("queue: counter stats: %w", err)
	}
	defer rows.Close()
	var out []CounterStats
	for rows.Next() {
		var c CounterStats
		if err := rows.Scan(&c.Number, &c.Label.AR, &c.Label.EN, &c.State, &c.Reason, &c.Current, &c.Status, &c.Served); err != nil {
			return nil, fmt.Errorf("queue: counter stats: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

var (
	// qServiceDay reads the figures the tickets' triggers keep (schema 2).
	qServiceDay = `SELECT waiting, called, wait_ms, served, service_ms, no_shows, within, last_called
		FROM service_day WHERE day = ? AND service = ?`
	// qOldestWaiting seeks the head of each priority level in the
	// tickets_waiting index rather than reading the whole queue.
	qOldestWaiting = `SELECT MIN(q) FROM (
		SELECT MIN(queued_at) AS q FROM tickets WHERE day = ? AND service = ? AND state = 'waiting' AND prio = 0
		UNION ALL
		SELECT MIN(queued_at) FROM tickets WHERE day = ? AND service = ? AND state = 'waiting' AND prio = 1)`
)

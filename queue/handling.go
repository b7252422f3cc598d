package queue

import (
	"context"
	"fmt"
	"math"
	"time"
)

// The handling times behind the wait estimate are learned as tickets end,
// in the same transaction, into the small handling table: per service
// (counter 0) and per service and counter. Only served tickets (done) feed
// the handling time; a no-show feeds the service's no-show rate and the
// time the counter spent waiting for the citizen; tickets passed over as
// not_started feed nothing. Each mean weighs the last Options.EstimateWindow
// tickets about equally and forgets older ones, so it follows the day
// without reading it back.

// learnServedTx records a served ticket's handling time (call to end).
func (e *Engine) learnServedTx(ctx context.Context, tx *dbtx, t Ticket) error {
	d := float64(t.EndedAt.Sub(t.CalledAt).Milliseconds())
	if d < 0 {
		return nil
	}
	for _, c := range []int{0, t.Counter} {
		if _, err := tx.ExecContext(ctx, qLearnServed, t.Service, c, d, d*d, ms(t.EndedAt), e.opts.EstimateWindow); err != nil {
			return fmt.Errorf("queue: handling time %s: %w", t.Service, err)
		}
	}
	return nil
}

// learnNoShowTx records a no-show: the rate, and how long the counter
// waited from the (first) call.
func (e *Engine) learnNoShowTx(ctx context.Context, tx *dbtx, t Ticket) error {
	d := float64(t.EndedAt.Sub(t.CalledAt).Milliseconds())
	if _, err := tx.ExecContext(ctx, qLearnNoShow, t.Service, max(d, 0), ms(t.EndedAt)); err != nil {
		return fmt.Errorf("queue: no-show rate %s: %w", t.Service, err)
	}
	return nil
}

// handling is what has been learned of one service (or service at one
// counter).
type handling struct {
	n      int
	mean   time.Duration // call → end of served tickets
	sigma  float64       // of the log of the handling time (lognormal fit)
	noShow float64       // share of calls that were no-shows
	nsMean time.Duration // time a no-show kept the counter
}

// minLearned is how many served tickets a service needs before its learned
// mean replaces the configured average, and a counter before its own mean
// replaces the service's.
const minLearned = 5

// defaultSigma is the log-spread assumed before enough tickets were served
// (a coefficient of variation of about 0.5).
var defaultSigma = math.Sqrt(math.Log1p(0.25))

type handlingKey struct {
	service string
	counter int
}

// loadHandling reads the handling table (a row per service and counter).
func loadHandling(ctx context.Context, q queryer) (map[handlingKey]handling, error) {
	rows, err := q.QueryContext(ctx, `SELECT service, counter, n, mean_ms, sq_ms, calls, ns_rate, ns_mean_ms FROM handling`)
	if err != nil {
		return nil, fmt.Errorf("queue: handling times: %w", err)
	}
	defer rows.Close()
	out := map[handlingKey]handling{}
	for rows.Next() {
		var k handlingKey
		var h handling
		var mean, sq, nsMean float64
		var calls int
		if err := rows.Scan(&k.service, &k.counter, &h.n, &mean, &sq, &calls, &h.noShow, &nsMean); err != nil {
			return nil, fmt.Errorf("queue: handling times: %w", err)
		}
		h.mean, h.nsMean = time.Duration(mean)*time.Millisecond, time.Duration(nsMean)*time.Millisecond
		h.sigma = defaultSigma
		if h.n >= minLearned && mean > 0 {
			cv2 := max(sq/(mean*mean)-1, 0.01)
			h.sigma = math.Sqrt(math.Log1p(cv2))
		}
		out[k] = h
	}
	return out, rows.Err()
}

var (
	// qLearnServed folds one handling time into the running means; the
	// weight of the newest ticket is 1/n up to the window, then 1/window.
	qLearnServed = stmt(`INSERT INTO handling (service, counter, n, mean_ms, sq_ms, calls, updated_at)
		VALUES (?1, ?2, 1, ?3, ?4, 1, ?5)
		ON CONFLICT (service, counter) DO UPDATE SET
		n = n + 1,
		mean_ms = mean_ms + (?3 - mean_ms) / MIN(n + 1, ?6),
		sq_ms = sq_ms + (?4 - sq_ms) / MIN(n + 1, ?6),
		calls = calls + 1,
		ns_rate = ns_rate - ns_rate / MIN(calls + 1, 100),
		updated_at = ?5`)
	qLearnNoShow = stmt(`INSERT INTO handling (service, counter, calls, ns_rate, ns_mean_ms, updated_at)
		VALUES (?1, 0, 1, 1, ?2, ?3)
		ON CONFLICT (service, counter) DO UPDATE SET
		ns_mean_ms = CASE WHEN ns_rate = 0 THEN ?2 ELSE ns_mean_ms + (?2 - ns_mean_ms) / 10 END,
		ns_rate = ns_rate + (1 - ns_rate) / MIN(calls + 1, 100),
		calls = calls + 1,
		updated_at = ?3`)
)

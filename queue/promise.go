package queue

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"
	"time"
)

// A ticket's promise is the first estimate the engine gave for it while it
// was just issued (the kiosk prints EstimateTicket's answer on the ticket).
// Promises are written with the engine's next write transaction, so
// estimating costs no write of its own; the wait the ticket had is its
// first call, so Accuracy compares the two.

// promiseFresh is how soon after issue an estimate counts as the promise.
const promiseFresh = 2 * time.Minute

type promise struct {
	ticket int64
	at     time.Time
	est    Estimate
}

// promises are the promises not yet written.
type promises struct {
	mu      sync.Mutex
	pending []promise
	seen    map[int64]bool // noted in this process
	// spreads are the replays' spread behind each ticket's first
	// estimate in this process (see calibrate).
	spreads map[int64]spread
}

// spread is how far the replays' 10th and 90th percentiles lie below and
// above the wait promised, in log terms, each widened by rangeFloor.
type spread struct{ lo, hi float64 }

// spreadOf is the spread of an estimate whose Low and High are still the
// replays' 10th and 90th percentiles; waits under a minute count as one.
func spreadOf(est Estimate) spread {
	w := float64(max(est.Wait, time.Minute))
	lo := math.Log(w / float64(max(est.Low, time.Second)))
	hi := math.Log(float64(max(est.High, time.Second)) / w)
	return spread{math.Hypot(max(lo, 0), rangeFloor), math.Hypot(max(hi, 0), rangeFloor)}
}

// noteSpread keeps the spread behind the first estimate of ticket id.
func (p *promises) noteSpread(id int64, s spread) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.spreads == nil || len(p.spreads) > 10000 {
		p.spreads = map[int64]spread{}
	}
	if _, ok := p.spreads[id]; !ok {
		p.spreads[id] = s
	}
}

// notePromise keeps est as t's promise if t was just issued and has none.
func (e *Engine) notePromise(ctx context.Context, t Ticket, est Estimate) error {
	now := e.opts.Clock.Now()
	if !t.FirstCalledAt.IsZero() || t.Transfers > 0 || t.NoShows > 0 || now.Sub(t.IssuedAt) > promiseFresh {
		return nil
	}
	p := &e.promises
	p.mu.Lock()
	seen := p.seen[t.ID]
	p.mu.Unlock()
	if seen {
		return nil
	}
	var n int
	if err := e.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM promises WHERE ticket_id = ?", t.ID).Scan(&n); err != nil {
		return fmt.Errorf("queue: promise %s: %w", t.Label, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seen == nil || len(p.seen) > 10000 {
		p.seen = map[int64]bool{}
	}
	if n == 0 && !p.seen[t.ID] {
		p.pending = append(p.pending, promise{ticket: t.ID, at: now.Truncate(time.Millisecond), est: est})
	}
	p.seen[t.ID] = true
	return nil
}

// flushPromisesTx writes the pending promises in tx and returns how many;
// promisesWritten drops them once tx has committed.
func (e *Engine) flushPromisesTx(ctx context.Context, tx *dbtx) (int, error) {
	p := &e.promises
	p.mu.Lock()
	list := append([]promise(nil), p.pending...)
	p.mu.Unlock()
	for _, pr := range list {
		_, err := tx.ExecContext(ctx, qPromise, pr.ticket, ms(pr.at), pr.est.Known,
			pr.est.Wait.Milliseconds(), pr.est.Low.Milliseconds(), pr.est.High.Milliseconds())
		if err != nil {
			return 0, fmt.Errorf("queue: promise: %w", err)
		}
	}
	return len(list), nil
}

func (e *Engine) promisesWritten(n int) {
	if n == 0 {
		return
	}
	p := &e.promises
	p.mu.Lock()
	p.pending = p.pending[n:]
	p.mu.Unlock()
}

// Accuracy is how well a day's promises were kept: each ticket's first
// estimate against the wait it had until its first call.
type Accuracy struct {
	Day      string        `json:"day"`
	Tickets  int           `json:"tickets"`   // promised and called
	Unknown  int           `json:"unknown"`   // of those, promised no estimate
	Long     int           `json:"long"`      // of the known, waited 5 min or more
	MAPE     float64       `json:"mape"`      // mean |estimate − wait| ÷ wait over the long waits
	Bias     time.Duration `json:"bias"`      // mean estimate − wait
	Within20 float64       `json:"within_20"` // share within ±20 % of the wait
	Within5  float64       `json:"within_5m"` // share within ±5 min
	InRange  float64       `json:"in_range"`  // share whose wait fell within the range told
}

// Accuracy reports how well the promises of a service day (YYYY-MM-DD;
// "" is today) were kept by the tickets called so far.
func (e *Engine) Accuracy(ctx context.Context, day string) (Accuracy, error) {
	if day == "" {
		day = e.Today()
	}
	e.promises.mu.Lock()
	pending := len(e.promises.pending)
	e.promises.mu.Unlock()
	if pending > 0 {
		if err := e.tx(ctx, func(*dbtx) error { return nil }); err != nil { // write them
			return Accuracy{}, err
		}
	}
	rows, err := e.db.QueryContext(ctx, `SELECT p.known, p.wait_ms, p.low_ms, p.high_ms, t.first_called_at - p.at
		FROM promises p JOIN tickets t ON t.id = p.ticket_id WHERE t.day = ? AND t.first_called_at > 0`, day)
	if err != nil {
		return Accuracy{}, fmt.Errorf("queue: accuracy: %w", err)
	}
	defer rows.Close()
	var sc Scorer
	unknown := 0
	for rows.Next() {
		var known bool
		var wait, low, high, actual int64
		if err := rows.Scan(&known, &wait, &low, &high, &actual); err != nil {
			return Accuracy{}, fmt.Errorf("queue: accuracy: %w", err)
		}
		if !known {
			unknown++
			continue
		}
		sc.Add(msDur(wait), msDur(actual))
		sc.AddRange(msDur(low), msDur(high), msDur(actual))
	}
	if err := rows.Err(); err != nil {
		return Accuracy{}, fmt.Errorf("queue: accuracy: %w", err)
	}
	a := sc.Accuracy()
	a.Day, a.Tickets, a.Unknown = day, a.Tickets+unknown, unknown
	return a, nil
}

func msDur(v int64) time.Duration { return time.Duration(v) * time.Millisecond }

// LongWait is the wait from which the percentage error counts.
const LongWait = 5 * time.Minute

// Scorer adds up estimates against actual waits.
type Scorer struct {
	n, long, within20, within5, inRange, ranged int
	ape, bias                                   float64
}

// Add scores one estimate against the actual wait.
func (s *Scorer) Add(est, actual time.Duration) {
	s.n++
	diff := float64(est - actual)
	s.bias += diff
	if actual >= LongWait {
		s.long++
		s.ape += math.Abs(diff) / float64(actual)
	}
	if math.Abs(diff) <= 0.2*float64(actual) {
		s.within20++
	}
	if math.Abs(diff) <= float64(5*time.Minute) {
		s.within5++
	}
}

// AddRange scores a range told against the actual wait.
func (s *Scorer) AddRange(low, high, actual time.Duration) {
	s.ranged++
	if actual >= low && actual <= high {
		s.inRange++
	}
}

// Accuracy is the score so far (Day unset).
func (s *Scorer) Accuracy() Accuracy {
	a := Accuracy{Tickets: s.n, Long: s.long}
	if s.n > 0 {
		a.Bias = time.Duration(s.bias / float64(s.n)).Round(time.Second)
		a.Within20 = float64(s.within20) / float64(s.n)
		a.Within5 = float64(s.within5) / float64(s.n)
	}
	if s.long > 0 {
		a.MAPE = s.ape / float64(s.long)
	}
	if s.ranged > 0 {
		a.InRange = float64(s.inRange) / float64(s.ranged)
	}
	return a
}

// calibrateRows is how many of today's kept promises set the range, and
// calibrateMin how many are needed before they replace the spread of the
// replays.
const (
	calibrateRows = 80
	calibrateMin  = 20
)

// rangeTail is the share of the calibrating promises left out of the
// range on each side; rangeFloor is the log-spread added (in quadrature)
// to the replays' own, for what they cannot know.
const (
	rangeTail  = 0.07
	rangeFloor = 0.15
)

// calibrate sets the range from how today's promises were kept,
// conformal-style. Each kept promise scores how far the wait it had fell
// from the wait promised, in units of the replays' spread behind that
// promise (log actual ÷ promised over the log-distance from the promise
// to the replays' 90th percentile if longer, to their 10th if shorter,
// each widened by rangeFloor). The range of a new estimate is its wait
// moved down and up by its own spread times the 7th and 93rd percentile
// of those scores, but never less than once its spread: it holds about
// the share of tickets that today's record says, and is narrow where the
// replays agree (many tickets ahead) and wide where they do not (few
// ahead, a counter about to be back). The replays' own spread misses what
// they cannot know (a break not yet taken, a counter closing early, a
// clerk slower today); the record of the day's promises brings that in.
// Promises made before this process started have no spread: until twenty
// have, the range is the wait times the 10th and 90th percentile of
// actual ÷ promised, and until twenty were kept, the replays' spread.
func (e *Engine) calibrate(ctx context.Context, day string, est *Estimate) error {
	rows, err := e.db.QueryContext(ctx, qRatios, day, calibrateRows)
	if err != nil {
		return fmt.Errorf("queue: estimate range: %w", err)
	}
	defer rows.Close()
	e.promises.mu.Lock()
	spreads := e.promises.spreads
	e.promises.mu.Unlock()
	var ratios, scores []float64
	for rows.Next() {
		var id int64
		var promised, waited float64
		if err := rows.Scan(&id, &promised, &waited); err != nil {
			return fmt.Errorf("queue: estimate range: %w", err)
		}
		ratios = append(ratios, waited/promised)
		e.promises.mu.Lock()
		s, ok := spreads[id]
		e.promises.mu.Unlock()
		if ok {
			r := math.Log(max(waited, 1000) / promised)
			if r > 0 {
				scores = append(scores, r/s.hi)
			} else {
				scores = append(scores, r/s.lo)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	switch {
	case len(scores) >= calibrateMin:
		s := spreadOf(*est)
		sort.Float64s(scores)
		lo, hi := min(fquantile(scores, rangeTail), -1), max(fquantile(scores, 1-rangeTail), 1)
		w := float64(max(est.Wait, time.Minute))
		est.Low = min(time.Duration(w*math.Exp(lo*s.lo)), est.Wait).Round(time.Second)
		est.High = max(time.Duration(w*math.Exp(hi*s.hi)), est.Wait).Round(time.Second)
	case len(ratios) >= calibrateMin:
		sort.Float64s(ratios)
		at := func(q float64) time.Duration {
			return time.Duration(float64(est.Wait) * fquantile(ratios, q)).Round(time.Second)
		}
		est.Low, est.High = at(0.1), at(0.9)
	}
	return nil
}

func fquantile(sorted []float64, q float64) float64 {
	return sorted[int(q*float64(len(sorted)-1)+0.5)]
}

// qRatios reads the latest promises backwards and keeps those already
// called: the tickets still waiting are the only ones skipped. CROSS JOIN
// keeps SQLite from driving the join from the day's tickets instead.
var qRatios = `SELECT p.ticket_id, p.wait_ms, t.first_called_at - p.at FROM promises p CROSS JOIN tickets t ON t.id = p.ticket_id
	WHERE t.day = ? AND t.first_called_at > 0 AND p.known = 1 AND p.wait_ms >= 180000
	ORDER BY p.ticket_id DESC LIMIT ?`

var qPromise = stmt(`INSERT OR IGNORE INTO promises (ticket_id, at, known, wait_ms, low_ms, high_ms)
	VALUES (?, ?, ?, ?, ?, ?)`)

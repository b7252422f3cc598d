package console

import (
	"context"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	tl "tabour/lang"
	"tabour/mqtt/contract"
)

// Alarm thresholds.
const (
	// OutboxAlarmAge is how old the oldest event not yet acknowledged
	// upstream may be before the dashboard raises an alarm.
	OutboxAlarmAge = 10 * time.Minute
	// OutboxAlarmCount is how many may wait.
	OutboxAlarmCount = 500
)

// Dashboard is the manager's live page, as sent to it every second.
type Dashboard struct {
	Live     bool         `json:"live"`
	Day      string       `json:"day"`
	AsOf     string       `json:"as_of"` // local time, HH:MM:SS
	Services []ServiceRow `json:"services"`
	Counters []CounterRow `json:"counters"`
	Alarms   []Alarm      `json:"alarms"`
	Error    string       `json:"error,omitempty"`
}

// ServiceRow is one service's live figures of the day. Times are in
// seconds; shares are percentages, rounded.
type ServiceRow struct {
	Service      string `json:"service"`
	Prefix       string `json:"prefix"`
	Name         string `json:"name"`
	Waiting      int    `json:"waiting"`
	LongestWaitS int64  `json:"longest_wait_s"`
	TargetS      int64  `json:"target_s"`
	// Breach: the longest wait is past the service's target.
	Breach bool `json:"breach"`
	// EstimateS is the wait a ticket issued now would be told; nil when
	// no open counter serves the service.
	EstimateS    *int64 `json:"estimate_s"`
	Served       int    `json:"served"`
	MeanWaitS    int64  `json:"mean_wait_s"`
	MeanServiceS int64  `json:"mean_service_s"`
	WithinTarget int    `json:"within_target_pct"`
	NoShowRate   int    `json:"no_show_pct"`
	Called       int    `json:"called"`
	// Ratings is how many citizens rated the service today, RatingMean
	// their mean score (1 to 5, one decimal).
	Ratings    int     `json:"ratings"`
	RatingMean float64 `json:"rating_mean"`
}

// CounterRow is one counter's live state.
type CounterRow struct {
	Number  int    `json:"number"`
	Label   string `json:"label"`
	State   string `json:"state"`            // open, paused, closed
	Reason  string `json:"reason,omitempty"` // a pause reason code
	Current string `json:"current,omitempty"`
	// CurrentState is the current ticket's state (called, serving).
	CurrentState string `json:"current_state,omitempty"`
	Served       int    `json:"served"`
	// IdleS is how long an open counter has had no ticket; nil while it
	// has one, is not open or the bus has not said.
	IdleS *int64 `json:"idle_s"`
	// Ratings and RatingMean: the citizens' ratings of the counter today.
	Ratings    int     `json:"ratings"`
	RatingMean float64 `json:"rating_mean"`
}

// Alarm is a device or link needing someone's attention.
type Alarm struct {
	Key  string `json:"key"`
	Text string `json:"text"`
	Bad  bool   `json:"bad"` // out of order, not only a warning
}

// dashCache keeps the last dashboard figures for a moment: every open
// dashboard reads them each second.
type dashCache struct {
	stale atomic.Bool // the bus told of a change since
	mu    sync.Mutex
	at    time.Time
	stats Stats
	svcs  []Service
	rates []Rating
	err   error
}

// figures reads the engine's live figures, at most every 250 ms.
func (s *Server) figures(ctx context.Context) (Stats, []Service, []Rating, error) {
	c := &s.dash
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if !c.stale.Swap(false) && !c.at.IsZero() && now.Sub(c.at) < 250*time.Millisecond {
		return c.stats, c.svcs, c.rates, c.err
	}
	c.stats, c.err = s.o.Figures.Stats(ctx)
	if c.err == nil {
		c.svcs, c.err = s.o.Figures.Services(ctx)
	}
	if c.err == nil {
		c.rates, c.err = s.o.Figures.Ratings(ctx, c.stats.Day)
	}
	c.at = time.Now()
	return c.stats, c.svcs, c.rates, c.err
}

// ratingSum adds up ratings.
type ratingSum struct{ n, sum int }

// mean is the mean score to one decimal, 0 if none.
func (r ratingSum) mean() float64 {
	if r.n == 0 {
		return 0
	}
	return roundTo(float64(r.sum)/float64(r.n), 1)
}

// ratingSums adds up ratings by service and by counter.
func ratingSums(rs []Rating) (bySvc map[string]ratingSum, byCounter map[int]ratingSum) {
	bySvc, byCounter = map[string]ratingSum{}, map[int]ratingSum{}
	for _, r := range rs {
		a := bySvc[r.Service]
		a.n, a.sum = a.n+1, a.sum+r.Score
		bySvc[r.Service] = a
		b := byCounter[r.Counter]
		b.n, b.sum = b.n+1, b.sum+r.Score
		byCounter[r.Counter] = b
	}
	return bySvc, byCounter
}

// Dashboard is the manager's live page in l, as sent to it every second.
func (s *Server) Dashboard(ctx context.Context, l Lang) Dashboard {
	now := s.o.Now()
	d := Dashboard{Live: s.Live(), AsOf: now.In(s.location()).Format(time.TimeOnly)}
	if s.o.Figures == nil {
		d.Error = word(l, "no_figures")
		return d
	}
	st, svcs, rates, err := s.figures(ctx)
	if err != nil {
		s.o.Logger.Warn("console: dashboard", "err", err)
		d.Error = word(l, "no_figures")
		return d
	}
	s.mu.Lock()
	serving := maps2slice(s.serving)
	health := s.health
	statuses := make(map[string]contract.Status, len(s.statuses))
	for k, v := range s.statuses {
		statuses[k] = v
	}
	s.mu.Unlock()
	d.Day = st.Day
	d.Services = serviceRows(st, svcs, l)
	d.Counters = counterRows(st, serving, now, l)
	bySvc, byCounter := ratingSums(rates)
	for i := range d.Services {
		r := bySvc[d.Services[i].Service]
		d.Services[i].Ratings, d.Services[i].RatingMean = r.n, r.mean()
	}
	for i := range d.Counters {
		r := byCounter[d.Counters[i].Number]
		d.Counters[i].Ratings, d.Counters[i].RatingMean = r.n, r.mean()
	}
	d.Alarms = s.alarms(d.Live, health, statuses, now, l)
	return d
}

func maps2slice(m map[int]contract.Serving) map[int]contract.Serving {
	out := make(map[int]contract.Serving, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func serviceRows(st Stats, svcs []Service, l Lang) []ServiceRow {
	byCode := map[string]Service{}
	for _, s := range svcs {
		byCode[s.Code] = s
	}
	rows := make([]ServiceRow, 0, len(st.Services))
	for _, ss := range st.Services {
		sv := byCode[ss.Service]
		r := ServiceRow{Service: ss.Service, Prefix: sv.Prefix, Name: ss.Name.In(tl.Lang(l)), Waiting: ss.Waiting,
			LongestWaitS: secs(ss.LongestWait), TargetS: secs(sv.TargetWait), Served: ss.Served,
			MeanWaitS: secs(ss.MeanWait), MeanServiceS: secs(ss.MeanServ), Called: ss.Called,
			WithinTarget: pct(ss.WithinTarget), NoShowRate: pct(ss.NoShowRate)}
		if r.Name == "" {
			r.Name = ss.Service
		}
		r.Breach = r.TargetS > 0 && r.LongestWaitS > r.TargetS
		if ss.EstimateKnown {
			v := secs(ss.Estimate)
			r.EstimateS = &v
		}
		rows = append(rows, r)
	}
	return rows
}

func counterRows(st Stats, serving map[int]contract.Serving, now time.Time, l Lang) []CounterRow {
	rows := make([]CounterRow, 0, len(st.Counters))
	for _, c := range st.Counters {
		r := CounterRow{Number: c.Number, Label: c.Label.In(tl.Lang(l)), State: c.State, Served: c.Served,
			Current: c.Current, CurrentState: c.CurrentState}
		if c.State == CounterPaused {
			r.Reason = c.Reason
		}
		if sv, ok := serving[c.Number]; ok && c.State == CounterOpen && c.Current == "" &&
			sv.State == contract.AtCounterIdle && !sv.Since.IsZero() {
			v := max(secs(now.Sub(sv.Since.Time)), 0)
			r.IdleS = &v
		}
		rows = append(rows, r)
	}
	return rows
}

// alarms are the devices and links out of order, the worst first.
func (s *Server) alarms(live bool, h contract.Health, statuses map[string]contract.Status, now time.Time, l Lang) []Alarm {
	var out []Alarm
	add := func(key string, bad bool, extra string) {
		t := word(l, "a_"+key)
		if extra != "" {
			t += " — " + extra
		}
		out = append(out, Alarm{Key: key, Text: t, Bad: bad})
	}
	if !live {
		add("appliance", true, "")
	}
	switch h.Printer {
	case "", "ok":
	case "paper_low":
		add("paper_low", false, "")
	case "paper_out":
		add("paper_out", true, "")
	case "cover_open":
		add("cover_open", true, "")
	default:
		add("printer", true, h.Printer)
	}
	if h.Scanner == "offline" {
		add("scanner", true, "")
	}
	if o := h.Outbox; o != nil && h.Upstream != "disabled" && (time.Duration(o.AgeS)*time.Second > OutboxAlarmAge || o.Count > OutboxAlarmCount) {
		add("outbox", false, durationWords(l, o.AgeS)+" · "+itoa(o.Count))
	}
	if h.Upstream != "" && h.Upstream != "connected" && h.Upstream != "disabled" {
		add("upstream", false, "")
	}
	ids := make([]string, 0, len(statuses))
	for id := range statuses {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if id == s.o.Appliance || id == s.o.Username {
			continue
		}
		if !statuses[id].Alive(now) {
			add("device", true, id)
		}
	}
	slices.SortStableFunc(out, func(a, b Alarm) int {
		switch {
		case a.Bad && !b.Bad:
			return -1
		case b.Bad && !a.Bad:
			return 1
		}
		return 0
	})
	return out
}

func secs(d time.Duration) int64 { return int64(d / time.Second) }

func pct(f float64) int { return int(math.Round(f * 100)) }

// location is the center's time zone, the engine's.
func (s *Server) location() *time.Location {
	if s.o.Figures != nil {
		if loc, _ := s.o.Figures.Zone(); loc != nil {
			return loc
		}
	}
	return time.UTC
}

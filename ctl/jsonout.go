package ctl

import (
	"time"

	"tabour/lang"
	"tabour/queue"
)

// The shapes tabourctl prints with --json (see the package doc): keys in
// snake_case, durations in whole seconds under keys ending in _s, times in
// RFC 3339 UTC and left out until they have happened.

type ticketJSON struct {
	ID            int64          `json:"id"`
	Ref           string         `json:"ref"`
	Label         string         `json:"label"`
	Service       string         `json:"service"`
	Day           string         `json:"day"`
	Number        int            `json:"number"`
	State         queue.State    `json:"state"`
	Priority      queue.Priority `json:"priority"`
	Kind          queue.Kind     `json:"kind"`
	Counter       int            `json:"counter"`        // 0: none
	TargetCounter int            `json:"target_counter"` // 0: any
	CallReason    queue.Reason   `json:"call_reason,omitzero"`
	AppointmentAt time.Time      `json:"appointment_at,omitzero"`
	IssuedAt      time.Time      `json:"issued_at"`
	QueuedAt      time.Time      `json:"queued_at"`
	FirstCalledAt time.Time      `json:"first_called_at,omitzero"`
	CalledAt      time.Time      `json:"called_at,omitzero"`
	StartedAt     time.Time      `json:"started_at,omitzero"`
	EndedAt       time.Time      `json:"ended_at,omitzero"`
	Recalls       int            `json:"recalls"`
	NoShows       int            `json:"no_shows"`
	Transfers     int            `json:"transfers"`
	Estimate      *estimateJSON  `json:"estimate,omitempty"`
}

func ticketFrom(t queue.Ticket, est *queue.Estimate) ticketJSON {
	out := ticketJSON{ID: t.ID, Ref: t.Ref, Label: t.Label, Service: t.Service, Day: t.Day, Number: t.Number,
		State: t.State, Priority: t.Priority, Kind: t.Kind, Counter: t.Counter, TargetCounter: t.TargetCounter,
		CallReason: t.CallReason, AppointmentAt: utc(t.AppointmentAt), IssuedAt: utc(t.IssuedAt),
		QueuedAt: utc(t.QueuedAt), FirstCalledAt: utc(t.FirstCalledAt), CalledAt: utc(t.CalledAt),
		StartedAt: utc(t.StartedAt), EndedAt: utc(t.EndedAt), Recalls: t.Recalls, NoShows: t.NoShows,
		Transfers: t.Transfers}
	if est != nil {
		e := estimateFrom(*est)
		out.Estimate = &e
	}
	return out
}

type estimateJSON struct {
	Ahead        int    `json:"ahead"`
	Known        bool   `json:"known"`  // false: no open counter serves the service
	WaitS        *int64 `json:"wait_s"` // null when not known
	AHTS         int64  `json:"aht_s"`  // mean handling time the estimate used
	OpenCounters int    `json:"open_counters"`
}

func estimateFrom(est queue.Estimate) estimateJSON {
	out := estimateJSON{Ahead: est.Ahead, Known: est.Known, AHTS: seconds(est.AHT), OpenCounters: est.Open}
	if est.Known {
		w := seconds(est.Wait)
		out.WaitS = &w
	}
	return out
}

type statsJSON struct {
	Day      string        `json:"day"`
	AsOf     time.Time     `json:"as_of"`
	Services []serviceJSON `json:"services"`
	Counters []counterJSON `json:"counters"`
}

type serviceJSON struct {
	Service      string       `json:"service"`
	Name         lang.Text    `json:"name"`
	Waiting      int          `json:"waiting"`
	LongestWaitS int64        `json:"longest_wait_s"`
	Estimate     estimateJSON `json:"estimate"`
	Called       int          `json:"called"`
	ServedToday  int          `json:"served_today"`
	MeanWaitS    int64        `json:"mean_wait_s"`
	MeanServiceS int64        `json:"mean_service_s"`
	NoShowRate   float64      `json:"no_show_rate"`
	WithinTarget float64      `json:"within_target"`
	LastCalled   string       `json:"last_called"`
}

type counterJSON struct {
	Number       int                `json:"number"`
	Label        lang.Text          `json:"label"`
	State        queue.CounterState `json:"state"`
	Reason       string             `json:"reason,omitzero"`
	Current      string             `json:"current,omitzero"`
	CurrentState queue.State        `json:"current_state,omitzero"`
	Served       int                `json:"served"`
}

func statsFrom(st queue.Stats) statsJSON {
	out := statsJSON{Day: st.Day, AsOf: utc(st.AsOf).Truncate(time.Millisecond),
		Services: make([]serviceJSON, len(st.Services)), Counters: make([]counterJSON, len(st.Counters))}
	for i, s := range st.Services {
		out.Services[i] = serviceJSON{Service: s.Service, Name: s.Name, Waiting: s.Waiting,
			LongestWaitS: seconds(s.LongestWait), Estimate: estimateFrom(s.Estimate), Called: s.Called,
			ServedToday: s.ServedToday, MeanWaitS: seconds(s.MeanWait), MeanServiceS: seconds(s.MeanService),
			NoShowRate: s.NoShowRate, WithinTarget: s.WithinTarget, LastCalled: s.LastCalled}
	}
	for i, c := range st.Counters {
		out.Counters[i] = counterJSON{Number: c.Number, Label: c.Label, State: c.State, Reason: c.Reason,
			Current: c.Current, CurrentState: c.Status, Served: c.Served}
	}
	return out
}

// seconds is d in whole seconds, rounded.
func seconds(d time.Duration) int64 { return int64(d.Round(time.Second) / time.Second) }

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

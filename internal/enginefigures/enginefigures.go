// Package enginefigures gives the web console the figures of the queue
// engine it runs beside: console.Figures over a *queue.Engine, read only.
// The console imports no engine (it speaks the bus through the contract);
// this adapter, which the appliance's process passes to it, is the one
// place where the two meet.
package enginefigures

import (
	"context"
	"time"

	"tabour/console"
	"tabour/lang"
	"tabour/queue"
)

// Engine is the engine's figures as the console reads them.
type Engine struct{ e *queue.Engine }

// New adapts e.
func New(e *queue.Engine) Engine { return Engine{e} }

var _ console.Figures = Engine{}

// Zone is the engine's time zone and start of the service day.
func (f Engine) Zone() (*time.Location, time.Duration) {
	o := f.e.Options()
	return o.Location, o.DayStart
}

// Today is the current service day.
func (f Engine) Today() string { return f.e.Today() }

// Services lists the active services.
func (f Engine) Services(ctx context.Context) ([]console.Service, error) {
	svcs, err := f.e.Services(ctx)
	out := make([]console.Service, 0, len(svcs))
	for _, s := range svcs {
		out = append(out, console.Service{Code: s.Code, Prefix: s.Prefix, Name: s.Name, TargetWait: s.TargetWait()})
	}
	return out, err
}

// Stats are the live figures of the day.
func (f Engine) Stats(ctx context.Context) (console.Stats, error) {
	st, err := f.e.Stats(ctx)
	if err != nil {
		return console.Stats{}, err
	}
	out := console.Stats{Day: st.Day}
	for _, s := range st.Services {
		out.Services = append(out.Services, console.ServiceStats{Service: s.Service, Name: s.Name, Waiting: s.Waiting,
			Called: s.Called, Served: s.ServedToday, LongestWait: s.LongestWait, MeanWait: s.MeanWait,
			MeanServ: s.MeanService, NoShowRate: s.NoShowRate, WithinTarget: s.WithinTarget,
			Estimate: s.Estimate.Wait, EstimateKnown: s.Estimate.Known})
	}
	for _, c := range st.Counters {
		out.Counters = append(out.Counters, console.CounterStats{Number: c.Number, Label: c.Label, State: string(c.State),
			Reason: c.Reason, Current: c.Current, CurrentState: string(c.Status), Served: c.Served})
	}
	return out, nil
}

// DayReport reports a service day.
func (f Engine) DayReport(ctx context.Context, day string) (console.DayReport, error) {
	r, err := f.e.DayReport(ctx, day)
	if err != nil {
		return console.DayReport{}, err
	}
	out := console.DayReport{Closed: r.Closed, Total: serviceReport(r.Total)}
	for _, s := range r.Services {
		out.Services = append(out.Services, serviceReport(s))
	}
	for _, c := range r.Counters {
		out.Counters = append(out.Counters, console.CounterReport{Number: c.Number, Label: c.Label, Served: c.Served,
			MeanHandling: c.MeanHandling})
	}
	return out, nil
}

func serviceReport(s queue.ServiceReport) console.ServiceReport {
	return console.ServiceReport{Service: s.Service, Issued: s.Issued, Called: s.Called, Served: s.Served,
		NoShows: s.NoShows, NotStarted: s.NotStarted, Cancelled: s.Cancelled, Expired: s.Expired, Open: s.Open,
		MeanWait: s.MeanWait, P90Wait: s.P90Wait, MeanHandling: s.MeanHandling, MeanServ: s.MeanService,
		WithinTarget: s.WithinTarget, Promised: s.Accuracy.Tickets - s.Accuracy.Unknown,
		InRange: s.Accuracy.InRange, Within5m: s.Accuracy.Within5}
}

// Tickets lists a day's tickets.
func (f Engine) Tickets(ctx context.Context, day string) ([]console.Ticket, error) {
	ts, err := f.e.Tickets(ctx, day)
	out := make([]console.Ticket, 0, len(ts))
	for _, t := range ts {
		out = append(out, ticket(t))
	}
	return out, err
}

// TicketByLabel finds one of today's tickets.
func (f Engine) TicketByLabel(ctx context.Context, label string) (console.Ticket, error) {
	t, err := f.e.TicketByLabel(ctx, label)
	return ticket(t), err
}

func ticket(t queue.Ticket) console.Ticket {
	return console.Ticket{ID: t.ID, Ref: t.Ref, Label: t.Label, Service: t.Service, State: string(t.State),
		Priority: string(t.Priority), Kind: string(t.Kind), CallReason: string(t.CallReason), Counter: t.Counter,
		Recalls: t.Recalls, NoShows: t.NoShows, Transfers: t.Transfers, IssuedAt: t.IssuedAt,
		FirstCalledAt: t.FirstCalledAt, CalledAt: t.CalledAt, StartedAt: t.StartedAt, EndedAt: t.EndedAt}
}

// CounterChanges lists a day's changes of the counters' states.
func (f Engine) CounterChanges(ctx context.Context, day string) ([]console.CounterChange, error) {
	chs, err := f.e.CounterChanges(ctx, day)
	out := make([]console.CounterChange, 0, len(chs))
	for _, c := range chs {
		out = append(out, console.CounterChange{Counter: c.Counter, At: c.At, From: string(c.From), To: string(c.To),
			Reason: c.Reason})
	}
	return out, err
}

// CountersToday lists the counters with the services they serve today.
func (f Engine) CountersToday(ctx context.Context) ([]console.CounterToday, error) {
	cs, err := f.e.CountersToday(ctx)
	out := make([]console.CounterToday, 0, len(cs))
	for _, c := range cs {
		ct := console.CounterToday{Number: c.Number, Label: c.Label, Override: c.Override}
		for _, s := range c.Services {
			ct.Services = append(ct.Services, console.ServiceWeight{Code: s.Code, Weight: s.Weight})
		}
		out = append(out, ct)
	}
	return out, err
}

// Ticker is the hall's line set for the day, nil if none.
func (f Engine) Ticker(ctx context.Context) (*lang.Text, error) {
	h, err := f.e.Hall(ctx)
	return h.Ticker, err
}

// Ratings are the citizens' ratings of a day.
func (f Engine) Ratings(ctx context.Context, day string) ([]console.Rating, error) {
	rs, err := f.e.Ratings(ctx, day)
	out := make([]console.Rating, 0, len(rs))
	for _, r := range rs {
		out = append(out, console.Rating{TicketID: r.TicketID, Label: r.Label, Service: r.Service, Counter: r.Counter,
			Score: r.Score, Reasons: r.Reasons, At: r.At})
	}
	return out, err
}

// LastDone is the ticket counter most recently finished today.
func (f Engine) LastDone(ctx context.Context, counter int) (console.Ticket, error) {
	t, err := f.e.LastDone(ctx, counter)
	return ticket(t), err
}

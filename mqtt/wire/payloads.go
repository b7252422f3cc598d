package wire

import (
	"math"
	"time"

	"tabour/mqtt/contract"
	"tabour/queue"
)

// EventFrom converts an engine event.
func EventFrom(ev queue.Event) contract.Event {
	return contract.Event{EventID: ev.ID, Seq: ev.Seq, Device: ev.Device, BootID: ev.BootID, Type: ev.Type,
		TicketID: ev.TicketID, Ticket: ev.Ticket, Service: ev.Service, Counter: ev.Counter, Reason: ev.Reason,
		Data: ev.Data, At: contract.At(ev.At), PrevHash: ev.PrevHash, Hash: ev.Hash}
}

// DayReportFrom converts the engine's report.
func DayReportFrom(r queue.DayReport) contract.DayReport {
	out := contract.DayReport{Day: r.Day, Closed: r.Closed, AsOf: contract.At(r.AsOf), Total: serviceReportFrom(r.Total),
		Services: make([]contract.ServiceReport, len(r.Services)), Counters: make([]contract.CounterReport, len(r.Counters))}
	for i, s := range r.Services {
		out.Services[i] = serviceReportFrom(s)
	}
	for i, c := range r.Counters {
		out.Counters[i] = contract.CounterReport{Counter: c.Number, Label: TextFrom(c.Label), Served: c.Served,
			MeanHandlingS: seconds(c.MeanHandling)}
	}
	return out
}

func serviceReportFrom(s queue.ServiceReport) contract.ServiceReport {
	out := contract.ServiceReport{Service: s.Service, TargetWaitS: seconds(s.TargetWait), Issued: s.Issued,
		Called: s.Called, Served: s.Served, NoShows: s.NoShows, NotStarted: s.NotStarted, Cancelled: s.Cancelled,
		Expired: s.Expired, Open: s.Open, MeanWaitS: seconds(s.MeanWait), P90WaitS: seconds(s.P90Wait),
		WithinTarget: share(s.WithinTarget), MeanHandlingS: seconds(s.MeanHandling),
		MeanServiceS: seconds(s.MeanService)}
	if s.Service != "" {
		name := TextFrom(s.Name)
		out.Name = &name
	}
	a := s.Accuracy
	out.Accuracy = contract.PromiseAccuracy{Tickets: a.Tickets, Unknown: a.Unknown, Long: a.Long, MAPE: share(a.MAPE),
		BiasS: seconds(a.Bias), Within20: share(a.Within20), Within5: share(a.Within5), InRange: share(a.InRange)}
	return out
}

// seconds is d in whole seconds, rounded.
func seconds(d time.Duration) int64 { return int64(d.Round(time.Second) / time.Second) }

// share rounds a fraction to four decimals: enough for a percentage to a
// hundredth, and no long run of digits in a payload.
func share(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// HallFrom converts the hall display's state.
func HallFrom(h queue.Hall) contract.Hall {
	var out contract.Hall
	if h.Ticker != nil {
		t := TextFrom(*h.Ticker)
		out.Ticker = &t
	}
	if a := h.Announcement; a != nil {
		out.Announcement = &contract.Announcement{ID: a.ID, Text: TextFrom(a.Text), At: contract.At(a.At)}
	}
	return out
}

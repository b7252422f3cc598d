package console

import (
	"context"
	"time"

	tl "tabour/lang"
)

// Figures are what the manager's pages and the counter page read of the
// appliance's queue engine, read only, in the console's own types: the
// console speaks the bus through the contract and imports no engine. The
// appliance passes an adapter of its engine (tabour/internal/enginefigures).
type Figures interface {
	// Zone is the center's time zone and the offset from midnight at
	// which its service day starts.
	Zone() (*time.Location, time.Duration)
	Today() string
	Services(ctx context.Context) ([]Service, error)
	Stats(ctx context.Context) (Stats, error)
	DayReport(ctx context.Context, day string) (DayReport, error)
	Tickets(ctx context.Context, day string) ([]Ticket, error)
	TicketByLabel(ctx context.Context, label string) (Ticket, error)
	CounterChanges(ctx context.Context, day string) ([]CounterChange, error)
	CountersToday(ctx context.Context) ([]CounterToday, error)
	// Ticker is the hall display's line set for the day, nil if none.
	Ticker(ctx context.Context) (*tl.Text, error)
	// Ratings are the citizens' ratings of a day's tickets, in order.
	Ratings(ctx context.Context, day string) ([]Rating, error)
	// LastDone is the ticket counter most recently finished today.
	LastDone(ctx context.Context, counter int) (Ticket, error)
}

// Rating is a citizen's rating of a ticket's service: a score from 1
// (very unhappy) to 5 (very happy) and reason codes. It names the ticket,
// never the person.
type Rating struct {
	TicketID       int64
	Label, Service string
	Counter, Score int
	Reasons        []string
	At             time.Time
}

// Ticket and counter states, as the engine names them.
const (
	TicketDone    = "done"
	CounterOpen   = "open"
	CounterPaused = "paused"
	CounterClosed = "closed"
)

// Service is a service of the catalog.
type Service struct {
	Code, Prefix string
	Name         tl.Text
	TargetWait   time.Duration
}

// Stats are the live figures of the current service day.
type Stats struct {
	Day      string
	Services []ServiceStats
	Counters []CounterStats
}

// ServiceStats are one service's live figures.
type ServiceStats struct {
	Service                         string
	Name                            tl.Text
	Waiting, Called, Served         int
	LongestWait, MeanWait, MeanServ time.Duration
	NoShowRate, WithinTarget        float64
	// Estimate is the wait a ticket issued now would be told; EstimateKnown
	// is false when no open counter serves the service.
	Estimate      time.Duration
	EstimateKnown bool
}

// CounterStats are one counter's live figures.
type CounterStats struct {
	Number       int
	Label        tl.Text
	State        string // open, paused, closed
	Reason       string // a pause reason
	Current      string // the label of the ticket called or serving
	CurrentState string // called, serving
	Served       int
}

// DayReport is the report of a service day.
type DayReport struct {
	Closed   bool
	Total    ServiceReport
	Services []ServiceReport
	Counters []CounterReport
}

// ServiceReport is one service's day, or the center's (Service empty).
type ServiceReport struct {
	Service                                     string
	Issued, Called, Served, NoShows, NotStarted int
	Cancelled, Expired, Open                    int
	MeanWait, P90Wait, MeanHandling, MeanServ   time.Duration
	WithinTarget                                float64
	// Accuracy of the waits told at issue: of the Promised tickets called,
	// the shares whose wait fell in the range told and within 5 minutes of
	// the estimate.
	Promised          int
	InRange, Within5m float64
}

// CounterReport is one counter's day.
type CounterReport struct {
	Number       int
	Label        tl.Text
	Served       int
	MeanHandling time.Duration
}

// Ticket is a ticket as the report and its CSV show it: no personal data.
type Ticket struct {
	ID                                                     int64
	Ref, Label, Service, State, Priority, Kind, CallReason string
	Counter, Recalls, NoShows, Transfers                   int
	IssuedAt, FirstCalledAt, CalledAt, StartedAt, EndedAt  time.Time
}

// CounterChange is one change of a counter's state.
type CounterChange struct {
	Counter  int
	At       time.Time
	From, To string
	Reason   string
}

// CounterToday is a counter with the services it serves today.
type CounterToday struct {
	Number   int
	Label    tl.Text
	Override bool // changed for today by a manager
	Services []ServiceWeight
}

// ServiceWeight is a service a counter serves, with its routing weight.
type ServiceWeight struct {
	Code   string
	Weight int
}

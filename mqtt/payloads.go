package mqtt

import (
	"encoding/json"
	"math"
	"time"

	"tabour/queue"
)

// No payload carries personal data: tickets are named by their label and
// internal id, never by a citizen's name, national ID or phone number.

// Device presence states (status/{device}).
const (
	Online  = "online"
	Offline = "offline"
	Lost    = "lost" // set by the broker from the device's Last Will
)

// Status is the retained presence of a device. For "lost", Since is when
// the lost session began: the broker publishes the will as it was written.
type Status struct {
	State   string `json:"state"`
	BootID  string `json:"boot_id"`
	Version string `json:"version"`
	Since   Time   `json:"since"`
	// Printer is the printer's state while online (devices with one).
	Printer string `json:"printer,omitempty"`
}

// Health is a device's retained health. The appliance fills Outbox and
// Upstream; devices with hardware fill Printer and Scanner.
type Health struct {
	Printer  string        `json:"printer,omitempty"` // ok, paper_low, paper_out, cover_open, error, offline
	Scanner  string        `json:"scanner,omitempty"` // ok, offline
	Outbox   *OutboxHealth `json:"outbox,omitempty"`
	Upstream string        `json:"upstream,omitempty"` // connected, disconnected, disabled, no acks since T
	AsOf     Time          `json:"as_of"`
}

// OutboxHealth is the size and age of the events not yet acknowledged.
type OutboxHealth struct {
	Count  int   `json:"count"`
	Oldest *Time `json:"oldest,omitempty"`
	AgeS   int64 `json:"age_s"`
}

// Queue is the retained live figures of one service (queue/{service}).
type Queue struct {
	Service      string `json:"service"`
	Waiting      int    `json:"waiting"`
	LongestWaitS int64  `json:"longest_wait_s"`
	EWTS         *int64 `json:"ewt_s"` // null: unknown, no open counter serves the service
	ServedToday  int    `json:"served_today"`
	LastCalled   string `json:"last_called"`
	OpenCounters int    `json:"open_counters"`
	AsOf         Time   `json:"as_of"`
}

// Ticket states at a counter (serving/{counter}).
const (
	AtCounterCalled  = "called"
	AtCounterServing = "serving"
	AtCounterIdle    = "idle"
)

// Serving is what one counter shows, retained: the hall display and the
// counter's LED display follow it.
type Serving struct {
	Counter      int    `json:"counter"`
	Ticket       string `json:"ticket,omitempty"`
	Service      string `json:"service,omitempty"`
	State        string `json:"state"`         // called, serving, idle
	CounterState string `json:"counter_state"` // open, paused, closed
	Since        Time   `json:"since"`
}

// Event is one event of the appliance's log as sent upstream. It carries
// every field the audit hash covers, so a receiver can check Hash and the
// link to the previous event; Data is the event's JSON details as the
// exact string that was hashed.
type Event struct {
	EventID  string `json:"event_id"`
	Seq      int64  `json:"seq"`
	Device   string `json:"device"`
	BootID   string `json:"boot_id"`
	Type     string `json:"type"`
	TicketID int64  `json:"ticket_id"`
	Ticket   string `json:"ticket"`
	Service  string `json:"service"`
	Counter  int    `json:"counter"`
	Reason   string `json:"reason"`
	Data     string `json:"data"`
	At       Time   `json:"at"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// EventFrom converts an engine event.
func EventFrom(ev queue.Event) Event {
	return Event{EventID: ev.ID, Seq: ev.Seq, Device: ev.Device, BootID: ev.BootID, Type: ev.Type,
		TicketID: ev.TicketID, Ticket: ev.Ticket, Service: ev.Service, Counter: ev.Counter, Reason: ev.Reason,
		Data: ev.Data, At: At(ev.At), PrevHash: ev.PrevHash, Hash: ev.Hash}
}

// Queue converts back to an engine event (to recompute its hash).
func (e Event) Queue() queue.Event {
	return queue.Event{Seq: e.Seq, ID: e.EventID, Device: e.Device, BootID: e.BootID, Type: e.Type,
		TicketID: e.TicketID, Ticket: e.Ticket, Service: e.Service, Counter: e.Counter, Reason: e.Reason,
		Data: e.Data, At: e.At.Time, PrevHash: e.PrevHash, Hash: e.Hash}
}

// HashOK reports whether Hash matches the event's contents.
func (e Event) HashOK() bool { return e.Queue().ComputeHash() == e.Hash }

// Ack acknowledges events (ack/{device}): by id, or all up to a sequence
// number, or both.
type Ack struct {
	Acked   []string `json:"acked,omitempty"`
	UptoSeq int64    `json:"upto_seq,omitempty"`
}

// Command is the payload of cmd/{device}/{name}.
type Command struct {
	CmdID     string          `json:"cmd_id"`
	Actor     string          `json:"actor"`
	IssuedAt  Time            `json:"issued_at"`
	ExpiresAt Time            `json:"expires_at"`
	Args      json.RawMessage `json:"args,omitempty"`
	Sig       string          `json:"sig,omitempty"`
}

// Result is the payload of res/{device}/{cmd_id}. Code names a refusal
// for programs; Error explains it to people.
type Result struct {
	CmdID  string         `json:"cmd_id"`
	OK     bool           `json:"ok"`
	Code   string         `json:"code,omitempty"`
	Error  string         `json:"error,omitempty"`
	Result *CommandResult `json:"result,omitempty"`
}

// CommandResult is what a command did.
type CommandResult struct {
	Counter      int    `json:"counter"`
	Ticket       string `json:"ticket,omitempty"`
	Service      string `json:"service,omitempty"`
	State        string `json:"state,omitempty"`  // the ticket's state after the command
	Reason       string `json:"reason,omitempty"` // why a called ticket was chosen
	CounterState string `json:"counter_state,omitempty"`
}

// DayReport is the retained report of one service day (report/{day}): what
// became of the day's tickets per service and in total, per counter, and
// how well the waits promised at issue were kept. Durations are whole
// seconds, shares fractions from 0 to 1 to four decimals. tabourctl report
// --json prints the same document.
type DayReport struct {
	Day      string          `json:"day"`
	Closed   bool            `json:"closed"` // the day is over and its open tickets expired: the final report
	AsOf     Time            `json:"as_of"`
	Total    ServiceReport   `json:"total"`
	Services []ServiceReport `json:"services"`
	Counters []CounterReport `json:"counters"`
}

// ServiceReport is one service's day, or the center's (total: no service,
// name or target). Issued = served + no_shows + not_started + cancelled +
// expired + open.
type ServiceReport struct {
	Service       string          `json:"service,omitempty"`
	Name          *queue.Text     `json:"name,omitempty"`
	TargetWaitS   int64           `json:"target_wait_s,omitempty"`
	Issued        int             `json:"issued"`
	Called        int             `json:"called"`
	Served        int             `json:"served"`
	NoShows       int             `json:"no_shows"`
	NotStarted    int             `json:"not_started"`
	Cancelled     int             `json:"cancelled"`
	Expired       int             `json:"expired"`
	Open          int             `json:"open"`
	MeanWaitS     int64           `json:"mean_wait_s"` // issue to first call, over the called
	P90WaitS      int64           `json:"p90_wait_s"`
	WithinTarget  float64         `json:"within_target"`   // share of the called first called within the target wait
	MeanHandlingS int64           `json:"mean_handling_s"` // call to end, over the served
	MeanServiceS  int64           `json:"mean_service_s"`  // start to end, over the served
	Accuracy      PromiseAccuracy `json:"accuracy"`
}

// CounterReport is one counter's day.
type CounterReport struct {
	Counter       int        `json:"counter"`
	Label         queue.Text `json:"label"`
	Served        int        `json:"served"`
	MeanHandlingS int64      `json:"mean_handling_s"`
}

// PromiseAccuracy is how well the waits promised at issue were kept by the
// tickets called (see queue.Accuracy).
type PromiseAccuracy struct {
	Tickets  int     `json:"tickets"`   // promised and called
	Unknown  int     `json:"unknown"`   // of those, promised no estimate
	Long     int     `json:"long"`      // of the known, waited 5 min or more
	MAPE     float64 `json:"mape"`      // mean |promised − waited| ÷ waited over the long waits
	BiasS    int64   `json:"bias_s"`    // mean promised − waited, signed
	Within20 float64 `json:"within_20"` // share within ±20 % of the wait
	Within5  float64 `json:"within_5m"` // share within ±5 min
	InRange  float64 `json:"in_range"`  // share whose wait fell within the range told
}

// DayReportFrom converts the engine's report.
func DayReportFrom(r queue.DayReport) DayReport {
	out := DayReport{Day: r.Day, Closed: r.Closed, AsOf: At(r.AsOf), Total: serviceReportFrom(r.Total),
		Services: make([]ServiceReport, len(r.Services)), Counters: make([]CounterReport, len(r.Counters))}
	for i, s := range r.Services {
		out.Services[i] = serviceReportFrom(s)
	}
	for i, c := range r.Counters {
		out.Counters[i] = CounterReport{Counter: c.Number, Label: c.Label, Served: c.Served,
			MeanHandlingS: seconds(c.MeanHandling)}
	}
	return out
}

func serviceReportFrom(s queue.ServiceReport) ServiceReport {
	out := ServiceReport{Service: s.Service, TargetWaitS: seconds(s.TargetWait), Issued: s.Issued,
		Called: s.Called, Served: s.Served, NoShows: s.NoShows, NotStarted: s.NotStarted, Cancelled: s.Cancelled,
		Expired: s.Expired, Open: s.Open, MeanWaitS: seconds(s.MeanWait), P90WaitS: seconds(s.P90Wait),
		WithinTarget: share(s.WithinTarget), MeanHandlingS: seconds(s.MeanHandling),
		MeanServiceS: seconds(s.MeanService)}
	if s.Service != "" {
		name := s.Name
		out.Name = &name
	}
	a := s.Accuracy
	out.Accuracy = PromiseAccuracy{Tickets: a.Tickets, Unknown: a.Unknown, Long: a.Long, MAPE: share(a.MAPE),
		BiasS: seconds(a.Bias), Within20: share(a.Within20), Within5: share(a.Within5), InRange: share(a.InRange)}
	return out
}

// seconds is d in whole seconds, rounded.
func seconds(d time.Duration) int64 { return int64(d.Round(time.Second) / time.Second) }

// share rounds a fraction to four decimals: enough for a percentage to a
// hundredth, and no long run of digits in a payload.
func share(v float64) float64 { return math.Round(v*1e4) / 1e4 }

package mqtt

import (
	"encoding/json"

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

package contract

import (
	"encoding/json"
	"time"
)

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
	// HeartbeatAt is when a device that beats (the appliance) last
	// published its online status; it publishes it again every EveryS
	// seconds. The will cannot say "lost" when the broker dies with the
	// device (the appliance's embedded broker): a reader then tells a
	// dead device by the heartbeat's age (see Alive).
	HeartbeatAt Time `json:"heartbeat_at,omitzero"`
	EveryS      int  `json:"every_s,omitempty"`
}

// HeartbeatEvery is how often the appliance republishes its online
// status; HeartbeatMisses beats missed make it stale.
const (
	HeartbeatEvery  = 5 * time.Second
	HeartbeatMisses = 3
)

// Alive reports whether s says the device is online at now: its state is
// online and, if it beats, its last heartbeat is no older than
// HeartbeatMisses beats. A device that does not beat (no heartbeat_at or
// every_s) is taken at its state. The reader's clock is compared with the
// device's, so the two must be set (NTP) for the answer to mean anything.
func (s Status) Alive(now time.Time) bool {
	if s.State != Online {
		return false
	}
	if s.HeartbeatAt.IsZero() || s.EveryS <= 0 {
		return true
	}
	return now.Sub(s.HeartbeatAt.Time) <= HeartbeatMisses*time.Duration(s.EveryS)*time.Second
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
	// Name is the service's name, for displays; absent from older
	// appliances.
	Name *Text `json:"name,omitempty"`
}

// Hall is the retained payload of hall: what the hall display shows
// besides the counters. Ticker, while set, replaces the display's
// configured bottom line for the rest of the service day; Announcement is
// the day's last announcement, shown for a while after its At. Both are
// absent when not set (a new day starts without them).
type Hall struct {
	Ticker       *Text         `json:"ticker,omitempty"`
	Announcement *Announcement `json:"announcement,omitempty"`
}

// Announcement is a message for the hall, in both languages; ID (its
// event's id) tells a new announcement from the same one received again.
type Announcement struct {
	ID   string `json:"id"`
	Text Text   `json:"text"`
	At   Time   `json:"at"`
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
	// Label is the counter's name ("شباك 4" / "Window 4"), for displays;
	// absent from older appliances and for a counter the appliance does
	// not know.
	Label *Text `json:"label,omitempty"`
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
	Name          *Text           `json:"name,omitempty"`
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
	Counter       int   `json:"counter"`
	Label         Text  `json:"label"`
	Served        int   `json:"served"`
	MeanHandlingS int64 `json:"mean_handling_s"`
}

// PromiseAccuracy is how well the waits promised at issue were kept by the
// tickets called (the engine's Accuracy).
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

// Text is a text in both of the contract's languages: a service's or a
// counter's name, an inquiry's answer. It has the same fields and JSON as
// the appliance's bilingual text, lang.Text, which the contract does not
// import; package tabour/mqtt/wire converts between the two (TextFrom,
// LangText).
type Text struct {
	AR string `json:"ar"`
	EN string `json:"en"`
}

// Upstream link states (Health.Upstream). Besides these, "no acks since
// T" (UpstreamNoAcks and T in TimeLayout) says the link is up but events
// have waited past their first resend with no ack since T.
const (
	UpstreamConnected    = "connected"
	UpstreamDisconnected = "disconnected"
	UpstreamDisabled     = "disabled"
	UpstreamNoAcks       = "no acks since "
)

// Hardware states (Health.Printer and Status.Printer, Health.Scanner).
var (
	PrinterStates = []string{"ok", "paper_low", "paper_out", "cover_open", "error", "offline"}
	ScannerStates = []string{"ok", "offline"}
)

// InquiryRequest asks the workflow server for the status of an
// application (inquiry/{device}).
type InquiryRequest struct {
	RequestID   string `json:"request_id"`
	Application string `json:"application"`
	At          Time   `json:"at"`
}

// InquiryAnswer is the server's answer (inquiry/{device}/res).
type InquiryAnswer struct {
	RequestID string `json:"request_id"`
	Found     bool   `json:"found"`
	Status    *Text  `json:"status,omitempty"`
	NextStep  *Text  `json:"next_step,omitempty"`
}

// Notice kinds (NotifyRequest.Kind).
const (
	NoticeNear   = "near"
	NoticeCalled = "called"
)

// NotifyRequest asks the workflow server to text a citizen
// (notify/{device}). To is the citizen's mobile number sealed to the
// server's Curve25519 key (nacl/box anonymous sealed box, standard
// base64): only the server can read it.
type NotifyRequest struct {
	RequestID string `json:"request_id"`
	TicketID  int64  `json:"ticket_id"`
	Ticket    string `json:"ticket"`
	Service   string `json:"service"`
	Counter   int    `json:"counter,omitempty"` // called: the counter to go to
	Kind      string `json:"kind"`              // near, called
	To        string `json:"to"`
	At        Time   `json:"at"`
}

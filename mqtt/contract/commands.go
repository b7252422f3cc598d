package contract

// Command names (cmd/{device}/{name}).
const (
	CmdNext     = "next"
	CmdRecall   = "recall"
	CmdStart    = "start"
	CmdDone     = "done"
	CmdNoShow   = "no_show"
	CmdTransfer = "transfer"
	CmdHold     = "hold"
	CmdPause    = "pause"
	CmdResume   = "resume"
	CmdClose    = "close"
	CmdCall     = "call"
	// The manager's commands, sent by the web console (or the workflow
	// server); a counter device sending one is refused not_allowed.
	CmdSetServices = "set_services" // services (counter: the one they change)
	CmdTicker      = "ticker"       // text; an empty text clears the hall's line
	CmdAnnounce    = "announce"     // text
	// CmdRate: the citizen's rating of a done ticket of today (ticket,
	// score, reasons), sent by the console, the workflow server or a
	// kiosk (the citizen scans the ticket); a counter device sending it is
	// refused not_allowed.
	CmdRate = "rate"
)

// ManagerCommands are the commands only the console and the workflow
// server may send.
var ManagerCommands = []string{CmdSetServices, CmdTicker, CmdAnnounce}

// Args are the arguments of every command; each uses some of them.
// Counter, if given, must be the counter of the device the command was
// sent to.
type Args struct {
	Counter int `json:"counter,omitempty"`
	// Reason is a code: one of PauseReasons (pause) or CallReasons (call).
	Reason string `json:"reason,omitempty"`
	// Note is optional free text (pause, call), kept on the appliance
	// beside the event, outside the audit hash, where it can be redacted.
	Note      string `json:"note,omitempty"`
	Ticket    string `json:"ticket,omitempty"`     // call: today's label, e.g. "A023"
	ToService string `json:"to_service,omitempty"` // transfer
	ToCounter int    `json:"to_counter,omitempty"` // transfer
	// Services: set_services: what counter serves for the rest of the
	// service day, each with its routing weight (1 to MaxWeight).
	Services []ServiceWeight `json:"services,omitempty"`
	// Text: ticker (the hall display's bottom line; empty clears it) and
	// announce (a message on the hall display). At most MaxTextRunes
	// characters per language, no personal data.
	Text *Text `json:"text,omitempty"`
	// Score: rate: 1 (very unhappy) to 5 (very happy).
	Score int `json:"score,omitempty"`
	// Reasons: rate: up to MaxRatingReasons distinct codes of
	// RatingReasons.
	Reasons []string `json:"reasons,omitempty"`
}

// ServiceWeight is one service a counter serves and its routing weight (a
// ticket's waiting time counts weight times).
type ServiceWeight struct {
	Code   string `json:"code"`
	Weight int    `json:"weight"`
}

// Limits of the manager's commands.
const (
	MaxWeight    = 9   // set_services: weights are 1 to MaxWeight
	MaxTextRunes = 200 // ticker, announce: characters per language
)

// RatingReasons are the reason codes of a rating (rate), the same as the
// engine's (the console translates them).
var RatingReasons = []string{"quick", "polite", "clear", "helpful", "slow", "rude", "unclear", "documents"}

// MaxRatingReasons is how many reasons one rating may give.
const MaxRatingReasons = 4

// The reason codes of pause and call.
var (
	PauseReasons = []string{"break", "prayer", "meeting", "system", "other"}
	CallReasons  = []string{"returned", "appointment", "priority", "correction", "other"}
)

// MalformedID is the cmd_id level of the answer to a command whose own
// cmd_id could not be read: res/{device}/malformed.
const MalformedID = "malformed"

// Refusal codes (Result.Code).
const (
	CodeMalformed      = "malformed"
	CodeBadCmdID       = "bad_cmd_id" // the payload is a command, but its cmd_id is missing or unusable
	CodeUnknownCommand = "unknown_command"
	CodeUnknownCounter = "unknown_counter"
	CodeDeviceMismatch = "device_mismatch"
	CodeExpired        = "expired"
	CodeClockSkew      = "clock_skew"
	CodeTTLTooLong     = "ttl_too_long"
	CodeReused         = "cmd_id_reused"
	CodeInterrupted    = "interrupted"
	CodePersonalData   = "personal_data"
	CodeWrongState     = "wrong_state"
	CodeCounterNotOpen = "counter_not_open"
	CodeNoTicket       = "no_current_ticket"
	CodeNoneWaiting    = "none_waiting"
	CodeUnknownTicket  = "unknown_ticket"
	CodeUnknownService = "unknown_service"
	CodeNotServedHere  = "not_served_here"
	CodeReasonRequired = "reason_required"
	CodeInvalidArgs    = "invalid_args"
	CodeInternal       = "internal"
	// CodeRateLimited: the device sent commands faster than its limit, or
	// more wait to run than its queue holds; nothing changed and nothing
	// was recorded, so the same command may be sent again later.
	CodeRateLimited = "rate_limited"
	// CodeNotAllowed: the sending device's role may not send this command
	// (a counter device sending set_services, ticker, announce or rate).
	CodeNotAllowed = "not_allowed"
	// CodeAlreadyRated: the ticket was rated before; a ticket is rated
	// once, and the first rating stands.
	CodeAlreadyRated = "already_rated"
)

package queue

import (
	"fmt"
	"time"

	"tabour/lang"
)

// Fee is a fee a center has configured for a service. A service without a
// Fee is charged "per the unified fee guide" (دليل الرسوم والمستندات الموحد);
// Tabour never invents an amount.
type Fee struct {
	AmountEGP float64   `json:"amount_egp"`
	Note      lang.Text `json:"note"`
}

// Service is one citizen service offered at the center.
type Service struct {
	Code          string    `json:"code"`     // stable code, e.g. "BLD-PERMIT"
	Prefix        string    `json:"prefix"`   // ticket letter(s), e.g. "A"
	Name          lang.Text `json:"name"`     // shown on the kiosk and the ticket
	Category      string    `json:"category"` // category code, e.g. "building"
	TargetWaitMin int       `json:"target_wait_min"`
	// AvgServiceMin seeds the wait estimate before any ticket of the day
	// has been finished.
	AvgServiceMin int         `json:"avg_service_min"`
	Documents     []lang.Text `json:"documents"`
	Fee           *Fee        `json:"fee,omitempty"`
	// Kinds lists the visit kinds the service accepts; empty means all.
	Kinds []Kind `json:"kinds,omitempty"`
}

// TargetWait is the service's target waiting time.
func (s Service) TargetWait() time.Duration { return time.Duration(s.TargetWaitMin) * time.Minute }

// Counter is one service window (شباك).
type Counter struct {
	Number   int              `json:"number"`
	Label    lang.Text        `json:"label"`
	Services []CounterService `json:"services"`
}

// CounterService says a counter serves a service, with a routing weight
// (1 = plain first come, 2 = its tickets count as waiting twice as long).
type CounterService struct {
	Code   string `json:"code"`
	Weight int    `json:"weight"`
}

// State is a ticket's place in its life.
type State string

// Ticket states.
const (
	Waiting State = "waiting"
	Called  State = "called"
	Serving State = "serving"
	Done    State = "done" // served: finished from serving, or by Done from called
	NoShow  State = "no_show"
	// NotStarted is a called ticket the counter passed over with "next"
	// without starting or finishing it: whether the citizen came is
	// unknown, so it counts neither as served nor as a no-show.
	NotStarted State = "not_started"
	Held       State = "held"
	Cancelled  State = "cancelled"
	Expired    State = "expired"
)

// Final reports whether no further change is possible.
func (s State) Final() bool {
	return s == Done || s == NoShow || s == NotStarted || s == Cancelled || s == Expired
}

// Priority is the priority class of a ticket.
type Priority string

// Priority classes.
const (
	PriorityNone       Priority = "none"
	PriorityElderly    Priority = "elderly"
	PriorityDisability Priority = "disability"
	PriorityPregnancy  Priority = "pregnancy"
	PriorityOther      Priority = "other"
)

// ParsePriority checks a priority name; "" means none.
func ParsePriority(s string) (Priority, error) {
	switch p := Priority(s); p {
	case "":
		return PriorityNone, nil
	case PriorityNone, PriorityElderly, PriorityDisability, PriorityPregnancy, PriorityOther:
		return p, nil
	}
	return "", fmt.Errorf("queue: unknown priority %q (none, elderly, disability, pregnancy, other)", s)
}

// Kind is why the citizen came.
type Kind string

// Kinds of visit.
const (
	KindSubmit  Kind = "submit"  // hand in an application
	KindCollect Kind = "collect" // استلام: collect a finished output
	KindInquiry Kind = "inquiry" // ask about an application
)

// ParseKind checks a visit kind; "" means submit.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case "":
		return KindSubmit, nil
	case KindSubmit, KindCollect, KindInquiry:
		return k, nil
	}
	return "", fmt.Errorf("queue: unknown visit kind %q (submit, collect, inquiry)", s)
}

// CounterState is whether a counter takes tickets.
type CounterState string

// Counter states.
const (
	CounterOpen   CounterState = "open"
	CounterPaused CounterState = "paused"
	CounterClosed CounterState = "closed"
)

// Reason says why a ticket was called.
type Reason string

// Call reasons.
const (
	ReasonAppointment Reason = "appointment"
	ReasonOverdue     Reason = "overdue"
	ReasonPriority    Reason = "priority"
	ReasonFIFO        Reason = "fifo"
	ReasonManual      Reason = "manual"
)

// Ticket is one citizen's ticket as stored.
type Ticket struct {
	ID            int64
	Ref           string // public reference, unique per appliance: "20261122-A023"
	Service       string
	Day           string // service day, YYYY-MM-DD
	Number        int
	Label         string // prefix and number as shown, e.g. "A023"
	State         State
	Priority      Priority
	Kind          Kind
	Counter       int // counter that called it (0 = none)
	TargetCounter int // transferred to this counter only (0 = any)
	AppointmentAt time.Time
	IssuedAt      time.Time
	QueuedAt      time.Time // position in the queue (issue time, or back of the queue after a recycle)
	FirstCalledAt time.Time
	CalledAt      time.Time
	StartedAt     time.Time
	EndedAt       time.Time
	Recalls       int
	NoShows       int
	Transfers     int
	CallReason    Reason
}

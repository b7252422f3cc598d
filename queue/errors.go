package queue

import (
	"errors"
	"fmt"
)

// Errors a caller can test with errors.Is. Each is wrapped with the
// operation and the ticket or counter it concerns.
var (
	ErrUnknownService = errors.New("unknown service")
	ErrUnknownCounter = errors.New("unknown counter")
	ErrUnknownTicket  = errors.New("unknown ticket")
	ErrCounterNotOpen = errors.New("counter is not open")
	ErrCounterIdle    = errors.New("counter has no current ticket")
	ErrNoneWaiting    = errors.New("no ticket waiting for this counter")
	ErrWrongState     = errors.New("ticket is not in a state that allows this")
	ErrNotServedHere  = errors.New("counter does not serve this ticket's service")
	ErrDuplicate      = errors.New("a ticket for this citizen and service is already waiting")
	ErrReasonRequired = errors.New("a reason is required")
	ErrInvalid        = errors.New("invalid argument")
	ErrAlreadyRated   = errors.New("ticket is already rated")
)

// StateError reports a transition the ticket's state does not allow.
type StateError struct {
	Op     string
	Ticket string
	State  State
}

func (e *StateError) Error() string {
	return fmt.Sprintf("queue: %s %s: ticket is %s", e.Op, e.Ticket, e.State)
}

// Is makes errors.Is(err, ErrWrongState) true.
func (e *StateError) Is(target error) bool { return target == ErrWrongState }

// DuplicateError is returned by Issue when the same citizen already holds a
// waiting ticket for the service; Existing is that ticket.
type DuplicateError struct{ Existing Ticket }

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("queue: issue: %v (%s)", ErrDuplicate, e.Existing.Label)
}

// Is makes errors.Is(err, ErrDuplicate) true.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

package mqtt

import (
	"context"
	"errors"
	"fmt"

	"tabour/queue"
)

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
)

// Args are the arguments of every command; each uses some of them.
// Counter, if given, must be the counter of the device the command was
// sent to.
type Args struct {
	Counter   int    `json:"counter,omitempty"`
	Reason    string `json:"reason,omitempty"`     // pause, call
	Ticket    string `json:"ticket,omitempty"`     // call: today's label, e.g. "A023"
	ToService string `json:"to_service,omitempty"` // transfer
	ToCounter int    `json:"to_counter,omitempty"` // transfer
}

// action runs one command on the engine for a counter.
type action func(ctx context.Context, eng *queue.Engine, counter int, a Args) (CommandResult, error)

var actions = map[string]action{
	CmdNext:     onTicket((*queue.Engine).CallNext),
	CmdRecall:   onTicket((*queue.Engine).Recall),
	CmdStart:    onTicket((*queue.Engine).Start),
	CmdDone:     onTicket((*queue.Engine).Done),
	CmdNoShow:   onTicket((*queue.Engine).NoShow),
	CmdHold:     onTicket((*queue.Engine).Hold),
	CmdTransfer: transfer,
	CmdCall:     callTicket,
	CmdPause:    setCounter(queue.CounterPaused),
	CmdResume:   setCounter(queue.CounterOpen),
	CmdClose:    setCounter(queue.CounterClosed),
}

func onTicket(f func(*queue.Engine, context.Context, int) (queue.Ticket, error)) action {
	return func(ctx context.Context, eng *queue.Engine, n int, _ Args) (CommandResult, error) {
		t, err := f(eng, ctx, n)
		return ticketResult(n, t), err
	}
}

func transfer(ctx context.Context, eng *queue.Engine, n int, a Args) (CommandResult, error) {
	t, err := eng.Transfer(ctx, n, a.ToService, a.ToCounter)
	return ticketResult(n, t), err
}

func callTicket(ctx context.Context, eng *queue.Engine, n int, a Args) (CommandResult, error) {
	if a.Ticket == "" {
		return CommandResult{}, fmt.Errorf("mqtt: call: name the ticket: %w", queue.ErrInvalid)
	}
	t, err := eng.TicketByLabel(ctx, a.Ticket)
	if err != nil {
		return CommandResult{}, err
	}
	t, err = eng.CallTicket(ctx, n, t.ID, a.Reason)
	return ticketResult(n, t), err
}

func setCounter(st queue.CounterState) action {
	return func(ctx context.Context, eng *queue.Engine, n int, a Args) (CommandResult, error) {
		err := eng.SetCounterState(ctx, n, st, a.Reason)
		return CommandResult{Counter: n, CounterState: string(st)}, err
	}
}

func ticketResult(n int, t queue.Ticket) CommandResult {
	return CommandResult{Counter: n, Ticket: t.Label, Service: t.Service, State: string(t.State), Reason: string(t.CallReason)}
}

// Refusal codes (Result.Code).
const (
	CodeMalformed      = "malformed"
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
)

// engineRefusals maps the engine's errors to codes; the engine changed
// nothing when it returned one of them.
var engineRefusals = []struct {
	err  error
	code string
}{
	{queue.ErrWrongState, CodeWrongState},
	{queue.ErrCounterNotOpen, CodeCounterNotOpen},
	{queue.ErrCounterIdle, CodeNoTicket},
	{queue.ErrNoneWaiting, CodeNoneWaiting},
	{queue.ErrUnknownTicket, CodeUnknownTicket},
	{queue.ErrUnknownService, CodeUnknownService},
	{queue.ErrNotServedHere, CodeNotServedHere},
	{queue.ErrReasonRequired, CodeReasonRequired},
	{queue.ErrInvalid, CodeInvalidArgs},
	{queue.ErrUnknownCounter, CodeUnknownCounter},
}

// refusalCode names an engine error; CodeInternal for anything else
// (the transaction rolled back: the command may be retried).
func refusalCode(err error) string {
	for _, r := range engineRefusals {
		if errors.Is(err, r.err) {
			return r.code
		}
	}
	return CodeInternal
}

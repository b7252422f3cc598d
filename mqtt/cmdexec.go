package mqtt

import (
	"context"
	"errors"
	"fmt"

	"tabour/mqtt/contract"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// action runs one command on the engine for a counter.
type action func(ctx context.Context, eng *queue.Engine, counter int, a contract.Args) (contract.CommandResult, error)

var actions = map[string]action{
	contract.CmdNext:     onTicket((*queue.Engine).CallNext),
	contract.CmdRecall:   onTicket((*queue.Engine).Recall),
	contract.CmdStart:    onTicket((*queue.Engine).Start),
	contract.CmdDone:     onTicket((*queue.Engine).Done),
	contract.CmdNoShow:   onTicket((*queue.Engine).NoShow),
	contract.CmdHold:     onTicket((*queue.Engine).Hold),
	contract.CmdTransfer: transfer,
	contract.CmdCall:     callTicket,
	contract.CmdPause:    setCounter(queue.CounterPaused),
	contract.CmdResume:   setCounter(queue.CounterOpen),
	contract.CmdClose:    setCounter(queue.CounterClosed),

	contract.CmdSetServices: setServices,
	contract.CmdTicker:      setTicker,
	contract.CmdAnnounce:    announce,

	contract.CmdRate: rate,
}

// counterless reports whether a command names no counter: the hall
// display's, and rate (the ticket names its counter).
func counterless(name string) bool {
	return name == contract.CmdTicker || name == contract.CmdAnnounce || name == contract.CmdRate
}

// rate records the citizen's rating of today's done ticket a.Ticket; the
// result names the counter that served it.
func rate(ctx context.Context, eng *queue.Engine, _ int, a contract.Args) (contract.CommandResult, error) {
	if a.Ticket == "" {
		return contract.CommandResult{}, fmt.Errorf("mqtt: rate: name the ticket: %w", queue.ErrInvalid)
	}
	t, err := eng.TicketByLabel(ctx, a.Ticket)
	if err != nil {
		return contract.CommandResult{}, err
	}
	if _, err := eng.Rate(ctx, t.ID, a.Score, a.Reasons); err != nil {
		return contract.CommandResult{}, err
	}
	return ticketResult(t.Counter, t), nil
}

// setServices changes the services counter n serves for the rest of the
// service day.
func setServices(ctx context.Context, eng *queue.Engine, n int, a contract.Args) (contract.CommandResult, error) {
	svcs := make([]queue.CounterService, len(a.Services))
	for i, s := range a.Services {
		svcs[i] = queue.CounterService{Code: s.Code, Weight: s.Weight}
	}
	return contract.CommandResult{Counter: n}, eng.SetCounterServicesToday(ctx, n, svcs)
}

// setTicker sets the hall display's bottom line; no text, or an empty
// one, clears it.
func setTicker(ctx context.Context, eng *queue.Engine, n int, a contract.Args) (contract.CommandResult, error) {
	var t contract.Text
	if a.Text != nil {
		t = *a.Text
	}
	return contract.CommandResult{Counter: n}, eng.SetHallTicker(ctx, wire.LangText(t))
}

func announce(ctx context.Context, eng *queue.Engine, n int, a contract.Args) (contract.CommandResult, error) {
	if a.Text == nil {
		return contract.CommandResult{}, fmt.Errorf("mqtt: announce: the text is missing: %w", queue.ErrInvalid)
	}
	_, err := eng.Announce(ctx, wire.LangText(*a.Text))
	return contract.CommandResult{Counter: n}, err
}

func onTicket(f func(*queue.Engine, context.Context, int) (queue.Ticket, error)) action {
	return func(ctx context.Context, eng *queue.Engine, n int, _ contract.Args) (contract.CommandResult, error) {
		t, err := f(eng, ctx, n)
		return ticketResult(n, t), err
	}
}

func transfer(ctx context.Context, eng *queue.Engine, n int, a contract.Args) (contract.CommandResult, error) {
	t, err := eng.Transfer(ctx, n, a.ToService, a.ToCounter)
	return ticketResult(n, t), err
}

func callTicket(ctx context.Context, eng *queue.Engine, n int, a contract.Args) (contract.CommandResult, error) {
	if a.Ticket == "" {
		return contract.CommandResult{}, fmt.Errorf("mqtt: call: name the ticket: %w", queue.ErrInvalid)
	}
	t, err := eng.TicketByLabel(ctx, a.Ticket)
	if err != nil {
		return contract.CommandResult{}, err
	}
	t, err = eng.CallTicketNote(ctx, n, t.ID, a.Reason, a.Note)
	return ticketResult(n, t), err
}

func setCounter(st queue.CounterState) action {
	return func(ctx context.Context, eng *queue.Engine, n int, a contract.Args) (contract.CommandResult, error) {
		err := eng.SetCounterStateNote(ctx, n, st, a.Reason, a.Note)
		return contract.CommandResult{Counter: n, CounterState: string(st)}, err
	}
}

func ticketResult(n int, t queue.Ticket) contract.CommandResult {
	return contract.CommandResult{Counter: n, Ticket: t.Label, Service: t.Service, State: string(t.State), Reason: string(t.CallReason)}
}

// engineRefusals maps the engine's errors to codes; the engine changed
// nothing when it returned one of them.
var engineRefusals = []struct {
	err  error
	code string
}{
	{queue.ErrWrongState, contract.CodeWrongState},
	{queue.ErrCounterNotOpen, contract.CodeCounterNotOpen},
	{queue.ErrCounterIdle, contract.CodeNoTicket},
	{queue.ErrNoneWaiting, contract.CodeNoneWaiting},
	{queue.ErrUnknownTicket, contract.CodeUnknownTicket},
	{queue.ErrUnknownService, contract.CodeUnknownService},
	{queue.ErrNotServedHere, contract.CodeNotServedHere},
	{queue.ErrReasonRequired, contract.CodeReasonRequired},
	{queue.ErrInvalid, contract.CodeInvalidArgs},
	{queue.ErrUnknownCounter, contract.CodeUnknownCounter},
	{queue.ErrAlreadyRated, contract.CodeAlreadyRated},
}

// refusalCode names an engine error; CodeInternal for anything else
// (the transaction rolled back: the command may be retried).
func refusalCode(err error) string {
	for _, r := range engineRefusals {
		if errors.Is(err, r.err) {
			return r.code
		}
	}
	return contract.CodeInternal
}

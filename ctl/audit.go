package ctl

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"tabour/queue"
)

var errChainBroken = errors.New("audit chain broken")

func cmdAudit(e *env, args []string) error {
	fs := e.flags("audit")
	event := fs.String("event", "", "redact: the id of the event whose note to erase")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 1 && pos[0] == "accept-loss":
		return acceptLoss(e)
	case len(pos) == 1 && pos[0] == "redact" && *event != "":
		return redactNote(e, *event)
	case len(pos) != 1 || pos[0] != "verify":
		return fmt.Errorf("%w: audit verify | audit accept-loss | audit redact --event ID", errUsage)
	}
	if err := e.loadConfig(); err != nil {
		return err
	}
	opts, err := e.cfg.QueueOptions()
	if err != nil {
		return err
	}
	rep, err := queue.VerifyFile(e.ctx, e.dbPath, opts)
	if err != nil {
		return err
	}
	switch {
	case e.json:
		if err := e.printJSON(rep); err != nil {
			return err
		}
	case rep.OK() && rep.Events == 0:
		e.printf("audit chain OK: no events yet\n")
	case rep.OK() && rep.Events == rep.LastSeq:
		e.printf("audit chain OK: %d events, seq 1..%d\n", rep.Events, rep.LastSeq)
	case rep.OK():
		e.printf("audit chain OK: %d events up to seq %d (the rest accepted as lost by an operator)\n", rep.Events, rep.LastSeq)
	case rep.Missing != nil:
		e.printf("audit chain BROKEN: %s\n(%d events verified before it)\nto go on above every number issued: %s\n",
			rep.Broken.Problem, rep.Events, acceptCommand(e))
	default:
		e.printf("audit chain BROKEN at event seq %d: %s\n(%d events verified before it)\n",
			rep.Broken.Seq, rep.Broken.Problem, rep.Events-1)
	}
	if rep.Missing != nil {
		return shown(fmt.Errorf("%w: seq %d..%d missing", errChainBroken, rep.Missing.From, rep.Missing.To))
	}
	if !rep.OK() {
		return shown(fmt.Errorf("%w at seq %d", errChainBroken, rep.Broken.Seq))
	}
	return nil
}

// acceptLoss records that the operator accepts the events the database
// lost against its head file, so that the appliance runs again, numbering
// above every number issued before.
func acceptLoss(e *env) error {
	if err := e.loadConfig(); err != nil {
		return err
	}
	opts, err := e.cfg.QueueOptions()
	if err != nil {
		return err
	}
	opts.Device = "tabourctl"
	if c, ok := e.ctx.Value(clockKey{}).(queue.Clock); ok {
		opts.Clock = c
	}
	loss, err := queue.AcceptLoss(e.ctx, e.dbPath, opts)
	if err != nil {
		return err
	}
	if e.json {
		return e.printJSON(loss)
	}
	e.printf("found: %s\n", loss.Problem)
	e.printf("recorded as event seq %d: %s\n", loss.Event.Seq, loss.Event.Reason)
	for _, n := range loss.Floors {
		e.printf("numbering of %s on %s goes on above %d (cycle %d)\n", n.Service, n.Day, n.Number, n.Cycle)
	}
	return nil
}

// acceptCommand is the command that accepts a loss of this database's
// events.
func acceptCommand(e *env) string {
	if e.configPath != "" {
		return fmt.Sprintf("tabourctl --config %s --db %s audit accept-loss", e.configPath, e.dbPath)
	}
	return fmt.Sprintf("tabourctl --db %s audit accept-loss", e.dbPath)
}

// redactNote erases the note kept beside an event (the free text of a
// pause or a call out of order). The event and the chain are untouched;
// the redaction is itself an event.
func redactNote(e *env, id string) error {
	return e.withEngine(func(eng *queue.Engine) error {
		n, err := eng.RedactNote(e.ctx, id)
		if err != nil {
			return err
		}
		if e.json {
			return e.printJSON(n)
		}
		e.printf("note of event %s redacted at %s\n", n.EventID, n.RedactedAt.In(location(e)).Format(time.DateTime))
		return nil
	})
}

func cmdEvents(e *env, args []string) error {
	if hasAck(args) {
		return cmdConsume(e, args) // the reference consumer: consumer.go
	}
	fs := e.flags("events")
	after := fs.Int64("after", 0, "list events after this sequence number")
	limit := fs.Int("limit", 50, "at most this many")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return e.withEngine(func(eng *queue.Engine) error {
		evs, err := eng.Events(e.ctx, *after, *limit)
		if err != nil {
			return err
		}
		if e.json {
			return e.printJSON(evs)
		}
		for _, ev := range evs {
			e.printf("%6d  %s  %-18s %-6s %-14s %s %s\n", ev.Seq, ev.At.In(location(e)).Format(time.TimeOnly),
				ev.Type, ev.Ticket, ev.Service, counterText(ev.Counter), ev.Reason)
		}
		return nil
	})
}

func counterText(n int) string {
	if n == 0 {
		return "    "
	}
	return "c" + strconv.Itoa(n)
}

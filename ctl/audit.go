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
	case len(pos) == 1 && pos[0] == "redact" && *event != "":
		return redactNote(e, *event)
	case len(pos) != 1 || pos[0] != "verify":
		return fmt.Errorf("%w: audit verify, or audit redact --event ID", errUsage)
	}
	return e.withEngine(func(eng *queue.Engine) error {
		rep, err := eng.Verify(e.ctx)
		if err != nil {
			return err
		}
		if e.json {
			if err := e.printJSON(rep); err != nil {
				return err
			}
		} else if rep.OK() && rep.Events == 0 {
			e.printf("audit chain OK: no events yet\n")
		} else if rep.OK() {
			e.printf("audit chain OK: %d events, seq 1..%d\n", rep.Events, rep.LastSeq)
		} else {
			e.printf("audit chain BROKEN at event seq %d: %s\n(%d events verified before it)\n",
				rep.Broken.Seq, rep.Broken.Problem, rep.Events-1)
		}
		if !rep.OK() {
			return shown(fmt.Errorf("%w at seq %d", errChainBroken, rep.Broken.Seq))
		}
		return nil
	})
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

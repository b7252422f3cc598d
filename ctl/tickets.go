package ctl

import (
	"fmt"
	"strconv"
	"strings"

	"tabour/mqtt/contract"
	"tabour/queue"
)

func (e *env) printTicket(verb string, t queue.Ticket, est *queue.Estimate) error {
	if e.json {
		return e.printJSON(ticketFrom(t, est))
	}
	e.printf("%s %s  %s  state %s", verb, t.Label, t.Service, t.State)
	if t.Counter != 0 {
		e.printf("  counter %d", t.Counter)
	}
	if t.Priority != queue.PriorityNone {
		e.printf("  priority %s", t.Priority)
	}
	if t.CallReason != "" && t.State == queue.Called {
		e.printf("  (%s)", t.CallReason)
	}
	if est != nil {
		e.printf("  ahead %d  est. wait %s", est.Ahead, estimate(*est))
	}
	e.printf("  ref %s\n", t.Ref)
	return nil
}

func cmdIssue(e *env, args []string) error {
	fs := e.flags("issue")
	svc := fs.String("service", "", "service code")
	prio := fs.String("priority", "", "none, elderly, disability, pregnancy, other")
	kind := fs.String("kind", "", "submit, collect, inquiry")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := need("service", *svc != ""); err != nil {
		return err
	}
	return e.withEngine(func(eng *queue.Engine) error {
		est, err := eng.EstimateNew(e.ctx, *svc)
		if err != nil {
			return err
		}
		t, err := eng.Issue(e.ctx, queue.IssueRequest{Service: *svc, Priority: queue.Priority(*prio), Kind: queue.Kind(*kind)})
		if err != nil {
			return err
		}
		return e.printTicket("issued", t, &est)
	})
}

func counterFlag(e *env, name string) (*intFlag, func([]string) error) {
	fs := e.flags(name)
	n := &intFlag{}
	fs.Var(n, "counter", "counter number")
	return n, func(args []string) error {
		if _, err := parse(fs, args); err != nil {
			return err
		}
		return need("counter", n.set)
	}
}

func cmdCall(e *env, args []string) error {
	fs := e.flags("call")
	n := &intFlag{}
	fs.Var(n, "counter", "counter number")
	label := fs.String("ticket", "", "call this ticket (e.g. A023) instead of the next")
	reason := fs.String("reason", "", "why this ticket is called out of order: "+strings.Join(queue.CallReasons, ", "))
	note := fs.String("note", "", "free text, kept beside the event outside its hash (redactable)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := need("counter", n.set); err != nil {
		return err
	}
	if err := checkNote(*note); err != nil {
		return err
	}
	return e.withEngine(func(eng *queue.Engine) error {
		if *label == "" {
			t, err := eng.CallNext(e.ctx, n.v)
			if err != nil {
				return err
			}
			return e.printTicket("called", t, nil)
		}
		tk, err := eng.TicketByLabel(e.ctx, *label)
		if err != nil {
			return err
		}
		t, err := eng.CallTicketNote(e.ctx, n.v, tk.ID, *reason, *note)
		if err != nil {
			return err
		}
		return e.printTicket("called", t, nil)
	})
}

// counterOp runs one of the operations on a counter's current ticket.
func counterOp(op string) func(*env, []string) error {
	return func(e *env, args []string) error {
		n, parseArgs := counterFlag(e, op)
		if err := parseArgs(args); err != nil {
			return err
		}
		return e.withEngine(func(eng *queue.Engine) error {
			ops := map[string]func() (queue.Ticket, error){
				"recall":  func() (queue.Ticket, error) { return eng.Recall(e.ctx, n.v) },
				"start":   func() (queue.Ticket, error) { return eng.Start(e.ctx, n.v) },
				"done":    func() (queue.Ticket, error) { return eng.Done(e.ctx, n.v) },
				"no-show": func() (queue.Ticket, error) { return eng.NoShow(e.ctx, n.v) },
				"hold":    func() (queue.Ticket, error) { return eng.Hold(e.ctx, n.v) },
			}
			t, err := ops[op]()
			if err != nil {
				return err
			}
			return e.printTicket(op, t, nil)
		})
	}
}

func cmdTransfer(e *env, args []string) error {
	fs := e.flags("transfer")
	n, to := &intFlag{}, &intFlag{}
	fs.Var(n, "counter", "counter number")
	fs.Var(to, "to-counter", "send to this counter only")
	svc := fs.String("to-service", "", "send to this service's queue")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := need("counter", n.set); err != nil {
		return err
	}
	return e.withEngine(func(eng *queue.Engine) error {
		t, err := eng.Transfer(e.ctx, n.v, *svc, to.v)
		if err != nil {
			return err
		}
		return e.printTicket("transferred", t, nil)
	})
}

// ticketOp runs an operation on a ticket named by label.
func ticketOp(op string) func(*env, []string) error {
	return func(e *env, args []string) error {
		fs := e.flags(op)
		label := fs.String("ticket", "", "ticket label, e.g. A023")
		reason := fs.String("reason", "", "cancel: why, one of "+strings.Join(queue.CancelReasons, ", "))
		note := fs.String("note", "", "cancel: free text, kept beside the event outside its hash (redactable)")
		if _, err := parse(fs, args); err != nil {
			return err
		}
		if err := need("ticket", *label != ""); err != nil {
			return err
		}
		if err := checkNote(*note); err != nil {
			return err
		}
		return e.withEngine(func(eng *queue.Engine) error {
			tk, err := eng.TicketByLabel(e.ctx, *label)
			if err != nil {
				return err
			}
			if op == "return" {
				tk, err = eng.Return(e.ctx, tk.ID)
			} else {
				tk, err = eng.CancelNote(e.ctx, tk.ID, *reason, *note)
			}
			if err != nil {
				return err
			}
			return e.printTicket(op, tk, nil)
		})
	}
}

func cmdCounter(e *env, args []string) error {
	fs := e.flags("counter")
	n := &intFlag{}
	fs.Var(n, "counter", "counter number")
	reason := fs.String("reason", "", "why (required to pause): "+strings.Join(queue.PauseReasons, ", "))
	note := fs.String("note", "", "free text, kept beside the event outside its hash (redactable)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need("counter", n.set); err != nil {
		return err
	}
	if err := checkNote(*note); err != nil {
		return err
	}
	states := map[string]queue.CounterState{"open": queue.CounterOpen, "pause": queue.CounterPaused, "close": queue.CounterClosed}
	if len(pos) != 1 || states[pos[0]] == "" {
		return fmt.Errorf("%w: say open, pause or close", errUsage)
	}
	return e.withEngine(func(eng *queue.Engine) error {
		if err := eng.SetCounterStateNote(e.ctx, n.v, states[pos[0]], *reason, *note); err != nil {
			return err
		}
		if e.json {
			return e.printJSON(map[string]any{"counter": n.v, "state": states[pos[0]]})
		}
		e.printf("counter %d %s\n", n.v, states[pos[0]])
		return nil
	})
}

func cmdInit(e *env, args []string) error {
	fs := e.flags("init")
	open := fs.Bool("open", false, "open every counter")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return e.withEngine(func(eng *queue.Engine) error {
		if err := e.sync(eng); err != nil {
			return err
		}
		ctrs, err := eng.Counters(e.ctx)
		if err != nil {
			return err
		}
		for _, c := range ctrs {
			if *open {
				if err := eng.SetCounterState(e.ctx, c.Number, queue.CounterOpen, ""); err != nil {
					return err
				}
			}
		}
		svcs, err := eng.Services(e.ctx)
		if err != nil {
			return err
		}
		if e.json {
			return e.printJSON(map[string]any{"db": e.dbPath, "services": len(svcs), "counters": len(ctrs)})
		}
		e.printf("%s: %d services, %d counters\n", e.dbPath, len(svcs), len(ctrs))
		return nil
	})
}

// intFlag is an int flag that knows whether it was given.
type intFlag struct {
	v   int
	set bool
}

func (f *intFlag) String() string { return strconv.Itoa(f.v) }
func (f *intFlag) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil || v <= 0 {
		return fmt.Errorf("want a positive number, got %q", s)
	}
	f.v, f.set = v, true
	return nil
}

// checkNote refuses a note holding personal data, as the bus does.
func checkNote(note string) error {
	if contract.LooksPersonal(note) {
		return fmt.Errorf("%w: the note must not hold personal data (a long number, a national ID or a phone number)", errUsage)
	}
	return nil
}

package ctl

import (
	"fmt"
	"text/tabwriter"
	"time"

	"tabour/mqtt/wire"
	"tabour/queue"
)

// cmdReport prints the report of a service day. --json prints the
// document the appliance publishes on report/{day}.
func cmdReport(e *env, args []string) error {
	fs := e.flags("report")
	day := fs.String("day", "", "service day YYYY-MM-DD (default today)")
	all := fs.Bool("all", false, "list services with no ticket that day too")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if _, err := time.Parse(time.DateOnly, *day); *day != "" && err != nil {
		return fmt.Errorf("%w: --day %q is not YYYY-MM-DD", errUsage, *day)
	}
	return e.withEngine(func(eng *queue.Engine) error {
		r, err := eng.DayReport(e.ctx, *day)
		if err != nil {
			return err
		}
		if e.json {
			return e.printJSON(wire.DayReportFrom(r))
		}
		e.printDayReport(r, *all)
		return nil
	})
}

func (e *env) printDayReport(r queue.DayReport, all bool) {
	state := "closed"
	if !r.Closed {
		state = "as of " + r.AsOf.In(location(e)).Format("2006-01-02 15:04")
	}
	e.printf("%s — report of service day %s (%s)\n\n", e.cfg.Center.Name.EN, r.Day, state)
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SERVICE\tISSUED\tSERVED\tNO-SHOW\tPASSED\tCANCELLED\tEXPIRED\tOPEN\tMEAN WAIT\t90% WAIT\tIN TARGET\tHANDLING\tSERVICE\tNAME")
	shown := []queue.ServiceReport{}
	for _, s := range r.Services {
		if all || s.Issued > 0 {
			shown = append(shown, s)
		}
	}
	row := func(code string, s queue.ServiceReport) {
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", code, s.Issued, s.Served,
			s.NoShows, s.NotStarted, s.Cancelled, s.Expired, s.Open, ifAny(s.Called, s.MeanWait),
			ifAny(s.Called, s.P90Wait), percent(s.WithinTarget, s.Called), ifAny(s.Served, s.MeanHandling),
			ifAny(s.Served, s.MeanService), s.Name.EN)
	}
	for _, s := range shown {
		row(s.Service, s)
	}
	row("TOTAL", r.Total)
	w.Flush()
	if hidden := len(r.Services) - len(shown); hidden > 0 {
		e.printf("(%d services with no ticket that day not shown; --all lists them)\n", hidden)
	}
	e.printf("Waits run from issue to the first call; handling from call to end, service from start to end.\n\n")

	w = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "COUNTER\tSERVED\tHANDLING\tLABEL")
	for _, c := range r.Counters {
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\n", c.Number, c.Served, ifAny(c.Served, c.MeanHandling), c.Label.EN)
	}
	w.Flush()
	e.printf("\n")

	w = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "PROMISED WAITS\tTICKETS\tUNKNOWN\tMAPE (5 MIN+)\tBIAS\tWITHIN ±20%\tWITHIN ±5 MIN\tIN RANGE")
	for _, s := range shown {
		accuracyRow(w, s.Service, s.Accuracy)
	}
	accuracyRow(w, "TOTAL", r.Total.Accuracy)
	w.Flush()
}

func accuracyRow(w *tabwriter.Writer, code string, a queue.Accuracy) {
	known := a.Tickets - a.Unknown
	bias := "—"
	if known > 0 {
		bias = fmt.Sprintf("%+.1f min", a.Bias.Minutes())
	}
	fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", code, a.Tickets, a.Unknown, percent(a.MAPE, a.Long), bias,
		percent(a.Within20, known), percent(a.Within5, known), percent(a.InRange, known))
}

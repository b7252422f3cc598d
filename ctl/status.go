package ctl

import (
	"fmt"
	"text/tabwriter"
	"time"

	"tabour/queue"
)

func cmdStatus(e *env, args []string) error {
	fs := e.flags("status")
	all := fs.Bool("all", false, "list services with no ticket today too")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return e.withEngine(func(eng *queue.Engine) error {
		st, err := eng.Stats(e.ctx)
		if err != nil {
			return err
		}
		if e.json {
			return e.printJSON(statsFrom(st))
		}
		e.printStatus(st, *all)
		return nil
	})
}

func (e *env) printStatus(st queue.Stats, all bool) {
	e.printf("%s — service day %s, as of %s\n\n", e.cfg.Center.Name.EN, st.Day,
		st.AsOf.In(location(e)).Format("15:04:05"))
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SERVICE\tWAITING\tLONGEST\tEST. WAIT\tCALLED\tSERVED\tMEAN WAIT\tMEAN SERVICE\tNO-SHOW\tIN TARGET\tLAST\tNAME")
	hidden := 0
	for _, s := range st.Services {
		if !all && s.Waiting+s.Called == 0 {
			hidden++
			continue
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Service, s.Waiting,
			minutes(s.LongestWait), estimate(s.Estimate), s.Called, s.ServedToday, ifAny(s.Called, s.MeanWait),
			ifAny(s.ServedToday, s.MeanService), percent(s.NoShowRate, s.Called), percent(s.WithinTarget, s.Called),
			dash(s.LastCalled), s.Name.EN)
	}
	w.Flush()
	if hidden > 0 {
		e.printf("(%d services with no ticket today not shown; --all lists them)\n", hidden)
	}
	e.printf("\n")
	w = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "COUNTER\tSTATE\tCURRENT\tSERVED\tLABEL")
	for _, c := range st.Counters {
		state := string(c.State)
		if c.Reason != "" {
			state += " (" + c.Reason + ")"
		}
		cur := dash(c.Current)
		if c.Current != "" {
			cur += " " + string(c.Status)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%d\t%s\n", c.Number, state, cur, c.Served, c.Label.EN)
	}
	w.Flush()
}

func location(e *env) *time.Location {
	if l, err := e.cfg.Location(); err == nil {
		return l
	}
	return time.UTC
}

// minutes prints a duration for a person: "—", "45s", "12m", "1h05m".
func minutes(d time.Duration) string {
	switch {
	case d <= 0:
		return "—"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// ifAny prints d only when there were n > 0 tickets to measure it on.
func ifAny(n int, d time.Duration) string {
	if n == 0 {
		return "—"
	}
	if d < time.Second {
		return "0s"
	}
	return minutes(d)
}

func estimate(est queue.Estimate) string {
	if !est.Known {
		return "no counter open"
	}
	if est.Wait == 0 {
		return "0m"
	}
	return minutes(est.Wait)
}

func percent(v float64, n int) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", v*100)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

package ctl

import "tabour/queue"

// cmdAccuracy prints how well a day's promised waits were kept.
func cmdAccuracy(e *env, args []string) error {
	fs := e.flags("accuracy")
	day := fs.String("day", "", "service day YYYY-MM-DD (default today)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	return e.withEngine(func(eng *queue.Engine) error {
		a, err := eng.Accuracy(e.ctx, *day)
		if err != nil {
			return err
		}
		if e.json {
			return e.printJSON(a)
		}
		e.printf("service day %s: %d tickets promised a wait and called (%d told it was unknown)\n", a.Day, a.Tickets, a.Unknown)
		e.printf("MAPE %.0f%% over the %d that waited 5 min or more, bias %+.1f min, within ±20%% %.0f%%, within ±5 min %.0f%%, range kept %.0f%%\n",
			100*a.MAPE, a.Long, a.Bias.Minutes(), 100*a.Within20, 100*a.Within5, 100*a.InRange)
		return nil
	})
}

package mqtt

import (
	"context"
	"log/slog"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// dayReportEvery is how often the report of the running day is computed
// again (and published if it changed). A report reads the whole day's
// tickets: it follows the day at this pace, never a commit.
var dayReportEvery = time.Minute

// dayReporter keeps the retained report/{day} topics: today's, and that of
// any earlier day until its final report (closed) went out.
type dayReporter struct {
	eng    *queue.Engine
	c      *client.Client
	topics contract.Topics
	log    *slog.Logger
	every  time.Duration
}

func newDayReporter(eng *queue.Engine, c *client.Client, cfg Config, log *slog.Logger) *dayReporter {
	return &dayReporter{eng: eng, c: c, topics: contract.Topics{Center: cfg.Center}, log: log, every: dayReportEvery}
}

// run publishes today's report and the previous day's at once, then
// checks every minute: a day's report is published when it changed, and
// a day that ended is followed until it closed (its open tickets expired,
// on the first write of the next day) and its final report went out.
func (r *dayReporter) run(ctx context.Context) error {
	followed := map[string]*contract.DayReport{} // day → last published (nil: none yet)
	today := r.eng.Today()
	followed[today] = nil
	if prev, err := r.eng.PreviousDay(ctx, today); err != nil {
		r.log.Warn("mqtt: day report", "err", err)
	} else if prev != "" {
		followed[prev] = nil
	}
	tick := time.NewTicker(r.every)
	defer tick.Stop()
	for {
		if !r.c.Connected() { // at start, or the link was lost: publish every report again
			for day := range followed {
				followed[day] = nil
			}
			if r.c.WaitConnected(ctx) != nil {
				return nil
			}
		}
		if today := r.eng.Today(); !hasDay(followed, today) {
			followed[today] = nil
		}
		for day, last := range followed {
			if p := r.publish(ctx, day, last); p != nil && p.Closed {
				delete(followed, day) // its final report is out
			} else {
				followed[day] = p
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

func hasDay(m map[string]*contract.DayReport, day string) bool {
	_, ok := m[day]
	return ok
}

// publish publishes day's report if it differs from last, the one
// published before (nil: none), and returns the one published now.
func (r *dayReporter) publish(ctx context.Context, day string, last *contract.DayReport) *contract.DayReport {
	rep, err := r.eng.DayReport(ctx, day)
	if err != nil {
		if ctx.Err() == nil {
			r.log.Warn("mqtt: day report", "day", day, "err", err)
		}
		return last
	}
	p := wire.DayReportFrom(rep)
	if last != nil && sameDayReport(*last, p) {
		return last
	}
	if err := r.send(ctx, day, p); err != nil {
		if ctx.Err() == nil {
			r.log.Warn("mqtt: publish day report", "day", day, "err", err)
		}
		return last // again on the next round
	}
	return &p
}

// send publishes p and waits for the broker's PUBACK: a report is
// published once, so it must have reached the broker.
func (r *dayReporter) send(ctx context.Context, day string, p contract.DayReport) error {
	b, err := jsonBytes(p)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return r.c.PublishWait(ctx, client.Message{Topic: r.topics.Report(day), Payload: b, QoS: 1, Retained: true})
}

// sameDayReport compares two reports, ignoring as_of.
func sameDayReport(a, b contract.DayReport) bool {
	a.AsOf, b.AsOf = contract.Time{}, contract.Time{}
	ja, errA := jsonBytes(a)
	jb, errB := jsonBytes(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}

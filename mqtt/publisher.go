package mqtt

import (
	"context"
	"log/slog"
	"time"

	"tabour/lang"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// publisher keeps the retained serving/{counter} and queue/{service}
// topics equal to the engine's state. It wakes on every commit of this
// engine (Watch) and polls for other processes' commits.
type publisher struct {
	eng    *queue.Engine
	c      *client.Client
	topics contract.Topics
	clock  queue.Clock
	cfg    Config
	log    *slog.Logger
	poll   time.Duration

	resyncServing chan struct{} // after a reconnect: publish everything again
	resyncQueue   chan struct{}
	resyncHall    chan struct{}
}

func newPublisher(eng *queue.Engine, c *client.Client, cfg Config, clock queue.Clock, log *slog.Logger) *publisher {
	return &publisher{eng: eng, c: c, topics: contract.Topics{Center: cfg.Center}, clock: clock, cfg: cfg, log: log,
		poll: time.Second, resyncServing: make(chan struct{}, 1), resyncQueue: make(chan struct{}, 1),
		resyncHall: make(chan struct{}, 1)}
}

// resync asks the loops to publish everything again.
func (p *publisher) resync() {
	signal(p.resyncServing)
	signal(p.resyncQueue)
	signal(p.resyncHall)
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// stopped is nil when err comes from ctx ending (the bus stopped while
// starting), err otherwise.
func stopped(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// runServing publishes serving/{counter} as the event log moves.
func (p *publisher) runServing(ctx context.Context) error {
	committed, stop := p.eng.Follow(64)
	defer stop()
	cursor, err := lastSeq(ctx, p.eng)
	if err != nil {
		return stopped(ctx, err)
	}
	b, err := loadBoard(ctx, p.eng, p.clock.Now())
	if err != nil {
		return stopped(ctx, err)
	}
	tick := time.NewTicker(p.poll)
	defer tick.Stop()
	others := stampWatch{eng: p.eng}
	read := true
	for {
		if read {
			if cursor, err = p.follow(ctx, b, cursor); err != nil {
				p.log.Warn("mqtt: serving", "err", err)
			}
		}
		p.publishServing(b.take())
		read = true
		select {
		case <-ctx.Done():
			return nil
		case evs := <-committed:
			cursor, read = applyCommitted(b, cursor, evs)
		case <-tick.C:
			read = others.changed(ctx)
		case <-p.resyncServing:
			b.markAll()
		}
	}
}

// applyCommitted applies a transaction's events handed over by the engine
// when they follow cursor, and reports false; after a gap (a batch
// dropped, another process's commit) it applies nothing and reports that
// the log must be read.
func applyCommitted(b *board, cursor int64, evs []queue.Event) (int64, bool) {
	if len(evs) == 0 || evs[len(evs)-1].Seq <= cursor {
		return cursor, false // already read from the log
	}
	if evs[0].Seq != cursor+1 {
		return cursor, true
	}
	for _, ev := range evs {
		b.apply(ev)
		cursor = ev.Seq
	}
	return cursor, false
}

// follow applies the events after cursor to the board.
func (p *publisher) follow(ctx context.Context, b *board, cursor int64) (int64, error) {
	const page = 500
	for {
		evs, err := p.eng.Events(ctx, cursor, page)
		if err != nil {
			return cursor, err
		}
		for _, ev := range evs {
			b.apply(ev)
			cursor = ev.Seq
		}
		if len(evs) < page {
			return cursor, nil
		}
	}
}

func (p *publisher) publishServing(list []contract.Serving) {
	for _, s := range list {
		if err := p.c.PublishJSON(p.topics.Serving(s.Counter), true, s); err != nil {
			p.log.Warn("mqtt: publish serving", "counter", s.Counter, "err", err)
		}
	}
}

// runQueue publishes queue/{service} when a service's figures change and
// checks them every QueueRefresh. A commit is followed QueueInterval later
// (trailing edge): a burst of commits costs one round of statistics, and
// the statistics never delay the serving/ update of the same commit.
// Commits of other processes on the same file (tabourctl, a second
// appliance process) are not signalled: the event log is polled for them
// as often as serving/ polls it.
func (p *publisher) runQueue(ctx context.Context) error {
	watch, stop := p.eng.Watch()
	defer stop()
	tick := time.NewTicker(p.cfg.QueueRefresh)
	defer tick.Stop()
	poll := time.NewTicker(p.poll)
	defer poll.Stop()
	last := map[string]contract.Queue{}
	cursor, force := int64(-1), true
	others := stampWatch{eng: p.eng}
	for {
		if moved, err := p.logMoved(ctx, &cursor); err == nil && (moved || force) {
			err = p.publishQueues(ctx, last)
			force = err != nil
		} else if err != nil && ctx.Err() == nil {
			p.log.Warn("mqtt: queue stats", "err", err)
		}
	wait:
		select {
		case <-ctx.Done():
			return nil
		case <-watch:
		case <-poll.C: // the log is read only if the file changed
			if !others.changed(ctx) {
				goto wait
			}
		case <-tick.C:
			force = true
		case <-p.resyncQueue:
			clear(last)
			force = true
		}
		if !sleepCtx(ctx, p.cfg.QueueInterval) {
			return nil
		}
	}
}

// stampWatch tells a poll whether the database may have changed since the
// poll before: a commit of this engine or of another process.
type stampWatch struct {
	eng  *queue.Engine
	last queue.Stamp
	seen bool
}

// changed reports true the first time, after a change, and when it cannot
// tell.
func (w *stampWatch) changed(ctx context.Context) bool {
	s, err := w.eng.Stamp(ctx)
	if err != nil {
		return true
	}
	if w.seen && s == w.last {
		return false
	}
	w.last, w.seen = s, true
	return true
}

// logMoved reports whether events were appended since *cursor (which it
// moves): commits that only acknowledge outbox rows change no figure.
func (p *publisher) logMoved(ctx context.Context, cursor *int64) (bool, error) {
	from := max(*cursor, 0)
	last, err := lastSeqFrom(ctx, p.eng, from)
	if err != nil {
		return false, err
	}
	moved := last != *cursor
	*cursor = last
	return moved, nil
}

func (p *publisher) publishQueues(ctx context.Context, last map[string]contract.Queue) error {
	st, err := p.eng.Stats(ctx)
	if err != nil {
		return err
	}
	for _, ss := range st.Services {
		q := queueFrom(ss, st.AsOf)
		prev, seen := last[q.Service]
		if seen && sameQueue(prev, q) {
			continue
		}
		if err := p.c.PublishJSON(p.topics.Queue(q.Service), true, q); err != nil {
			return err
		}
		last[q.Service] = q
	}
	return nil
}

func queueFrom(ss queue.ServiceStats, asOf time.Time) contract.Queue {
	q := contract.Queue{Service: ss.Service, Waiting: ss.Waiting, LongestWaitS: int64(ss.LongestWait / time.Second),
		ServedToday: ss.ServedToday, LastCalled: ss.LastCalled, OpenCounters: ss.Estimate.Open, AsOf: contract.At(asOf)}
	if ss.Estimate.Known {
		s := int64(ss.Estimate.Wait / time.Second)
		q.EWTS = &s
	}
	if ss.Name != (lang.Text{}) {
		name := wire.TextFrom(ss.Name)
		q.Name = &name
	}
	return q
}

// sameQueue compares two payloads, ignoring as_of.
func sameQueue(a, b contract.Queue) bool {
	ewt := func(q contract.Queue) int64 {
		if q.EWTS == nil {
			return -1
		}
		return *q.EWTS
	}
	name := func(q contract.Queue) contract.Text {
		if q.Name == nil {
			return contract.Text{}
		}
		return *q.Name
	}
	a.AsOf, b.AsOf = contract.Time{}, contract.Time{}
	ea, eb := ewt(a), ewt(b)
	na, nb := name(a), name(b)
	a.EWTS, b.EWTS, a.Name, b.Name = nil, nil, nil, nil
	return a == b && ea == eb && na == nb
}

// sleepCtx sleeps for d; it reports false if ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

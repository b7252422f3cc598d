package relay

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"log/slog"
	"sync/atomic"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// Opts configure the upstream relay.
type Opts struct {
	URL      string // the workflow server's broker
	ClientID string // default "{device}-relay"
	Username string
	Password string
	TLS      *tls.Config
	Center   string
	Device   string // the appliance; events go out on events/{Device}
	// Window is the most events in flight without an ack (default 256).
	Window int
	// AckTimeout: an event unacknowledged this long makes the relay send
	// every unacknowledged event again, in order (default 10s). While no
	// ack comes, each further resend waits about twice as long as the one
	// before (less up to a fifth at random), at most MaxBackoff (default
	// 5m); an ack starts over at AckTimeout.
	AckTimeout time.Duration
	MaxBackoff time.Duration
	Retry      time.Duration // longest wait between reconnect attempts
	// Local says the events go out on the local bus because no workflow
	// server of its own is configured; it only changes what is logged.
	Local bool
	// Clock times sends and acks; default the wall clock.
	Clock  queue.Clock
	Logger *slog.Logger
}

// Relay sends the engine's outbox upstream on events/{device}, in sequence
// order, QoS 1, with at most Window events in flight, and deletes an
// outbox row only when the server names it on ack/{device}: by its id, or
// by an upto_seq no higher than the highest sequence number it sent, and
// only events this relay sent. An ack naming anything else (an id it never
// sent, an upto_seq beyond what it sent) removes nothing for that part;
// it is logged (counts and sequence numbers only) and counted in
// Stats.Refused. A PUBACK proves
// nothing (the broker may drop a queued message, paho re-queues across
// reconnects), so everything unacknowledged is sent again after AckTimeout
// and after every reconnect; the server stores events idempotently by id.
// While no ack comes the resends back off exponentially, up to MaxBackoff,
// and Stats says since when; new events still go out at once. While the
// upstream is down the engine keeps working and the outbox grows.
type Relay struct {
	eng   *queue.Engine
	opts  Opts
	log   *slog.Logger
	clock queue.Clock

	acks      chan contract.Ack
	reconnect chan struct{}
	ticks     <-chan time.Time // the timeout checks' ticker (tests drive it)

	// owned by Run:
	inflight map[string]flight // event id → seq and send time
	cursor   int64             // highest seq sent since the last rewind
	sent     map[string]int64  // event id → seq of every event sent and not yet acknowledged
	maxSent  int64             // the highest seq ever sent
	acked    recentIDs         // ids acknowledged lately: a repeated ack is no forgery
	backoff  *resendBackoff
	silentAt time.Time // since when events wait and no ack came; zero when none waits

	stats counters
}

type flight struct {
	seq  int64
	sent time.Time
}

type counters struct {
	sent, acked, rewinds, inflight atomic.Int64
	refused                        atomic.Int64
	noAcksSince, backoff           atomic.Int64 // Unix ns (0 = acks flow), ns
	connected                      atomic.Bool
}

// Stats describe the relay's progress.
type Stats struct {
	Sent    int64 // publishes, resends included
	Acked   int64 // outbox rows deleted on an ack
	Rewinds int64 // times everything unacknowledged was sent again
	// Refused counts the parts of acks that named events this relay had
	// not sent (an id, an upto_seq beyond the highest seq sent): they
	// removed nothing.
	Refused   int64
	InFlight  int64
	Connected bool
	// NoAcksSince is set once events have waited past their first resend
	// without any ack: since when no ack came (or since the first of
	// them was sent). Zero while acks flow.
	NoAcksSince time.Time
	// Backoff is the wait for an ack before the next resend.
	Backoff time.Duration
}

// New prepares a relay; Run connects and relays.
func New(eng *queue.Engine, opts Opts) *Relay {
	if opts.Window <= 0 {
		opts.Window = 256
	}
	opts.AckTimeout = orDefault(opts.AckTimeout, 10*time.Second)
	opts.MaxBackoff = orDefault(opts.MaxBackoff, 5*time.Minute)
	if opts.ClientID == "" {
		opts.ClientID = opts.Device + "-relay"
	}
	r := &Relay{eng: eng, opts: opts, log: opts.Logger, clock: opts.Clock, acks: make(chan contract.Ack, 1024),
		reconnect: make(chan struct{}, 1), inflight: map[string]flight{}, sent: map[string]int64{},
		acked:   recentIDs{max: 4 * opts.Window},
		backoff: newResendBackoff(opts.AckTimeout, opts.MaxBackoff)}
	if r.log == nil {
		r.log = slog.Default()
	}
	if r.clock == nil {
		r.clock = wallClock{}
	}
	r.stats.backoff.Store(int64(r.backoff.wait))
	return r
}

// orDefault returns d, or def if d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// signal wakes ch's reader unless a wake-up is already pending.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// Stats returns the relay's counters.
func (r *Relay) Stats() Stats {
	st := Stats{Sent: r.stats.sent.Load(), Acked: r.stats.acked.Load(), Rewinds: r.stats.rewinds.Load(),
		Refused:  r.stats.refused.Load(),
		InFlight: r.stats.inflight.Load(), Connected: r.stats.connected.Load(),
		Backoff: time.Duration(r.stats.backoff.Load())}
	if ns := r.stats.noAcksSince.Load(); ns != 0 {
		st.NoAcksSince = time.Unix(0, ns)
	}
	return st
}

// Run relays until ctx ends.
func (r *Relay) Run(ctx context.Context) error {
	c := client.New(client.Opts{URL: r.opts.URL, ClientID: r.opts.ClientID, Username: r.opts.Username,
		Password: r.opts.Password, TLS: r.opts.TLS, Retry: r.opts.Retry,
		OnConnect: func() { r.stats.connected.Store(true); signal(r.reconnect) },
		OnLost:    func(error) { r.stats.connected.Store(false) }})
	defer c.Close(250 * time.Millisecond)
	topic := contract.Topics{Center: r.opts.Center}.Ack(r.opts.Device)
	if err := c.Handle(topic, 1, r.onAck); err != nil {
		return err
	}
	return r.loop(ctx, c)
}

func (r *Relay) onAck(m client.Message) {
	var a contract.Ack
	if err := json.Unmarshal(m.Payload, &a); err != nil {
		r.log.Warn("mqtt: relay: unreadable ack", "err", err)
		return
	}
	r.acks <- a
}

func (r *Relay) loop(ctx context.Context, c *client.Client) error {
	watch, stop := r.eng.Watch()
	defer stop()
	ticks := r.ticks
	if ticks == nil {
		tick := time.NewTicker(max(r.opts.AckTimeout/4, 10*time.Millisecond))
		defer tick.Stop()
		ticks = tick.C
	}
	for {
		r.fill(ctx, c)
		select {
		case <-ctx.Done():
			return nil
		case <-watch:
		case a := <-r.acks:
			r.ack(ctx, a)
		case <-r.reconnect:
			r.rewind()
		case <-ticks:
			if c.Connected() { // else the reconnect sends everything again
				r.checkTimeout()
			}
		}
	}
}

// fill sends pending events until the window is full.
func (r *Relay) fill(ctx context.Context, c *client.Client) {
	topic := contract.Topics{Center: r.opts.Center}.Events(r.opts.Device)
	for c.Connected() && len(r.inflight) < r.opts.Window {
		evs, err := r.eng.Pending(ctx, r.cursor, r.opts.Window-len(r.inflight))
		if err != nil || len(evs) == 0 {
			if err != nil && ctx.Err() == nil {
				r.log.Warn("mqtt: relay: read outbox", "err", err)
			}
			return
		}
		if !r.send(c, topic, evs) {
			return
		}
	}
}

func (r *Relay) send(c *client.Client, topic string, evs []queue.Event) bool {
	now := r.clock.Now()
	if r.silentAt.IsZero() {
		r.silentAt = now
	}
	for _, ev := range evs {
		b, _ := json.Marshal(wire.EventFrom(ev))
		tok := c.Publish(client.Message{Topic: topic, Payload: b, QoS: 1})
		if tok.Error() != nil {
			return false // not connected: the reconnect rewinds
		}
		r.inflight[ev.ID] = flight{seq: ev.Seq, sent: now}
		r.sent[ev.ID] = ev.Seq
		r.cursor, r.maxSent = ev.Seq, max(r.maxSent, ev.Seq)
		r.stats.sent.Add(1)
	}
	r.stats.inflight.Store(int64(len(r.inflight)))
	return true
}

// ack deletes from the outbox the events that a and the acks already
// waiting name and that this relay sent.
func (r *Relay) ack(ctx context.Context, a contract.Ack) {
	seqs := map[int64]string{} // seq → id
	var refusedIDs, refusedUpTo int
	var heard bool
	for _, a := range r.drainAcks(a) {
		ids, upto, known := r.resolve(a, seqs)
		refusedIDs += ids
		refusedUpTo += upto
		heard = heard || known
	}
	if n := refusedIDs + refusedUpTo; n > 0 {
		r.stats.refused.Add(int64(n))
		r.log.Warn("mqtt: relay: ack names events this relay did not send; they stay in the outbox",
			"unknown_ids", refusedIDs, "upto_seq_beyond_sent", refusedUpTo, "highest_seq_sent", r.maxSent)
	}
	if len(seqs) == 0 {
		if heard {
			r.heard()
		}
		return
	}
	defer r.heard()
	list := make([]int64, 0, len(seqs))
	for seq := range seqs {
		list = append(list, seq)
	}
	n, err := r.eng.AckSeqs(ctx, list)
	if err != nil {
		r.log.Warn("mqtt: relay: ack", "err", err)
		r.rewind() // the rows stay: send them again
		return
	}
	r.stats.acked.Add(n)
	for _, id := range seqs {
		delete(r.sent, id)
		delete(r.inflight, id)
		r.acked.add(id)
	}
	r.stats.inflight.Store(int64(len(r.inflight)))
}

// resolve adds to seqs the events a names that this relay sent, and
// returns how many ids it named that were never sent (nor lately
// acknowledged), 1 if its upto_seq is beyond the highest seq sent, and
// whether it named anything this relay sent.
func (r *Relay) resolve(a contract.Ack, seqs map[int64]string) (unknownIDs, uptoBeyond int, known bool) {
	for _, id := range a.Acked {
		switch seq, ok := r.sent[id]; {
		case ok:
			seqs[seq], known = id, true
		case r.acked.has(id): // acknowledged again (a resent event)
			known = true
		default:
			unknownIDs++
		}
	}
	switch {
	case a.UptoSeq <= 0:
	case a.UptoSeq > r.maxSent:
		uptoBeyond = 1
	default:
		known = true
		for id, seq := range r.sent {
			if seq <= a.UptoSeq {
				seqs[seq] = id
			}
		}
	}
	return unknownIDs, uptoBeyond, known
}

// drainAcks returns a and the acks already waiting.
func (r *Relay) drainAcks(a contract.Ack) []contract.Ack {
	acks := []contract.Ack{a}
	for {
		select {
		case b := <-r.acks:
			acks = append(acks, b)
		default:
			return acks
		}
	}
}

// recentIDs remembers the last max ids added.
type recentIDs struct {
	max  int
	ring []string
	next int
	set  map[string]bool
}

func (s *recentIDs) add(id string) {
	if s.set == nil {
		s.set = map[string]bool{}
	}
	if len(s.ring) < s.max {
		s.ring = append(s.ring, id)
	} else {
		delete(s.set, s.ring[s.next])
		s.ring[s.next] = id
		s.next = (s.next + 1) % s.max
	}
	s.set[id] = true
}

func (s *recentIDs) has(id string) bool { return s.set[id] }

// checkTimeout sends everything unacknowledged again when an event in
// flight waited longer than the backoff allows, and backs off further.
func (r *Relay) checkTimeout() {
	now := r.clock.Now()
	for _, f := range r.inflight {
		if now.Sub(f.sent) >= r.backoff.wait {
			r.resend()
			return
		}
	}
}

func (r *Relay) resend() {
	if r.stats.noAcksSince.Load() == 0 {
		r.stats.noAcksSince.Store(r.silentAt.UnixNano())
		r.logSilence()
	}
	r.backoff.backOff()
	r.stats.backoff.Store(int64(r.backoff.wait))
	r.rewind()
}

// logSilence says once per silence that events wait for acks.
func (r *Relay) logSilence() {
	since := contract.At(r.silentAt).Format(contract.TimeLayout)
	if r.opts.Local {
		r.log.Warn("mqtt: relay: no workflow server configured: events are kept in the outbox",
			"no_acks_since", since, "resend_at_most_every", r.opts.MaxBackoff)
		return
	}
	r.log.Warn("mqtt: relay: the workflow server does not acknowledge: events are kept in the outbox",
		"no_acks_since", since, "resend_at_most_every", r.opts.MaxBackoff)
}

// heard records an ack: the resends start over at AckTimeout.
func (r *Relay) heard() {
	r.silentAt = time.Time{}
	if len(r.inflight) > 0 {
		r.silentAt = r.clock.Now()
	}
	r.backoff.reset()
	r.stats.backoff.Store(int64(r.backoff.wait))
	if ns := r.stats.noAcksSince.Swap(0); ns != 0 {
		r.log.Info("mqtt: relay: acks again", "no_acks_since", contract.At(time.Unix(0, ns)).Format(contract.TimeLayout))
	}
}

// rewind forgets what is in flight: the next fill sends every
// unacknowledged event again from the oldest.
func (r *Relay) rewind() {
	clear(r.inflight)
	r.cursor = 0
	r.stats.rewinds.Add(1)
	r.stats.inflight.Store(0)
}

package consumer

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// Opts configure the reference consumer.
type Opts struct {
	URL      string
	ClientID string // default "{Username}-consumer" ("tabour-consumer" without one)
	Username string
	Password string
	TLS      *tls.Config
	// Share, if set, subscribes as a member of the shared subscription
	// $share/{Share}/...: the broker gives each event to one member
	// (mosquitto; the embedded NATS server has no shared subscriptions).
	Share string
	// Filter defaults to AllEvents: every appliance of every center.
	Filter string
	// Store is the consumer's SQLite file; Driver defaults to "sqlite3".
	Store  string
	Driver string
	// Batch is the most events stored in one transaction (default 512);
	// Linger is how long the first event of a batch waits for more
	// (default 5ms): one fsync and one ack for many events.
	Batch  int
	Linger time.Duration
	Retry  time.Duration
	Logger *slog.Logger
	// Inquiries, if not nil, answers the appliances' application status
	// inquiries (inquiry/{device}) from this fixture, by application
	// number; any other is not found. See LoadInquiries.
	Inquiries map[string]contract.InquiryAnswer
	// DropAcks, if set, is asked before each batch is acknowledged: while
	// it returns true the consumer stores events but sends no ack, as if
	// the acks were lost (tests of the relay's resends).
	DropAcks func() bool
}

// Consumer is a reference workflow-server consumer: it stores every event
// once (by event id) in its own SQLite file, acknowledges what it stored
// on ack/{device}, and reports sequence gaps, hashes that do not match and
// broken links of the audit chain.
type Consumer struct {
	opts  Opts
	store *eventStore
	log   *slog.Logger
	in    chan client.Message

	mu      sync.Mutex
	lastSeq map[string]int64 // center/source → highest seq stored

	stored, duplicates, acked, liveGaps, bad, batches atomic.Int64
}

// Report is what the consumer found in its store.
type Report struct {
	Events       int64      `json:"events"`
	Gaps         []Gap      `json:"gaps,omitempty"`
	BadHashes    []EventRef `json:"bad_hashes,omitempty"`
	BrokenLinks  []EventRef `json:"broken_links,omitempty"`
	SeqConflicts []EventRef `json:"seq_conflicts,omitempty"`
}

// Gap is a run of sequence numbers missing from a device's stream.
type Gap struct {
	Center string `json:"center"`
	Device string `json:"device"`
	From   int64  `json:"from"`
	To     int64  `json:"to"`
}

// EventRef names one stored event.
type EventRef struct {
	Center string `json:"center"`
	Device string `json:"device"`
	Seq    int64  `json:"seq"`
}

// Stats count what the consumer did since it started.
type Stats struct {
	Stored     int64 `json:"stored"`
	Duplicates int64 `json:"duplicates"`
	Acked      int64 `json:"acked"`
	LiveGaps   int64 `json:"live_gaps"` // events that arrived ahead of a missing one
	Unreadable int64 `json:"unreadable"`
	Batches    int64 `json:"batches"` // store transactions
}

// New opens the consumer's store.
func New(ctx context.Context, opts Opts) (*Consumer, error) {
	if opts.ClientID == "" {
		opts.ClientID = "tabour-consumer"
		if opts.Username != "" {
			opts.ClientID = opts.Username + "-consumer"
		}
	}
	if opts.Filter == "" {
		opts.Filter = contract.AllEvents
	}
	if opts.Driver == "" {
		opts.Driver = "sqlite3"
	}
	if opts.Batch <= 0 {
		opts.Batch = 512
	}
	if opts.Linger <= 0 {
		opts.Linger = 5 * time.Millisecond
	}
	st, err := openEventStore(ctx, opts.Driver, opts.Store)
	if err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Consumer{opts: opts, store: st, log: log, in: make(chan client.Message, 4096), lastSeq: map[string]int64{}}, nil
}

// Close closes the store.
func (c *Consumer) Close() error { return c.store.db.Close() }

// Stats returns the consumer's counters.
func (c *Consumer) Stats() Stats {
	return Stats{Stored: c.stored.Load(), Duplicates: c.duplicates.Load(), Acked: c.acked.Load(),
		LiveGaps: c.liveGaps.Load(), Unreadable: c.bad.Load(), Batches: c.batches.Load()}
}

// Report checks the store: gaps, hashes, links.
func (c *Consumer) Report(ctx context.Context) (Report, error) { return c.store.report(ctx) }

// Events lists the events stored from one appliance, in sequence order.
func (c *Consumer) Events(ctx context.Context, center, device string) ([]contract.Event, error) {
	return c.store.events(ctx, center, device)
}

// Run consumes until ctx ends.
func (c *Consumer) Run(ctx context.Context) error {
	cl := client.New(client.Opts{URL: c.opts.URL, ClientID: c.opts.ClientID, Username: c.opts.Username,
		Password: c.opts.Password, TLS: c.opts.TLS, Persistent: true, Retry: c.opts.Retry})
	defer cl.Close(250 * time.Millisecond)
	filter := c.opts.Filter
	if c.opts.Share != "" {
		filter = "$share/" + c.opts.Share + "/" + filter
	}
	if err := cl.Handle(filter, 1, func(m client.Message) { c.in <- m }); err != nil {
		return err
	}
	if err := c.handleInquiries(cl); err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case m := <-c.in:
			c.consume(ctx, cl, c.collect(m))
		}
	}
}

// collect takes m and what arrives within Linger, up to Batch.
func (c *Consumer) collect(m client.Message) []client.Message {
	batch := []client.Message{m}
	linger := time.NewTimer(c.opts.Linger)
	defer linger.Stop()
	for len(batch) < c.opts.Batch {
		select {
		case m := <-c.in:
			batch = append(batch, m)
		case <-linger.C:
			return batch
		}
	}
	return batch
}

// consume stores a batch, then acknowledges it (duplicates too: the relay
// resent them because an ack was lost).
func (c *Consumer) consume(ctx context.Context, cl *client.Client, msgs []client.Message) {
	batch := c.decode(msgs)
	c.batches.Add(1)
	fresh, err := c.store.insert(ctx, batch)
	if err != nil {
		if ctx.Err() == nil {
			c.log.Error("mqtt: consumer", "err", err)
		}
		return // not acked: the relay sends them again
	}
	for i, r := range batch {
		if fresh[i] {
			c.stored.Add(1)
			c.noteSeq(r)
		} else {
			c.duplicates.Add(1)
		}
	}
	c.ack(cl, batch)
}

func (c *Consumer) decode(msgs []client.Message) []received {
	out := make([]received, 0, len(msgs))
	for _, m := range msgs {
		t, ok := contract.ParseTopic(m.Topic)
		var ev contract.Event
		if !ok || t.Kind != "events" || json.Unmarshal(m.Payload, &ev) != nil || ev.EventID == "" {
			c.bad.Add(1)
			continue
		}
		out = append(out, received{center: t.Center, source: t.Key, ev: ev})
	}
	return out
}

// noteSeq counts an event that arrived ahead of a missing one.
func (c *Consumer) noteSeq(r received) {
	key := r.center + "/" + r.source
	c.mu.Lock()
	defer c.mu.Unlock()
	last := c.lastSeq[key]
	if last > 0 && r.ev.Seq > last+1 {
		c.liveGaps.Add(1)
	}
	c.lastSeq[key] = max(last, r.ev.Seq)
}

// ack publishes one ack per source device.
func (c *Consumer) ack(cl *client.Client, batch []received) {
	if c.opts.DropAcks != nil && c.opts.DropAcks() {
		return
	}
	type src struct{ center, device string }
	ids := map[src][]string{}
	for _, r := range batch {
		k := src{r.center, r.source}
		ids[k] = append(ids[k], r.ev.EventID)
	}
	for k, list := range ids {
		if err := cl.PublishJSON(contract.Topics{Center: k.center}.Ack(k.device), false, contract.Ack{Acked: list}); err != nil {
			c.log.Warn("mqtt: consumer: ack", "err", err)
			continue
		}
		c.acked.Add(int64(len(list)))
	}
}

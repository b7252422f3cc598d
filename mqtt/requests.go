package mqtt

import (
	"context"
	"sync"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// requests is the appliance's request channel to the workflow server, on
// the upstream broker: the SMS notifier's notify/{device} and the
// inquiries' round trips. When Upstream.URL is empty they share the bus's
// own client; otherwise a client of their own connects. Either way the
// answers' subscription is made on first use, so that a bus that never
// inquires adds nothing to the broker's traffic.
type requests struct {
	b       *Bus
	notify  *notifier
	mu      sync.Mutex
	main    *client.Client // the bus's own client
	c       *client.Client // nil until first use
	ready   chan struct{}  // closed once c is connected and subscribed
	state   int            // 0 before Run, 1 running, 2 stopped
	waiting map[string]chan contract.InquiryAnswer
}

func newRequests(b *Bus) *requests {
	return &requests{b: b, notify: newNotifier(b), ready: make(chan struct{}), waiting: map[string]chan contract.InquiryAnswer{}}
}

// runRequests returns the notifier's loop, on the bus's client main when
// the server is on the local bus.
func (b *Bus) runRequests(main *client.Client) func(context.Context) error {
	return func(ctx context.Context) error {
		b.req.start(main)
		defer b.req.stop()
		return b.req.notify.run(ctx, b.req.client)
	}
}

func (q *requests) start(main *client.Client) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.state, q.main = 1, main
}

func (q *requests) stop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.state == 1 && q.c != nil && q.b.cfg.Upstream.URL != "" {
		q.c.Close(250 * time.Millisecond)
	}
	q.state, q.c = 2, nil
}

// client returns the request client and a channel closed once it is
// ready, connecting the upstream one on first use; nil when not running.
func (q *requests) client() (*client.Client, <-chan struct{}) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.state != 1 {
		return nil, nil
	}
	if q.c == nil && q.b.cfg.Upstream.URL == "" {
		q.c = q.main
		q.subscribe(q.c)
		close(q.ready)
	}
	if q.c == nil {
		q.c = q.connect()
	}
	return q.c, q.ready
}

// connect starts the upstream client (called with q.mu held).
func (q *requests) connect() *client.Client {
	opts, err := q.b.requestClientOpts()
	if err != nil {
		q.b.log.Warn("mqtt: requests", "err", err)
	}
	var once sync.Once
	opts.OnConnect = func() { once.Do(func() { close(q.ready) }) }
	c := client.New(opts)
	q.subscribe(c) // on connect, before OnConnect
	return c
}

// subscribe takes the answers to inquiries: now if c is connected, else
// on connect.
func (q *requests) subscribe(c *client.Client) {
	if err := c.Handle(q.b.topics.InquiryRes(q.b.cfg.Device), 1, q.onAnswer); err != nil {
		q.b.log.Warn("mqtt: requests", "err", err)
	}
}

// requestClientOpts connects like the relay, to the upstream broker.
func (b *Bus) requestClientOpts() (client.Opts, error) {
	up := b.cfg.Upstream
	o := client.Opts{URL: up.URL, ClientID: b.cfg.Device + "-req", Username: up.Username, Password: up.Password,
		Retry: up.Retry}
	var err error
	o.TLS, err = tlsConfig(up.CAFile)
	return o, err
}

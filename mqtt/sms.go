package mqtt

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/nacl/box"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/queue"
)

// ErrSMSDisabled is Register's error when Config.NotifyKey is empty.
var ErrSMSDisabled = errors.New("mqtt: sms: no notify key configured")

// SMS registers citizens for text messages about their ticket; it is the
// kiosk flow's SMS. The number is sealed at once; only the sealed box is
// kept, in memory (a restart forgets the registrations).
type SMS struct{ n *notifier }

// SMS returns the bus's SMS registration.
func (b *Bus) SMS() *SMS { return &SMS{b.req.notify} }

// Register seals mobile to the server's key and keeps the box with the
// ticket: a "near" notice goes out when at most Config.NotifyAhead
// tickets are ahead of it, a "called" one when it is called, each once.
func (s *SMS) Register(_ context.Context, t queue.Ticket, mobile string) error {
	if s.n.key == nil {
		return ErrSMSDisabled
	}
	mobile = strings.TrimSpace(mobile)
	if t.ID == 0 || mobile == "" || len(mobile) > 32 {
		return fmt.Errorf("mqtt: sms: a ticket and a mobile number of at most 32 bytes are required")
	}
	sealed, err := box.SealAnonymous(nil, []byte(mobile), s.n.key, rand.Reader)
	if err != nil {
		return fmt.Errorf("mqtt: sms: seal: %w", err)
	}
	s.n.add(t.ID, base64.StdEncoding.EncodeToString(sealed))
	return nil
}

// clientFunc returns the request client (nil when stopped) and a channel
// closed once it is ready.
type clientFunc func() (*client.Client, <-chan struct{})

// notifier follows the registered tickets and sends their notices.
type notifier struct {
	eng   *queue.Engine
	key   *[32]byte // nil: SMS disabled
	ahead int
	topic string
	clock queue.Clock
	log   *slog.Logger
	poke  chan struct{}

	mu   sync.Mutex
	regs map[int64]*smsReg
}

// smsReg is one registration: the sealed number and the notices sent.
type smsReg struct {
	to           string
	near, called bool
}

func newNotifier(b *Bus) *notifier {
	key, _ := parseNotifyKey(b.cfg.NotifyKey) // nil when empty; Validate checked it
	return &notifier{eng: b.eng, key: key, ahead: b.cfg.NotifyAhead, topic: b.topics.Notify(b.cfg.Device),
		clock: b.clock, log: b.log, poke: make(chan struct{}, 1), regs: map[int64]*smsReg{}}
}

func (n *notifier) add(id int64, sealed string) {
	n.mu.Lock()
	n.regs[id] = &smsReg{to: sealed}
	n.mu.Unlock()
	signal(n.poke)
}

// run checks the registrations after each committed change, after each
// registration and every 5s (for other processes' writes); without a
// notify key there is none.
func (n *notifier) run(ctx context.Context, c clientFunc) error {
	if n.key == nil {
		<-ctx.Done() // SMS disabled: nothing to follow
		return nil
	}
	changed, stop := n.eng.Watch()
	defer stop()
	poll := time.NewTicker(5 * time.Second)
	defer poll.Stop()
	for {
		n.check(ctx, c)
		select {
		case <-ctx.Done():
			return nil
		case <-changed:
		case <-n.poke:
		case <-poll.C:
		}
	}
}

func (n *notifier) check(ctx context.Context, c clientFunc) {
	n.mu.Lock()
	ids := make([]int64, 0, len(n.regs))
	for id := range n.regs {
		ids = append(ids, id)
	}
	n.mu.Unlock()
	for _, id := range ids {
		n.checkOne(ctx, c, id)
	}
}

// checkOne sends what one ticket's state calls for, or forgets it.
func (n *notifier) checkOne(ctx context.Context, c clientFunc, id int64) {
	t, err := n.eng.Ticket(ctx, id)
	if err != nil {
		n.failed(id, err)
		return
	}
	switch t.State {
	case queue.Waiting:
		if est, err := n.eng.EstimateTicket(ctx, id); err == nil && est.Ahead <= n.ahead {
			n.send(c, t, contract.NoticeNear)
		}
	case queue.Called:
		n.send(c, t, contract.NoticeCalled)
	default:
		if t.State.Final() {
			n.forget(id)
		}
	}
}

func (n *notifier) failed(id int64, err error) {
	if errors.Is(err, queue.ErrUnknownTicket) {
		n.forget(id)
		return
	}
	n.log.Warn("mqtt: sms: read ticket", "err", err)
}

func (n *notifier) forget(id int64) {
	n.mu.Lock()
	delete(n.regs, id)
	n.mu.Unlock()
}

// send publishes a notice unless this kind was sent for the ticket.
func (n *notifier) send(c clientFunc, t queue.Ticket, kind string) {
	cl, _ := c()
	if cl == nil {
		return
	}
	to, ok := n.claim(t.ID, kind)
	if !ok {
		return
	}
	req := contract.NotifyRequest{RequestID: client.NewID(), TicketID: t.ID, Ticket: t.Label, Service: t.Service, Kind: kind,
		To: to, At: contract.At(n.clock.Now())}
	if kind == contract.NoticeCalled {
		req.Counter = t.Counter
	}
	payload, _ := json.Marshal(req)
	cl.Publish(client.Message{Topic: n.topic, Payload: payload, QoS: 1}) // queued until connected
}

// claim marks a notice sent (at most once; "called" supersedes "near")
// and returns the sealed number.
func (n *notifier) claim(id int64, kind string) (string, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	r := n.regs[id]
	if r == nil || r.called || (kind == contract.NoticeNear && r.near) {
		return "", false
	}
	r.near, r.called = true, kind == contract.NoticeCalled
	return r.to, true
}

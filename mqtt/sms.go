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
	"time"

	"golang.org/x/crypto/nacl/box"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/queue"
)

// ErrSMSDisabled is Register's error when Config.NotifyKey is empty.
var ErrSMSDisabled = errors.New("mqtt: sms: no notify key configured")

// SMS registers citizens for text messages about their ticket; it is the
// kiosk flow's SMS. The number is sealed at once to the server's key, and
// only the sealed box is kept: the engine stores it with the ticket, in
// the transaction that issues it (queue.IssueRequest.SMSBox), so a crash
// or a restart loses no registration; the notices pending are found
// again in the engine when the bus starts.
type SMS struct{ n *notifier }

// SMS returns the bus's SMS registration.
func (b *Bus) SMS() *SMS { return &SMS{b.req.notify} }

// Seal seals mobile to the server's key and returns the box (base64) to
// issue the ticket with; ErrSMSDisabled without a notify key.
func (s *SMS) Seal(mobile string) (string, error) {
	if s.n.key == nil {
		return "", ErrSMSDisabled
	}
	mobile = strings.TrimSpace(mobile)
	if mobile == "" || len(mobile) > 32 {
		return "", fmt.Errorf("mqtt: sms: a mobile number of at most 32 bytes is required")
	}
	sealed, err := box.SealAnonymous(nil, []byte(mobile), s.n.key, rand.Reader)
	if err != nil {
		return "", fmt.Errorf("mqtt: sms: seal: %w", err)
	}
	return base64.StdEncoding.EncodeToString(sealed), nil
}

// Keep stores a sealed box with a ticket issued before (the citizen's
// existing ticket, which Issue returned instead of a new one).
func (s *SMS) Keep(ctx context.Context, t queue.Ticket, sealed string) error {
	if t.ID == 0 {
		return fmt.Errorf("mqtt: sms: a ticket is required")
	}
	if err := s.n.eng.KeepSMSBox(ctx, t.ID, sealed); err != nil {
		return err
	}
	signal(s.n.poke)
	return nil
}

// Register seals mobile and keeps the box with the ticket t (Seal, then
// Keep): a "near" notice goes out when at most Config.NotifyAhead tickets
// are ahead of it, a "called" one when it is called, each once.
func (s *SMS) Register(ctx context.Context, t queue.Ticket, mobile string) error {
	sealed, err := s.Seal(mobile)
	if err != nil {
		return err
	}
	return s.Keep(ctx, t, sealed)
}

// clientFunc returns the request client (nil when stopped) and a channel
// closed once it is ready.
type clientFunc func() (*client.Client, <-chan struct{})

// notifier follows the tickets with a sealed box in the engine and sends
// their notices.
type notifier struct {
	eng   *queue.Engine
	key   *[32]byte // nil: SMS disabled
	ahead int
	topic string
	clock queue.Clock
	log   *slog.Logger
	poke  chan struct{}
}

func newNotifier(b *Bus) *notifier {
	key, _ := parseNotifyKey(b.cfg.NotifyKey) // nil when empty; Validate checked it
	return &notifier{eng: b.eng, key: key, ahead: b.cfg.NotifyAhead, topic: b.topics.Notify(b.cfg.Device),
		clock: b.clock, log: b.log, poke: make(chan struct{}, 1)}
}

// run checks the stored boxes at once (the notices pending when the bus
// stopped), after each committed change, after each registration and
// every 5s (for other processes' writes); without a notify key there is
// none.
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
	boxes, err := n.eng.SMSBoxes(ctx)
	if err != nil {
		if ctx.Err() == nil {
			n.log.Warn("mqtt: sms", "err", err)
		}
		return
	}
	for _, b := range boxes {
		n.checkOne(ctx, c, b)
	}
}

// checkOne sends what one ticket's state calls for, or drops its box.
func (n *notifier) checkOne(ctx context.Context, c clientFunc, b queue.SMSBox) {
	t, err := n.eng.Ticket(ctx, b.TicketID)
	if errors.Is(err, queue.ErrUnknownTicket) {
		n.drop(ctx, b.TicketID)
		return
	}
	if err != nil {
		n.log.Warn("mqtt: sms: read ticket", "err", err)
		return
	}
	switch {
	case t.State == queue.Waiting && !b.Near && !b.Called:
		if est, err := n.eng.EstimateTicket(ctx, t.ID); err == nil && est.Ahead <= n.ahead {
			n.send(ctx, c, t, b.Sealed, contract.NoticeNear)
		}
	case t.State == queue.Called && !b.Called:
		n.send(ctx, c, t, b.Sealed, contract.NoticeCalled)
	case t.State.Final():
		n.drop(ctx, t.ID)
	}
}

func (n *notifier) drop(ctx context.Context, id int64) {
	if err := n.eng.DropSMSBox(ctx, id); err != nil && ctx.Err() == nil {
		n.log.Warn("mqtt: sms: drop box", "err", err)
	}
}

// send publishes a notice unless this kind was sent for the ticket: the
// engine records it first, so that it goes out at most once, across
// restarts too ("called" supersedes "near").
func (n *notifier) send(ctx context.Context, c clientFunc, t queue.Ticket, to, kind string) {
	cl, _ := c()
	if cl == nil {
		return
	}
	marked, err := n.eng.MarkSMSSent(ctx, t.ID, kind)
	if err != nil {
		if ctx.Err() == nil {
			n.log.Warn("mqtt: sms: record notice", "err", err)
		}
		return
	}
	if !marked {
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

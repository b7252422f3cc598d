package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"tabour/mqtt/contract"
)

// Commander sends commands for one counter device and waits for their
// answers: what a counter console does with its keys.
type Commander struct {
	c      *Client
	topics contract.Topics
	device string
	actor  string
	clock  Clock
	// TTL is the life of a command (default 30s).
	TTL time.Duration
	// Resend is how long SendRaw waits for an answer before publishing
	// the same command again (default 2s). The appliance takes commands
	// at QoS 0 on a link without a session, so a command sent while that
	// link was down is gone; a repeated cmd_id gets the first one's answer.
	Resend time.Duration

	mu      sync.Mutex
	waiting map[string]chan []byte
}

// Clock tells the time; the queue engine's clocks are Clocks.
type Clock interface{ Now() time.Time }

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// NewCommander subscribes to the device's answers (res/{device}/+).
func NewCommander(c *Client, center, device, actor string) (*Commander, error) {
	k := &Commander{c: c, topics: contract.Topics{Center: center}, device: device, actor: actor, clock: wallClock{},
		TTL: 30 * time.Second, Resend: 2 * time.Second, waiting: map[string]chan []byte{}}
	if err := c.Handle(k.topics.ResFor(device), 1, k.answer); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *Commander) answer(m Message) {
	t, ok := contract.ParseTopic(m.Topic)
	if !ok || t.Kind != "res" {
		return
	}
	k.mu.Lock()
	ch := k.waiting[t.Sub]
	delete(k.waiting, t.Sub)
	k.mu.Unlock()
	if ch != nil {
		ch <- m.Payload
	}
}

// Send runs a command with a fresh cmd_id and waits for its answer.
func (k *Commander) Send(ctx context.Context, name string, args any) (contract.Result, error) {
	cmd, err := k.New(args)
	if err != nil {
		return contract.Result{}, err
	}
	return k.SendCommand(ctx, name, cmd)
}

// SendAs is Send for another actor than the Commander's: the web console
// sends each command for the person signed in.
func (k *Commander) SendAs(ctx context.Context, actor, name string, args any) (contract.Result, error) {
	cmd, err := k.NewAs(actor, args)
	if err != nil {
		return contract.Result{}, err
	}
	return k.SendCommand(ctx, name, cmd)
}

// New builds a command issued now.
func (k *Commander) New(args any) (contract.Command, error) { return k.NewAs(k.actor, args) }

// NewAs builds a command issued now for actor.
func (k *Commander) NewAs(actor string, args any) (contract.Command, error) {
	now := k.clock.Now()
	cmd := contract.Command{CmdID: NewID(), Actor: actor, IssuedAt: contract.At(now), ExpiresAt: contract.At(now.Add(k.TTL))}
	if args != nil {
		b, err := json.Marshal(args)
		if err != nil {
			return cmd, fmt.Errorf("mqtt: command args: %w", err)
		}
		cmd.Args = b
	}
	return cmd, nil
}

// SendCommand sends cmd (again, to replay it) and waits for the answer.
func (k *Commander) SendCommand(ctx context.Context, name string, cmd contract.Command) (contract.Result, error) {
	b, err := json.Marshal(cmd)
	if err != nil {
		return contract.Result{}, fmt.Errorf("mqtt: encode command: %w", err)
	}
	raw, err := k.SendRaw(ctx, name, b, cmd.CmdID)
	if err != nil {
		return contract.Result{}, err
	}
	var res contract.Result
	if err := json.Unmarshal(raw, &res); err != nil {
		return res, fmt.Errorf("mqtt: answer to %s: %w", cmd.CmdID, err)
	}
	return res, nil
}

// SendRaw publishes any payload on cmd/{device}/{name} and waits for the
// answer on res/{device}/{answerID}.
func (k *Commander) SendRaw(ctx context.Context, name string, payload []byte, answerID string) ([]byte, error) {
	ch := make(chan []byte, 1)
	k.mu.Lock()
	k.waiting[answerID] = ch
	k.mu.Unlock()
	defer func() {
		k.mu.Lock()
		delete(k.waiting, answerID)
		k.mu.Unlock()
	}()
	m := Message{Topic: k.topics.Cmd(k.device, name), Payload: payload, QoS: 1}
	if err := k.c.PublishWait(ctx, m); err != nil {
		return nil, err
	}
	resend := time.NewTicker(orDefault(k.Resend, 2*time.Second))
	defer resend.Stop()
	for {
		select {
		case b := <-ch:
			return b, nil
		case <-resend.C:
			k.c.Publish(m) // a failure shows as no answer
		case <-ctx.Done():
			return nil, fmt.Errorf("mqtt: no answer to %s: %w", name, ctx.Err())
		}
	}
}

// NewID returns 32 random hex digits: a command id.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// SetClock sets the clock that stamps issued_at and expires_at.
func (k *Commander) SetClock(c Clock) { k.clock = c }

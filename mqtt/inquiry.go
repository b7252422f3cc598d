package mqtt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"unicode"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// ErrNoAnswer is Inquire's error when no answer came before the deadline
// (or the bus is not running): the kiosk offers an inquiry ticket.
var ErrNoAnswer = errors.New("mqtt: no answer from the workflow server")

// Inquire asks the workflow server for an application's status and waits
// for the answer until ctx ends. The application number is never logged.
func (b *Bus) Inquire(ctx context.Context, application string) (contract.InquiryAnswer, error) {
	if err := checkApplication(application); err != nil {
		return contract.InquiryAnswer{}, err
	}
	c, err := b.req.await(ctx)
	if err != nil {
		return contract.InquiryAnswer{}, err
	}
	req := contract.InquiryRequest{RequestID: client.NewID(), Application: application, At: contract.At(b.clock.Now())}
	ch := b.req.expect(req.RequestID)
	defer b.req.drop(req.RequestID)
	payload, _ := json.Marshal(req)
	c.Publish(client.Message{Topic: b.topics.Inquiry(b.cfg.Device), Payload: payload, QoS: 1})
	select {
	case a := <-ch:
		return a, nil
	case <-ctx.Done():
		return contract.InquiryAnswer{}, fmt.Errorf("%w: %w", ErrNoAnswer, ctx.Err())
	}
}

// checkApplication refuses what cannot be an application number, and a
// national ID or phone number typed by mistake (it would go upstream).
func checkApplication(s string) error {
	if s == "" || len(s) > 64 {
		return fmt.Errorf("mqtt: inquiry: the application number must be 1 to 64 bytes")
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("mqtt: inquiry: the application number must be printable")
		}
	}
	if len(contract.FindPersonal(s)) > 0 {
		return fmt.Errorf("mqtt: inquiry: that looks like a national ID or phone number, not an application number")
	}
	return nil
}

// await returns the request client once it is connected and subscribed.
func (q *requests) await(ctx context.Context) (*client.Client, error) {
	c, ready := q.client()
	if c == nil {
		return nil, fmt.Errorf("%w: the bus is not running", ErrNoAnswer)
	}
	select {
	case <-ready:
		return c, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: not connected: %w", ErrNoAnswer, ctx.Err())
	}
}

func (q *requests) expect(id string) chan contract.InquiryAnswer {
	ch := make(chan contract.InquiryAnswer, 1)
	q.mu.Lock()
	q.waiting[id] = ch
	q.mu.Unlock()
	return ch
}

func (q *requests) drop(id string) {
	q.mu.Lock()
	delete(q.waiting, id)
	q.mu.Unlock()
}

// onAnswer hands an answer to its waiting Inquire; others are dropped.
func (q *requests) onAnswer(m client.Message) {
	var a contract.InquiryAnswer
	if json.Unmarshal(m.Payload, &a) != nil || a.RequestID == "" {
		return
	}
	q.mu.Lock()
	ch := q.waiting[a.RequestID]
	delete(q.waiting, a.RequestID)
	q.mu.Unlock()
	if ch != nil {
		ch <- a
	}
}

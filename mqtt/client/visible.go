package client

import (
	"context"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// retainedProbe is how long a probe first waits, after the SUBACK, for the
// retained copy before it subscribes again; each round waits twice as
// long, up to a second.
const retainedProbe = 50 * time.Millisecond

// AwaitRetained returns once a new subscription to topic is given a
// message that match accepts (told whether it came as the retained one),
// or when ctx ends. A broker may store a retained message after it
// acknowledged the publish (the embedded NATS server updates its retained
// index from a JetStream consumer, after the PUBACK): a client that
// subscribes in between receives neither the live message nor the
// retained one. The probe subscribes at QoS 0 (no session state on the
// broker) and again until the copy is there.
func AwaitRetained(ctx context.Context, c *Client, topic string, match func(payload []byte, retained bool) bool) error {
	got := make(chan struct{}, 1)
	h := func(_ paho.Client, m paho.Message) {
		if match(m.Payload(), m.Retained()) {
			select {
			case got <- struct{}{}:
			default:
			}
		}
	}
	wait := retainedProbe
	for {
		if err := waitToken(ctx, c.pc.Subscribe(topic, 0, h)); err != nil {
			return err
		}
		select {
		case <-got:
			c.pc.Unsubscribe(topic)
			return nil
		case <-ctx.Done():
			c.pc.Unsubscribe(topic)
			return ctx.Err()
		case <-time.After(wait):
		}
		if err := waitToken(ctx, c.pc.Unsubscribe(topic)); err != nil {
			return err
		}
		wait = min(2*wait, time.Second)
	}
}

// waitToken waits until the broker answered (SUBACK, UNSUBACK) or ctx ends.
func waitToken(ctx context.Context, tok paho.Token) error {
	select {
	case <-tok.Done():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

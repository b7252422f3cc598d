package client

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// Opts say how a client reaches a broker.
type Opts struct {
	URL      string // tcp://host:1883 or ssl://host:8883
	ClientID string
	Username string
	Password string
	TLS      *tls.Config
	// Persistent keeps the broker session (and its queued QoS 1 messages)
	// across disconnects: MQTT clean session off.
	Persistent bool
	// Will is published, retained, by the broker if the client vanishes.
	Will *Message
	// OnConnect runs after every connection, once the handlers'
	// subscriptions are back in place.
	OnConnect func()
	// OnLost runs when the connection drops.
	OnLost func(error)
	// Retry is the longest wait between connection attempts (default 5s).
	Retry time.Duration
	// KeepAlive defaults to 30s.
	KeepAlive time.Duration
}

// Message is one MQTT message.
type Message struct {
	Topic    string
	Payload  []byte
	QoS      byte
	Retained bool
}

// Handler receives the messages of one subscription. It runs on the
// client's delivery goroutine and must not block.
type Handler func(Message)

// Client is a paho MQTT 3.1.1 client that restores its subscriptions and
// runs OnConnect after every reconnect. It keeps trying to connect in the
// background: a broker that is down never blocks its owner.
type Client struct {
	pc   paho.Client
	opts Opts

	mu   sync.Mutex
	subs map[string]subscription
}

type subscription struct {
	qos byte
	h   Handler
}

// New makes a client and starts connecting; see WaitConnected.
func New(opts Opts) *Client {
	c := &Client{opts: opts, subs: map[string]subscription{}}
	c.pc = paho.NewClient(c.pahoOptions())
	c.pc.Connect()
	return c
}

func (c *Client) pahoOptions() *paho.ClientOptions {
	o := paho.NewClientOptions().AddBroker(c.opts.URL).SetClientID(c.opts.ClientID).
		SetUsername(c.opts.Username).SetPassword(c.opts.Password).
		SetCleanSession(!c.opts.Persistent).SetAutoReconnect(true).SetConnectRetry(true).
		SetConnectTimeout(5 * time.Second).SetWriteTimeout(10 * time.Second).
		SetOrderMatters(true).SetResumeSubs(false).SetStore(newCopyStore()).
		SetOnConnectHandler(func(paho.Client) { c.connected() }).
		SetConnectionLostHandler(func(_ paho.Client, err error) { c.lost(err) })
	retry := orDefault(c.opts.Retry, 5*time.Second)
	o.SetMaxReconnectInterval(retry).SetConnectRetryInterval(retry)
	o.SetKeepAlive(orDefault(c.opts.KeepAlive, 30*time.Second))
	if c.opts.TLS != nil {
		o.SetTLSConfig(c.opts.TLS)
	}
	if w := c.opts.Will; w != nil {
		o.SetBinaryWill(w.Topic, w.Payload, w.QoS, w.Retained)
	}
	return o
}

// orDefault returns d, or def if d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func (c *Client) connected() {
	c.mu.Lock()
	subs := make(map[string]subscription, len(c.subs))
	for f, s := range c.subs {
		subs[f] = s
	}
	c.mu.Unlock()
	for f, s := range subs {
		_ = c.subscribe(f, s) // a refused filter stays refused; Handle reported it
	}
	if c.opts.OnConnect != nil {
		c.opts.OnConnect()
	}
}

func (c *Client) lost(err error) {
	if c.opts.OnLost != nil {
		c.opts.OnLost(err)
	}
}

// WaitConnected waits until the client is connected.
func (c *Client) WaitConnected(ctx context.Context) error {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for !c.pc.IsConnectionOpen() {
		select {
		case <-ctx.Done():
			return fmt.Errorf("mqtt: connect %s: %w", c.opts.URL, ctx.Err())
		case <-t.C:
		}
	}
	return nil
}

// Connected reports whether the connection is up now.
func (c *Client) Connected() bool { return c.pc.IsConnectionOpen() }

// ErrRefused is returned when the broker refuses a subscription.
var ErrRefused = errors.New("mqtt: subscription refused by the broker")

// Handle subscribes h to filter now (if connected) and after every
// reconnect. It returns the broker's refusal, if any.
func (c *Client) Handle(filter string, qos byte, h Handler) error {
	s := subscription{qos: qos, h: h}
	c.mu.Lock()
	c.subs[filter] = s
	c.mu.Unlock()
	if !c.pc.IsConnectionOpen() {
		return nil
	}
	return c.subscribe(filter, s)
}

func (c *Client) subscribe(filter string, s subscription) error {
	tok := c.pc.Subscribe(filter, s.qos, func(_ paho.Client, m paho.Message) {
		s.h(Message{Topic: m.Topic(), Payload: m.Payload(), QoS: m.Qos(), Retained: m.Retained()})
	})
	if !tok.WaitTimeout(10 * time.Second) {
		return fmt.Errorf("mqtt: subscribe %s: timed out", filter)
	}
	if err := tok.Error(); err != nil {
		return fmt.Errorf("mqtt: subscribe %s: %w", filter, err)
	}
	st, ok := tok.(*paho.SubscribeToken)
	if ok && st.Result()[filter] >= 0x80 {
		return fmt.Errorf("%w: %s", ErrRefused, filter)
	}
	return nil
}

// Publish sends a message without waiting for the broker. The token it
// returns completes on PUBACK, which is not proof that anyone received it.
func (c *Client) Publish(m Message) paho.Token {
	return c.pc.Publish(m.Topic, m.QoS, m.Retained, m.Payload)
}

// PublishJSON encodes v and publishes it with QoS 1.
func (c *Client) PublishJSON(topic string, retained bool, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("mqtt: encode %s: %w", topic, err)
	}
	tok := c.Publish(Message{Topic: topic, Payload: b, QoS: 1, Retained: retained})
	select {
	case <-tok.Done():
		return tok.Error()
	default:
		return nil // on its way; the token reports an early failure only
	}
}

// PublishWait publishes and waits for the broker's PUBACK.
func (c *Client) PublishWait(ctx context.Context, m Message) error {
	tok := c.Publish(m)
	select {
	case <-tok.Done():
		return tok.Error()
	case <-ctx.Done():
		return fmt.Errorf("mqtt: publish %s: %w", m.Topic, ctx.Err())
	}
}

// Close disconnects cleanly (no will), waiting up to wait for pending work.
func (c *Client) Close(wait time.Duration) {
	c.pc.Disconnect(uint(wait / time.Millisecond))
}

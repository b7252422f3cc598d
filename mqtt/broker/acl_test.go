package broker_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"tabour/mqtt/broker"
	"tabour/mqtt/client"
)

// resume connects ctr01 with its persistent session: what the broker kept
// for it arrives on the channel, whether or not it comes before the
// subscription is made again.
func resume(t *testing.T, url string) <-chan client.Message {
	t.Helper()
	got := make(chan client.Message, 16)
	h := func(_ paho.Client, m paho.Message) { got <- client.Message{Topic: m.Topic(), Payload: m.Payload()} }
	o := paho.NewClientOptions().AddBroker(url).SetClientID("ctr01-test").SetUsername("ctr01").SetPassword("good").
		SetCleanSession(false).SetDefaultPublishHandler(h)
	c := paho.NewClient(o)
	if tok := c.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("connect: %v", tok.Error())
	}
	t.Cleanup(func() { c.Disconnect(10) })
	if tok := c.Subscribe(p+"serving/#", 1, h); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("subscribe: %v", tok.Error())
	}
	return got
}

const p = "tabour/v1/c1/"

// dial connects as user and waits until it is connected.
func dial(t *testing.T, url, user, pass string, persistent bool) *client.Client {
	t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: user + "-test", Username: user, Password: pass,
		Persistent: persistent, Retry: 50 * time.Millisecond})
	t.Cleanup(func() { c.Close(10 * time.Millisecond) })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

func publish(t *testing.T, c *client.Client, topic, payload string, retained bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.PublishWait(ctx, client.Message{Topic: topic, Payload: []byte(payload), QoS: 1, Retained: retained}); err != nil {
		t.Fatal(err)
	}
}

func expect(t *testing.T, ch <-chan client.Message, payload string) {
	t.Helper()
	select {
	case m := <-ch:
		if string(m.Payload) != payload {
			t.Fatalf("got %s on %s, want %s", m.Payload, m.Topic, payload)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no %s", payload)
	}
}

// await waits for payload, skipping other messages.
func await(t *testing.T, ch <-chan client.Message, payload string) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case m := <-ch:
			if string(m.Payload) == payload {
				return
			}
		case <-deadline:
			t.Fatalf("no %s", payload)
		}
	}
}

func nothing(t *testing.T, ch <-chan client.Message, within time.Duration) {
	t.Helper()
	select {
	case m := <-ch:
		t.Fatalf("got %s on %s", m.Payload, m.Topic)
	case <-time.After(within):
	}
}

// A restricted device has what a QoS 1 subscription, a retained message
// and a persistent session need, and nothing its rules do not grant.
func TestEmbeddedRules(t *testing.T) {
	// A message in flight when ctr01 leaves is sent again after AckWait.
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t), AckWait: 500 * time.Millisecond})
	app := dial(t, b.URL(), "kiosk1", "k", false)
	publish(t, app, p+"serving/1", "s1", true)

	ctr := dial(t, b.URL(), "ctr01", "good", true)
	got := make(chan client.Message, 16)
	if err := ctr.Handle(p+"serving/#", 1, func(m client.Message) { got <- m }); err != nil {
		t.Fatal(err)
	}
	expect(t, got, "s1") // retained
	publish(t, app, p+"serving/1", "s2", true)
	expect(t, got, "s2")
	if err := ctr.Handle(p+"res/ctr02/#", 1, func(m client.Message) { got <- m }); err == nil {
		t.Error("ctr01 may subscribe to ctr02's results")
	}
	if err := ctr.Handle(p+"#", 1, func(m client.Message) { got <- m }); err == nil {
		t.Error("ctr01 may subscribe to the whole center")
	}

	cmds := make(chan client.Message, 16)
	if err := app.Handle(p+"cmd/#", 1, func(m client.Message) { cmds <- m }); err != nil {
		t.Fatal(err)
	}
	publish(t, ctr, p+"cmd/ctr01/next", "mine", false)
	expect(t, cmds, "mine")
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = ctr.PublishWait(ctx, client.Message{Topic: p + "cmd/ctr02/next", Payload: []byte("theirs"), QoS: 1})
	nothing(t, cmds, 300*time.Millisecond)

	// The persistent session keeps what was published while it was away.
	ctr.Close(10 * time.Millisecond)
	publish(t, app, p+"serving/2", "while away", false)
	await(t, resume(t, b.URL()), "while away") // the retained serving/1 may come first
}

// Persistent sessions and retained messages survive a restart on the
// same store.
func TestEmbeddedRestart(t *testing.T) {
	dir, reg := t.TempDir(), registry(t)
	opts := broker.Opts{Addr: "127.0.0.1:0", StoreDir: dir, Auth: reg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	b1, err := broker.NewEmbedded(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b1.Run(ctx) }()
	app := dial(t, b1.URL(), "kiosk1", "k", false)
	publish(t, app, p+"serving/1", "before", true)
	ctr := dial(t, b1.URL(), "ctr01", "good", true)
	if err := ctr.Handle(p+"serving/#", 1, func(client.Message) {}); err != nil {
		t.Fatal(err)
	}
	ctr.Close(10 * time.Millisecond)
	publish(t, app, p+"serving/2", "queued", false)
	app.Close(10 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	opts.Addr = b1.Addr().String()
	b2 := start(t, opts)
	got := resume(t, b2.URL())
	seen := map[string]bool{}
	deadline := time.After(5 * time.Second)
	for !seen["before"] || !seen["queued"] {
		select {
		case m := <-got:
			seen[string(m.Payload)] = true
		case <-deadline:
			t.Fatalf("after the restart: %v", seen)
		}
	}
}

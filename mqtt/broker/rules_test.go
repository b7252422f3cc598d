package broker_test

import (
	"context"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/broker"
)

func TestSubjects(t *testing.T) {
	for filter, want := range map[string][]string{
		"tabour/v1/c1/status/ctr01": {"tabour.v1.c1.status.ctr01"},
		"tabour/v1/c1/serving/#":    {"tabour.v1.c1.serving.>", "tabour.v1.c1.serving"},
		"tabour/v1/c1/cmd/+/+":      {"tabour.v1.c1.cmd.*.*"},
		"#":                         {">"},
	} {
		if got := broker.Subjects(filter); !slices.Equal(got, want) {
			t.Errorf("Subjects(%q) = %q, want %q", filter, got, want)
		}
	}
	for s, want := range map[string]bool{"c1": true, "ctr-01_a": true, "a.b": false, "a b": false, "a\tb": false, "": false, "a/b": false} {
		if broker.ValidLevel(s) != want {
			t.Errorf("ValidLevel(%q) = %v", s, !want)
		}
	}
}

// recorder subscribes as the server device and keeps what arrives.
type recorder struct {
	mu  sync.Mutex
	got map[string][]byte
}

func record(t *testing.T, url, filter string) *recorder {
	t.Helper()
	r := &recorder{got: map[string][]byte{}}
	c := client(t, mqtt.ClientOpts{URL: url, Username: "srv", Password: "srv"})
	if err := c.Handle(filter, 1, func(m mqtt.Message) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got[m.Topic] = m.Payload
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *recorder) has(topic string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.got[topic]
	return ok
}

func (r *recorder) wait(t *testing.T, topic string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !r.has(topic); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("nothing on %s", topic)
		}
	}
}

func client(t *testing.T, opts mqtt.ClientOpts) *mqtt.Client {
	t.Helper()
	opts.ClientID, opts.Retry = "t-"+mqtt.NewID()[:8], 50*time.Millisecond
	c := mqtt.NewClient(opts)
	t.Cleanup(func() { c.Close(10 * time.Millisecond) })
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEmbeddedACL: a counter's publish outside its rules is acknowledged
// (QoS 1) and dropped, and its connection stays up, as with mosquitto.
func TestEmbeddedACL(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	rec := record(t, b.URL(), "tabour/v1/#")
	c := client(t, mqtt.ClientOpts{URL: b.URL(), Username: "ctr01", Password: "good"})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	for _, topic := range []string{"tabour/v1/c1/cmd/ctr02/call", "tabour/v1/c1/serving/1", "tabour/v1/c2/cmd/ctr01/call"} {
		if err := c.PublishWait(ctx, mqtt.Message{Topic: topic, Payload: []byte("{}"), QoS: 1}); err != nil {
			t.Fatalf("%s: %v", topic, err)
		}
	}
	own := "tabour/v1/c1/cmd/ctr01/call"
	if err := c.PublishWait(ctx, mqtt.Message{Topic: own, Payload: []byte("{}"), QoS: 1}); err != nil {
		t.Fatal(err)
	}
	rec.wait(t, own)
	if len(rec.got) != 1 || !c.Connected() {
		t.Fatalf("delivered %v, connected %v", rec.got, c.Connected())
	}
}

// TestEmbeddedForeignWill: NATS cannot see a will at CONNECT time (mochi
// and mosquitto refused the connection), but the will is published with
// the client's own permissions when its connection drops, so a will on
// another device's topic is never delivered nor retained.
func TestEmbeddedForeignWill(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	rec := record(t, b.URL(), "tabour/v1/c1/status/+")
	foreign, own := "tabour/v1/c1/status/ctr02", "tabour/v1/c1/status/ctr01"
	for i, topic := range []string{foreign, own} {
		c := rawConnect(t, b.Addr().String(), connectPacket{id: "w" + string(rune('a'+i)), user: "ctr01",
			pass: "good", willTopic: topic, will: `{"state":"lost"}`, willRetain: true, willQoS: 1})
		c.(*net.TCPConn).SetLinger(0)
		c.Close() // no DISCONNECT: the will goes out
	}
	rec.wait(t, own)
	time.Sleep(300 * time.Millisecond)
	if rec.has(foreign) {
		t.Fatal("a will on another device's status was delivered")
	}
	late := record(t, b.URL(), "tabour/v1/c1/status/+") // retained only
	late.wait(t, own)
	if late.has(foreign) {
		t.Fatal("a will on another device's status was retained")
	}
}

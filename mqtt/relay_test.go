package mqtt_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tabour/mqtt/consumer"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// runConsumer runs a reference consumer on url until stop or the test's end.
func runConsumer(t testing.TB, url, store, clientID string, drop func() bool) (*consumer.Consumer, func()) {
	t.Helper()
	c, err := consumer.New(context.Background(), consumer.Opts{URL: url, ClientID: "server-" + clientID, Username: "server",
		Password: password("server"), Store: store, Retry: 100 * time.Millisecond, DropAcks: drop,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := c.Run(ctx); err != nil {
			t.Errorf("consumer: %v", err)
		}
	}()
	var once sync.Once
	stop := func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(func() { stop(); c.Close() })
	return c, stop
}

// load issues tickets and calls them at two counters until stopped.
func (e *env) load(t testing.TB) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ctx.Err() == nil; i++ {
			svc := []string{"BLD", "SHOP"}[i%2]
			if _, err := e.eng.Issue(ctx, queue.IssueRequest{Service: svc}); err != nil && ctx.Err() == nil {
				t.Errorf("load: issue: %v", err)
				return
			}
			if i%3 == 2 {
				_, _ = e.eng.CallNext(ctx, 1+i%2)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return func() { cancel(); <-done }
}

// waitDrained waits until the outbox is empty and the consumer stored the
// whole event log (no more events are being made).
func (e *env) waitDrained(t testing.TB, c *consumer.Consumer, within time.Duration) {
	t.Helper()
	n := len(allEvents(t, e.eng))
	deadline := time.Now().Add(within)
	for {
		if c.Stats().Stored >= int64(n) {
			info, err := e.eng.Outbox(e.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if info.Count == 0 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not drained: stored %d of %d, relay %+v", c.Stats().Stored, n, e.bus.Relay().Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sameLog checks that the consumer stored exactly the engine's log, in
// order, once each, with sound hashes and links.
func sameLog(t testing.TB, eng *queue.Engine, c *consumer.Consumer) {
	t.Helper()
	ctx := context.Background()
	want := allEvents(t, eng)
	got, err := c.Events(ctx, center, "kiosk1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("consumer stored %d events, the engine logged %d", len(got), len(want))
	}
	for i := range want {
		if w := wire.EventFrom(want[i]); got[i] != w {
			t.Fatalf("event %d:\n got %+v\nwant %+v", i, got[i], w)
		}
	}
	rep, err := c.Report(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Events != int64(len(want)) || rep.Gaps != nil || rep.BadHashes != nil || rep.BrokenLinks != nil || rep.SeqConflicts != nil {
		t.Fatalf("consumer report: %+v", rep)
	}
}

func TestRelayUpstreamOutage(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{separateUpstream: true, ackTimeout: 500 * time.Millisecond})
		mqtttest.Record(t, e.upURL, "server", password("server"))
		cons, _ := runConsumer(t, e.upURL, filepath.Join(t.TempDir(), "consumer.db"), "wf-1", nil)
		stopLoad := e.load(t)
		time.Sleep(300 * time.Millisecond)
		e.up.Stop()
		time.Sleep(time.Second)
		info, _ := e.eng.Outbox(e.ctx)
		if info.Count < 50 {
			t.Errorf("outbox holds %d events after a second of outage, want it to grow", info.Count)
		}
		e.waitRetained(e.topics.Health("kiosk1"), `"upstream":"disconnected"`)
		e.up.Start()
		time.Sleep(300 * time.Millisecond)
		stopLoad()
		e.waitDrained(t, cons, 30*time.Second)
		sameLog(t, e.eng, cons)
		e.waitRetained(e.topics.Health("kiosk1"), `"count":0`)
	})
}

func TestRelayLostAcks(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{ackTimeout: 300 * time.Millisecond})
		var dropping atomic.Bool
		dropping.Store(true)
		cons, _ := runConsumer(t, e.url, filepath.Join(t.TempDir(), "consumer.db"), "wf-1", dropping.Load)
		stopLoad := e.load(t)
		time.Sleep(1500 * time.Millisecond)
		if info, _ := e.eng.Outbox(e.ctx); info.Count == 0 {
			t.Error("events left the outbox without an ack")
		}
		dropping.Store(false)
		time.Sleep(200 * time.Millisecond)
		stopLoad()
		e.waitDrained(t, cons, 30*time.Second)
		sameLog(t, e.eng, cons)
		if st := cons.Stats(); st.Duplicates == 0 || e.bus.Relay().Stats().Rewinds < 2 {
			t.Errorf("no resend seen: consumer %+v, relay %+v", st, e.bus.Relay().Stats())
		}
	})
}

// Once events have waited past their first resend, health says since when
// no ack came; when acks flow again it says connected.
func TestHealthSaysNoAcks(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{ackTimeout: 200 * time.Millisecond})
		e.issue("BLD")
		b := e.waitRetained(e.topics.Health("kiosk1"), `"upstream":"`+contract.UpstreamNoAcks)
		var h contract.Health
		if err := json.Unmarshal(b, &h); err != nil {
			t.Fatal(err)
		}
		since, err := time.Parse(contract.TimeLayout, strings.TrimPrefix(h.Upstream, contract.UpstreamNoAcks))
		if err != nil || since.After(h.AsOf.Time) {
			t.Fatalf("health %s: %v", b, err)
		}
		t.Logf("health: %s", b)
		cons, _ := runConsumer(t, e.url, filepath.Join(t.TempDir(), "consumer.db"), "wf-1", nil)
		e.waitRetained(e.topics.Health("kiosk1"), `"upstream":"connected"`)
		e.waitDrained(t, cons, 30*time.Second)
	})
}

// mosquitto drops messages queued for an offline client past
// max_queued_messages; the relay's resend recovers them.
func TestRelayBrokerDropsQueued(t *testing.T) {
	if !hasMosquitto() {
		t.Fatal("mosquitto is not installed (make deps installs it)")
	}
	e := newEnv(t, mqtttest.Mosquitto, envOpts{separateUpstream: true, ackTimeout: 500 * time.Millisecond, maxQueued: 10})
	store := filepath.Join(t.TempDir(), "consumer.db")
	_, stop := runConsumer(t, e.upURL, store, "wf-durable", nil)
	time.Sleep(200 * time.Millisecond)
	stop() // its session stays: mosquitto queues 10 events for it, drops the rest
	stopLoad := e.load(t)
	time.Sleep(800 * time.Millisecond)
	stopLoad()
	cons, _ := runConsumer(t, e.upURL, store, "wf-durable", nil)
	e.waitDrained(t, cons, 30*time.Second)
	sameLog(t, e.eng, cons)
}

func hasMosquitto() bool {
	for _, k := range mqtttest.Kinds() {
		if k == mqtttest.Mosquitto {
			return true
		}
	}
	return false
}

package relay_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/mqtt/relay"
	"tabour/queue"
)

// fakeClock moves only when told to.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// backoffRig is a relay on a fake clock whose timeout checks the test
// drives, sending a fixed outbox to a broker where nobody acknowledges.
type backoffRig struct {
	t      *testing.T
	clock  *fakeClock
	ticks  chan time.Time
	relay  *relay.Relay
	url    string
	brk    mqtttest.Broker
	events int64
}

func newBackoffRig(t *testing.T, kind mqtttest.Kind, jitter func() float64) *backoffRig {
	reg, _ := registry(t)
	brk := mqtttest.Start(t, kind, mqtttest.Opts{Registry: reg})
	r := &backoffRig{t: t, clock: &fakeClock{t: time.Date(2026, 11, 22, 7, 0, 0, 0, time.UTC)},
		ticks: make(chan time.Time), url: brk.URL(), brk: brk}
	eng := openEngine(t, r.clock) // three counter.state events
	for range 14 {
		if _, err := eng.Issue(context.Background(), queue.IssueRequest{Service: "BLD"}); err != nil {
			t.Fatal(err)
		}
	}
	info, err := eng.Outbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r.events = int64(info.Count)
	r.relay = relay.New(eng, relay.Opts{URL: brk.URL(), Username: "kiosk1", Password: password("kiosk1"),
		Center: center, Device: "kiosk1", Retry: 100 * time.Millisecond, Clock: r.clock,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	relay.SetTicks(r.relay, r.ticks)
	relay.SetJitter(r.relay, jitter)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.relay.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	r.waitStats("the first send", func(st relay.Stats) bool { return st.Sent == r.events })
	return r
}

// step moves the clock by d and lets the relay check once; when step
// returns, the relay finished what the previous check started.
func (r *backoffRig) step(d time.Duration) { r.ticks <- r.clock.Add(d) }

// run steps through d in seconds and returns the resends made meanwhile.
func (r *backoffRig) run(d time.Duration) int64 {
	before := r.relay.Stats().Sent
	for range int(d / time.Second) {
		r.step(time.Second)
	}
	r.step(0)
	return (r.relay.Stats().Sent - before) / r.events
}

func (r *backoffRig) waitStats(what string, ok func(relay.Stats) bool) {
	r.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(r.relay.Stats()); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			r.t.Fatalf("waiting for %s: relay %+v", what, r.relay.Stats())
		}
	}
}

// ack acknowledges events up to seq as the workflow server.
func (r *backoffRig) ack(seq int64) {
	c := client.New(client.Opts{URL: r.url, ClientID: "server-wf-" + client.NewID()[:8], Username: "server",
		Password: password("server"), Retry: 100 * time.Millisecond})
	defer c.Close(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		r.t.Fatal(err)
	}
	msg := client.Message{Topic: contract.Topics{Center: center}.Ack("kiosk1"), QoS: 1,
		Payload: fmt.Appendf(nil, `{"upto_seq":%d}`, seq)}
	if err := c.PublishWait(ctx, msg); err != nil {
		r.t.Fatal(err)
	}
}

// With nobody acknowledging, the relay resends after 10 s, then after
// about 20 s, 40 s, 80 s, 160 s and 5 min: five resends in eight minutes of
// its clock, whatever the jitter. An ack starts over: an event that has
// already waited 10 s is sent again at once, the next resend waits 20 s.
func TestRelayBacksOffWithoutAcks(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		for name, jitter := range map[string]func() float64{"least": func() float64 { return 0 },
			"most": func() float64 { return 0.999 }} {
			t.Run(name+"-jitter", func(t *testing.T) { testBackoff(t, kind, jitter) })
		}
	})
}

func testBackoff(t *testing.T, kind mqtttest.Kind, jitter func() float64) {
	r := newBackoffRig(t, kind, jitter)
	start := r.clock.Now()
	if n := r.run(9 * time.Second); n != 0 {
		t.Fatalf("%d resends within the first 9 s", n)
	}
	if st := r.relay.Stats(); !st.NoAcksSince.IsZero() || st.Backoff != 10*time.Second {
		t.Fatalf("before the first resend: %+v", st)
	}
	n := r.run(8*time.Minute - 9*time.Second)
	st := r.relay.Stats()
	t.Logf("%d events, 8 min without acks: %d resends, %d messages; %+v", r.events, n, st.Sent, st)
	if n != 5 {
		t.Errorf("%d resends in 8 minutes, want 5", n)
	}
	if !st.NoAcksSince.Equal(start) || st.Backoff <= 4*time.Minute || st.Backoff > 5*time.Minute {
		t.Errorf("no acks since %v (want %v), backoff %v (want 4-5 min)", st.NoAcksSince, start, st.Backoff)
	}
	r.ack(r.events - 1) // all but the last
	r.waitStats("the ack", func(st relay.Stats) bool { return st.Acked == r.events-1 && st.NoAcksSince.IsZero() })
	if st := r.relay.Stats(); st.Backoff != 10*time.Second {
		t.Errorf("after an ack the backoff is %v, want 10s", st.Backoff)
	}
	sent := r.relay.Stats().Sent
	r.step(0) // the last event waited for minutes: sent again at once
	r.step(0)
	if got := r.relay.Stats().Sent - sent; got != 1 {
		t.Fatalf("after the ack %d messages, want the one unacknowledged event", got)
	}
	sent = r.relay.Stats().Sent // the next resend is 16-20 s away
	r.run(15 * time.Second)
	if got := r.relay.Stats().Sent - sent; got != 0 {
		t.Errorf("%d messages within 15 s of the last resend", got)
	}
	r.run(5 * time.Second)
	if got := r.relay.Stats().Sent - sent; got != 1 {
		t.Errorf("%d messages 20 s after the last resend, want 1", got)
	}
}

// While the link is down the relay neither resends nor backs off: the
// reconnect sends everything again, and the wait starts over from there.
func TestRelayDoesNotBackOffWhileDown(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		r := newBackoffRig(t, kind, func() float64 { return 0 })
		r.brk.Stop()
		r.waitStats("the link to drop", func(st relay.Stats) bool { return !st.Connected })
		r.run(time.Minute)
		if st := r.relay.Stats(); st.Sent != r.events || !st.NoAcksSince.IsZero() || st.Backoff != 10*time.Second {
			t.Fatalf("a minute without a link: %+v", st)
		}
		r.brk.Start()
		r.waitStats("the resend on reconnecting", func(st relay.Stats) bool { return st.Sent == 2*r.events })
		if n := r.run(9 * time.Second); n != 0 {
			t.Errorf("%d resends within 9 s of the reconnect", n)
		}
		if n := r.run(time.Second); n != 1 {
			t.Errorf("%d resends 10 s after the reconnect, want 1", n)
		}
	})
}

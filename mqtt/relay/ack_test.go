package relay_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/mqtt/relay"
	"tabour/queue"
)

// publishAs publishes payload on topic with a device's credential.
func publishAs(t *testing.T, url, user, topic, payload string) {
	t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: user + "-ack-" + client.NewID()[:6], Username: user,
		Password: password(user), Retry: 100 * time.Millisecond})
	defer c.Close(50 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.PublishWait(ctx, client.Message{Topic: topic, Payload: []byte(payload), QoS: 1}); err != nil {
		t.Fatal(err)
	}
}

func waitRelay(t *testing.T, r *relay.Relay, what string, ok func(relay.Stats) bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(r.Stats()); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: relay %+v", what, r.Stats())
		}
	}
}

func outboxCount(t *testing.T, eng *queue.Engine) int {
	t.Helper()
	info, err := eng.Outbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.Count
}

// Only the workflow server's credential may acknowledge events: the
// broker drops an ack from a counter or from the appliance's own
// credential. The relay removes only events it sent and an ack names: an
// upto_seq beyond what it sent, or the id of an event it has not sent,
// removes nothing and is counted as refused.
func TestForgedAcksRemoveNothing(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		reg, _ := registry(t)
		brk := mqtttest.Start(t, kind, mqtttest.Opts{Registry: reg})
		eng := openEngine(t, &fakeClock{t: time.Date(2026, 11, 22, 7, 0, 0, 0, time.UTC)})
		for range 10 {
			if _, err := eng.Issue(context.Background(), queue.IssueRequest{Service: "BLD"}); err != nil {
				t.Fatal(err)
			}
		}
		total := outboxCount(t, eng)
		evs, err := eng.Pending(context.Background(), 0, total)
		if err != nil || len(evs) != total {
			t.Fatalf("pending: %d of %d: %v", len(evs), total, err)
		}
		const window = 4
		r := relay.New(eng, relay.Opts{URL: brk.URL(), Username: "kiosk1", Password: password("kiosk1"),
			Center: center, Device: "kiosk1", Window: window, AckTimeout: time.Hour, Retry: 100 * time.Millisecond,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- r.Run(ctx) }()
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
		waitRelay(t, r, "the window sent", func(st relay.Stats) bool { return st.Sent == window })

		ack := contract.Topics{Center: center}.Ack("kiosk1")
		publishAs(t, brk.URL(), "ctr01", ack, `{"upto_seq":999999999}`)
		publishAs(t, brk.URL(), "kiosk1", ack, `{"upto_seq":999999999}`)
		publishAs(t, brk.URL(), "server", ack, `{"upto_seq":999999999}`)
		waitRelay(t, r, "the absurd ack refused", func(st relay.Stats) bool { return st.Refused >= 1 })
		publishAs(t, brk.URL(), "server", ack, `{"acked":["`+evs[window+2].ID+`"]}`) // never sent
		waitRelay(t, r, "the unsent id refused", func(st relay.Stats) bool { return st.Refused >= 2 })
		if n := outboxCount(t, eng); n != total {
			t.Fatalf("the outbox holds %d events of %d after forged acks", n, total)
		}

		// A true ack still works, after the refused ones.
		publishAs(t, brk.URL(), "server", ack, fmt.Sprintf(`{"upto_seq":%d,"acked":["%s"]}`, evs[1].Seq, evs[2].ID))
		waitRelay(t, r, "the true ack", func(st relay.Stats) bool { return st.Acked == 3 })
		if n := outboxCount(t, eng); n != total-3 {
			t.Fatalf("the outbox holds %d events, want %d", n, total-3)
		}
		if st := r.Stats(); st.Refused != 2 {
			t.Fatalf("%d refused, want 2 (the counter's and the appliance's acks reached the relay?)", st.Refused)
		}
	})
}

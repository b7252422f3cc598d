package consumer_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/mqtt/auth"
	"tabour/mqtt/client"
	"tabour/mqtt/consumer"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

const center = "ism-fayed"

func password(id string) string { return "pw-" + id }

// registry holds the workflow server, whose password is "pw-server".
func registry(t testing.TB) *auth.Registry {
	t.Helper()
	reg, err := auth.NewRegistry(center, []auth.Device{{ID: "server", Role: auth.RoleServer,
		PasswordSHA256: auth.HashPassword(password("server"))}})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// craft returns a valid chain of n events of device kiosk9, hashed with
// the contract alone.
func craft(n int) []contract.Event {
	prev := strings.Repeat("0", 64)
	out := make([]contract.Event, n)
	for i := range out {
		ev := contract.Event{EventID: "0190a1b2-c3d4-7e5f-8a6b-" + strings.Repeat("0", 11) + string(rune('a'+i)),
			Seq: int64(i + 1), Device: "kiosk9", BootID: "boot", Type: "ticket.issued", Ticket: "A001", Service: "BLD",
			Data: `{"kind":"submit"}`, At: contract.At(time.Date(2026, 11, 22, 7, 0, i, 0, time.UTC)), PrevHash: prev}
		ev.Hash = ev.ComputeHash()
		prev = ev.Hash
		out[i] = ev
	}
	return out
}

// runConsumer runs a reference consumer on url until the test's end.
func runConsumer(t testing.TB, url, store, clientID string) *consumer.Consumer {
	t.Helper()
	c, err := consumer.New(context.Background(), consumer.Opts{URL: url, ClientID: "server-" + clientID, Username: "server",
		Password: password("server"), Store: store, Retry: 100 * time.Millisecond,
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
	t.Cleanup(func() { cancel(); <-done; c.Close() })
	return c
}

// connect connects as device id.
func connect(t testing.TB, url, id string) *client.Client {
	t.Helper()
	c := client.New(client.Opts{URL: url, ClientID: id + "-" + client.NewID()[:6], Username: id,
		Password: password(id), Retry: 100 * time.Millisecond})
	t.Cleanup(func() { c.Close(50 * time.Millisecond) })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// recorded reports whether r has seen a message on topic.
func recorded(r *mqtttest.Recorder, topic string) bool {
	for _, m := range r.Messages() {
		if m.Topic == topic {
			return true
		}
	}
	return false
}

// waitRecorded waits until r has seen a message on topic holding want.
func waitRecorded(t *testing.T, r *mqtttest.Recorder, topic, want string) []byte {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, m := range r.Messages() {
			if m.Topic == topic && strings.Contains(string(m.Payload), want) {
				return m.Payload
			}
		}
	}
	t.Fatalf("nothing holding %s on %s", want, topic)
	return nil
}

// The consumer reports a missing sequence number, an event whose hash does
// not match its contents and the broken link that follows, and acks all.
func TestConsumerReportsGapsAndBadHashes(t *testing.T) {
	reg := registry(t)
	brk := mqtttest.Start(t, mqtttest.Embedded, mqtttest.Opts{Registry: reg})
	rec := mqtttest.Record(t, brk.URL(), "server", password("server"))
	cons := runConsumer(t, brk.URL(), filepath.Join(t.TempDir(), "c.db"), "wf")
	ctx := context.Background()
	pub := connect(t, brk.URL(), "server")
	// The consumer subscribes in its own goroutine: until it has, a
	// publish reaches nobody. A probe from another center, sent until it
	// is acked, shows the subscription is live.
	pq := craft(1)[0]
	pq.EventID = "0190a1b2-c3d4-7e5f-8a6b-0000000000ff" // its own event: not a duplicate of the first below
	pq.Hash = pq.ComputeHash()
	probe, _ := json.Marshal(pq)
	probeAck := contract.Topics{Center: "probe-center"}.Ack("kiosk9")
	for deadline := time.Now().Add(10 * time.Second); !recorded(rec, probeAck); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the consumer never subscribed")
		}
		must(t, pub.PublishWait(ctx, client.Message{Topic: contract.Topics{Center: "probe-center"}.Events("kiosk9"), Payload: probe, QoS: 1}))
	}
	evs := craft(6)
	evs[4].Ticket = "A999" // tampered after hashing: bad hash; event 6 still links to the true hash
	evs[5].PrevHash = strings.Repeat("f", 64)
	evs[5].Hash = evs[5].ComputeHash()
	topic := contract.Topics{Center: "other-center"}.Events("kiosk9")
	for i, ev := range evs {
		if i == 2 {
			continue // seq 3 never sent
		}
		b, _ := json.Marshal(ev)
		must(t, pub.PublishWait(ctx, client.Message{Topic: topic, Payload: b, QoS: 1}))
	}
	waitRecorded(t, rec, contract.Topics{Center: "other-center"}.Ack("kiosk9"), evs[5].EventID)
	rep, err := cons.Report(ctx)
	must(t, err)
	want := consumer.Report{Events: 6, Gaps: []consumer.Gap{{Center: "other-center", Device: "kiosk9", From: 3, To: 3}},
		BadHashes:   []consumer.EventRef{{Center: "other-center", Device: "kiosk9", Seq: 5}},
		BrokenLinks: []consumer.EventRef{{Center: "other-center", Device: "kiosk9", Seq: 6}}}
	if !reflect.DeepEqual(rep, want) {
		t.Fatalf("report %+v\nwant   %+v", rep, want)
	}
	if st := cons.Stats(); st.Stored != 6 || st.LiveGaps != 1 || st.Acked < 6 { // with the probe (acked once or more)
		t.Fatalf("stats %+v", st)
	}
}

package mqtt_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tabour/ctl"
	"tabour/mqtt"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// craft returns a valid chain of n events of device d.
func craft(n int) []contract.Event {
	prev := queue.GenesisHash
	out := make([]contract.Event, n)
	for i := range out {
		ev := queue.Event{Seq: int64(i + 1), ID: "0190a1b2-c3d4-7e5f-8a6b-" + strings.Repeat("0", 11) + string(rune('a'+i)),
			Device: "kiosk9", BootID: "boot", Type: queue.EvIssued, Ticket: "A001", Service: "BLD",
			Data: `{"kind":"submit"}`, At: time.Date(2026, 11, 22, 7, 0, i, 0, time.UTC), PrevHash: prev}
		ev.Hash = ev.ComputeHash()
		prev = ev.Hash
		out[i] = wire.EventFrom(ev)
	}
	return out
}

// The consumer reports a missing sequence number, an event whose hash does
// not match its contents and the broken link that follows, and acks all.
func TestConsumerReportsGapsAndBadHashes(t *testing.T) {
	reg, _, pw := registry(t)
	brk := mqtttest.Start(t, mqtttest.Embedded, mqtttest.Opts{Registry: reg, Passwords: pw})
	rec := mqtttest.Record(t, brk.URL(), "server", password("server"))
	cons, _ := runConsumer(t, brk.URL(), filepath.Join(t.TempDir(), "c.db"), "wf", nil)
	e := &env{t: t, ctx: context.Background()}
	pub := e.client(brk.URL(), "server")
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
		must(t, pub.PublishWait(e.ctx, client.Message{Topic: contract.Topics{Center: "probe-center"}.Events("kiosk9"), Payload: probe, QoS: 1}))
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
		must(t, pub.PublishWait(e.ctx, client.Message{Topic: topic, Payload: b, QoS: 1}))
	}
	waitRecorded(t, rec, contract.Topics{Center: "other-center"}.Ack("kiosk9"), evs[5].EventID)
	rep, err := cons.Report(e.ctx)
	must(t, err)
	want := mqtt.Report{Events: 6, Gaps: []mqtt.Gap{{Center: "other-center", Device: "kiosk9", From: 3, To: 3}},
		BadHashes:   []mqtt.EventRef{{Center: "other-center", Device: "kiosk9", Seq: 5}},
		BrokenLinks: []mqtt.EventRef{{Center: "other-center", Device: "kiosk9", Seq: 6}}}
	if !reflect.DeepEqual(rep, want) {
		t.Fatalf("report %+v\nwant   %+v", rep, want)
	}
	if st := cons.Stats(); st.Stored != 6 || st.LiveGaps != 1 || st.Acked < 6 { // with the probe (acked once or more)
		t.Fatalf("stats %+v", st)
	}
}

// Two consumers in one shared subscription split the stream; together
// they hold the whole log once. Shared subscriptions ($share/GROUP/...)
// are mosquitto's: the embedded NATS server has none.
func TestConsumersShareTheStream(t *testing.T) {
	if !hasMosquitto() {
		t.Fatal("mosquitto is not installed (make deps installs it)")
	}
	t.Run(string(mqtttest.Mosquitto), func(t *testing.T) {
		kind := mqtttest.Mosquitto
		e := newEnv(t, kind, envOpts{})
		var cs []*mqtt.Consumer
		for _, id := range []string{"wf-a", "wf-b"} {
			c, err := mqtt.NewConsumer(e.ctx, mqtt.ConsumerOpts{URL: e.url, ClientID: id, Username: "server",
				Password: password("server"), Share: "workflow", Store: filepath.Join(t.TempDir(), id+".db")})
			must(t, err)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { defer close(done); _ = c.Run(ctx) }()
			t.Cleanup(func() { cancel(); <-done; c.Close() })
			cs = append(cs, c)
		}
		stop := e.load(t)
		time.Sleep(500 * time.Millisecond)
		stop()
		n := len(allEvents(t, e.eng))
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			info, _ := e.eng.Outbox(e.ctx)
			if info.Count == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("outbox still holds %d", info.Count)
			}
		}
		seen := map[string]bool{}
		for _, c := range cs {
			evs, err := c.Events(e.ctx, center, "kiosk1")
			must(t, err)
			for _, ev := range evs {
				seen[ev.EventID] = true
			}
		}
		if len(seen) != n {
			t.Fatalf("the group stored %d distinct events of %d", len(seen), n)
		}
	})
}

// tabourctl events --ack is the same consumer behind flags.
func TestCtlEventsAck(t *testing.T) {
	e := newEnv(t, mqtttest.Embedded, envOpts{})
	for range 20 {
		e.issue("BLD")
	}
	t.Setenv("TABOUR_MQTT_PASSWORD", password("server"))
	store := filepath.Join(t.TempDir(), "consumer.db")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb strings.Builder
	done := make(chan int, 1)
	go func() {
		done <- ctl.Main(ctx, []string{"--db", filepath.Join(t.TempDir(), "unused.db"), "events", "--ack",
			"--broker", e.url, "--store", store, "--username", "server", "--report", "1s"}, &out, &errb)
	}()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if info, _ := e.eng.Outbox(e.ctx); info.Count == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("tabourctl events --ack did not drain the outbox")
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "consuming tabour/v1/+/events/+") || !strings.Contains(out.String(), "stored ") {
		t.Fatalf("output: %s", out.String())
	}
	c, err := mqtt.NewConsumer(e.ctx, mqtt.ConsumerOpts{Store: store})
	must(t, err)
	defer c.Close()
	sameLog(t, e.eng, c)
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

package mqtt_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tabour/ctl"
	"tabour/mqtt/consumer"
	"tabour/mqtt/mqtttest"
)

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
		var cs []*consumer.Consumer
		for _, id := range []string{"server-wf-a", "server-wf-b"} {
			c, err := consumer.New(e.ctx, consumer.Opts{URL: e.url, ClientID: id, Username: "server",
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
	c, err := consumer.New(e.ctx, consumer.Opts{Store: store})
	must(t, err)
	defer c.Close()
	sameLog(t, e.eng, c)
}

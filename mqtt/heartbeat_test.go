package mqtt_test

import (
	"context"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

// While online the appliance republishes status/{device} every
// HeartbeatEvery with a fresh heartbeat_at and the same since; a reader
// finds it alive, and no longer once it has stopped beating.
func TestStatusHeartbeat(t *testing.T) {
	e := &env{t: t, ctx: context.Background(), kind: mqtttest.Embedded, clock: &testClock{}, topics: contract.Topics{Center: center}}
	e.eng = openEngine(t, e.clock)
	reg, devs := registry(t)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test", Devices: devs,
		HeartbeatEvery: 100 * time.Millisecond, Upstream: mqtt.UpstreamConfig{Disabled: true}}
	e.setupBrokers(mqtttest.Embedded, envOpts{}, reg, &cfg)
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))

	topic := e.topics.Status("kiosk1")
	// The retained status a new subscriber gets may come after a live
	// one: the beats are told apart by their times, not their order.
	beats := map[time.Time]contract.Status{}
	for deadline := time.Now().Add(10 * time.Second); len(beats) < 3 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, m := range e.rec.Messages() {
			if m.Topic == topic {
				if st := status(t, m.Payload); st.State == contract.Online {
					beats[st.HeartbeatAt.Time] = st
				}
			}
		}
	}
	if len(beats) < 3 {
		t.Fatalf("%d heartbeats, want 3", len(beats))
	}
	var since contract.Time
	for at, st := range beats {
		if since.IsZero() {
			since = st.Since
		}
		if st.EveryS != 1 || at.IsZero() || st.Since != since {
			t.Fatalf("beat %+v", st)
		}
	}
	last := status(t, e.waitRetained(topic, `"online"`))
	if !last.Alive(e.clock.Now()) {
		t.Fatalf("the retained status %+v is not alive at %v", last, e.clock.Now())
	}
	// A status left behind by an appliance that died with its broker
	// goes stale after three missed beats.
	if last.Alive(last.HeartbeatAt.Add(3*time.Second + time.Millisecond)) {
		t.Fatalf("%+v still alive after three missed beats", last)
	}
}

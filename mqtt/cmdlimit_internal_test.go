package mqtt

import (
	"strings"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// A device gets its burst at once and then its rate; its queue holds at
// most CommandQueue; the runner takes the devices' queues in turn.
func TestCmdQueues(t *testing.T) {
	cfg := Config{CommandRate: 2, CommandBurst: 3, CommandQueue: 2}
	q := newCmdQueues(cfg)
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	q.now = func() time.Time { return now }
	a, b := contract.Topic{Kind: "cmd", Key: "ctr01"}, contract.Topic{Kind: "cmd", Key: "ctr02"}
	for i := range 3 {
		if err := q.admit(a); err != nil {
			t.Fatalf("command %d of the burst refused: %v", i, err)
		}
	}
	if q.admit(a) == nil {
		t.Fatal("a fourth command at once was admitted")
	}
	if q.admit(b) != nil {
		t.Fatal("another device was refused")
	}
	now = now.Add(500 * time.Millisecond) // one token at 2 a second
	if q.admit(a) != nil || q.admit(a) == nil {
		t.Fatal("the rate after the burst is not 2 a second")
	}
	msg := func(device, id string) client.Message { return client.Message{Topic: device + "/" + id} }
	for _, id := range []string{"1", "2"} {
		if err := q.push(a, msg("ctr01", id)); err != nil {
			t.Fatal(err)
		}
	}
	if q.push(a, msg("ctr01", "3")) == nil {
		t.Fatal("a full queue took one more")
	}
	if err := q.push(b, msg("ctr02", "1")); err != nil {
		t.Fatal(err)
	}
	var order []string
	for m, ok := q.pop(); ok; m, ok = q.pop() {
		order = append(order, m.Topic)
	}
	if got := strings.Join(order, " "); got != "ctr01/1 ctr02/1 ctr01/2" {
		t.Fatalf("served %s", got)
	}
}

package mqtttest

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// Recorder keeps every message published under tabour/ on a broker.
type Recorder struct {
	c      *client.Client
	mu     sync.Mutex
	ms     []client.Message
	exempt map[string]bool
}

// Record subscribes to tabour/v1/# (with a user allowed to read everything)
// and, when the test ends, validates every payload against the AsyncAPI
// schemas and scans it for personal data.
func Record(t testing.TB, url, user, password string) *Recorder {
	t.Helper()
	r := &Recorder{exempt: map[string]bool{}}
	r.c = client.New(client.Opts{URL: url, ClientID: user + "-recorder-" + client.NewID()[:8], Username: user,
		Password: password, Retry: 100 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.c.Handle("tabour/v1/#", 1, r.add); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.c.Close(100 * time.Millisecond)
		r.Check(t)
	})
	return r
}

func (r *Recorder) add(m client.Message) {
	r.mu.Lock()
	r.ms = append(r.ms, m)
	r.mu.Unlock()
}

// Exempt excuses a payload the test publishes on purpose (bad input to
// be refused) from the checks.
func (r *Recorder) Exempt(payload []byte) {
	r.mu.Lock()
	r.exempt[string(payload)] = true
	r.mu.Unlock()
}

func (r *Recorder) exempted(payload []byte) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.exempt[string(payload)]
}

// Messages returns what was recorded so far.
func (r *Recorder) Messages() []client.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]client.Message(nil), r.ms...)
}

// Count counts the recorded messages whose topic contains part.
func (r *Recorder) Count(part string) int {
	n := 0
	for _, m := range r.Messages() {
		if strings.Contains(m.Topic, part) {
			n++
		}
	}
	return n
}

// Check validates every recorded payload and scans it for personal data.
func (r *Recorder) Check(t testing.TB) {
	t.Helper()
	c, err := LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for _, m := range r.Messages() {
		if r.exempted(m.Payload) {
			continue
		}
		if err := c.Validate(m.Topic, m.Payload); err != nil && bad < 10 {
			bad++
			t.Errorf("contract: %v\n%s", err, m.Payload)
		}
		if found := contract.FindPersonal(m.Topic + " " + string(m.Payload)); len(found) > 0 {
			t.Errorf("personal data shape %q published on %s", found, m.Topic)
		}
	}
}

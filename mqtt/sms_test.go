package mqtt_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"golang.org/x/crypto/nacl/box"

	"tabour/kiosk/flow"
	"tabour/mqtt"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// The bus's SMS is the kiosk flow's SMS.
var _ flow.SMS = (*mqtt.SMS)(nil)

// smsEnv is a bus with a notify key; it returns the server's key pair.
func smsEnv(t *testing.T, ahead int) (*env, *[32]byte, *[32]byte) {
	t.Helper()
	pub, priv, err := box.GenerateKey(rand.Reader)
	must(t, err)
	e := newEnvWith(t, mqtttest.Embedded, envOpts{upstreamDisabled: true}, func(c *mqtt.Config) {
		c.NotifyKey, c.NotifyAhead = base64.StdEncoding.EncodeToString(pub[:]), ahead
	})
	return e, pub, priv
}

// notices returns the notify requests recorded so far.
func notices(t *testing.T, e *env) []contract.NotifyRequest {
	t.Helper()
	var out []contract.NotifyRequest
	for _, m := range e.rec.Messages() {
		if m.Topic != e.topics.Notify("kiosk1") {
			continue
		}
		var n contract.NotifyRequest
		must(t, json.Unmarshal(m.Payload, &n))
		out = append(out, n)
	}
	return out
}

func callNext(t *testing.T, e *env, counter int) queue.Ticket {
	t.Helper()
	tk, err := e.eng.CallNext(e.ctx, counter)
	must(t, err)
	return tk
}

// A registered ticket gets one "near" notice when at most N tickets are
// ahead and one "called" notice; only the server can read the number.
func TestSMSNoticesNearAndCalled(t *testing.T) {
	const mobile = "01012345678"
	e, pub, priv := smsEnv(t, 2)
	var tks []queue.Ticket
	for range 5 {
		tks = append(tks, e.issue("BLD"))
	}
	mine := tks[4] // 4 ahead
	must(t, e.bus.SMS().Register(e.ctx, mine, mobile))
	callNext(t, e, 3) // 3 ahead
	time.Sleep(200 * time.Millisecond)
	if n := notices(t, e); len(n) != 0 {
		t.Fatalf("notice with 3 ahead (N=2): %+v", n)
	}
	callNext(t, e, 3) // 2 ahead: near
	waitRecorded(t, e.rec, e.topics.Notify("kiosk1"), `"kind":"near"`)
	callNext(t, e, 3)
	callNext(t, e, 3)
	if got := callNext(t, e, 3); got.ID != mine.ID {
		t.Fatalf("called %s, want %s", got.Label, mine.Label)
	}
	waitRecorded(t, e.rec, e.topics.Notify("kiosk1"), `"kind":"called"`)
	_, err := e.eng.Done(e.ctx, 3)
	must(t, err)
	time.Sleep(200 * time.Millisecond)
	checkNotices(t, e, notices(t, e), mine, pub, priv, mobile)
}

// checkNotices wants exactly near then called for tk, each opening to
// mobile with the server's key, and mobile nowhere on the bus.
func checkNotices(t *testing.T, e *env, ns []contract.NotifyRequest, tk queue.Ticket, pub, priv *[32]byte, mobile string) {
	t.Helper()
	if len(ns) != 2 || ns[0].Kind != contract.NoticeNear || ns[1].Kind != contract.NoticeCalled || ns[1].Counter != 3 {
		t.Fatalf("want near then called at counter 3, got %+v", ns)
	}
	for _, n := range ns {
		sealed, err := base64.StdEncoding.DecodeString(n.To)
		must(t, err)
		got, ok := box.OpenAnonymous(nil, sealed, pub, priv)
		if !ok || string(got) != mobile || n.TicketID != tk.ID || n.Ticket != tk.Label {
			t.Fatalf("notice %+v: opened %v %q", n, ok, got)
		}
	}
	for _, m := range e.rec.Messages() {
		if bytes.Contains(m.Payload, []byte(mobile)) || bytes.Contains(m.Payload, []byte(mobile[1:])) {
			t.Fatalf("the mobile number was published on %s", m.Topic)
		}
	}
}

// A ticket already near when registered is told at once; an empty number
// is refused (TestInquiryNoAnswer: every number without a notify key).
func TestSMSRegisterEdges(t *testing.T) {
	e, _, _ := smsEnv(t, 0) // default 3
	tk := e.issue("SHOP")
	must(t, e.bus.SMS().Register(e.ctx, tk, "01112345678"))
	waitRecorded(t, e.rec, e.topics.Notify("kiosk1"), `"ticket":"`+tk.Label+`","service":"SHOP"`)
	if err := e.bus.SMS().Register(e.ctx, tk, " "); err == nil {
		t.Fatal("registered an empty number")
	}
}

// The sealed box is stored with the ticket, so a registration outlives
// the bus: after a restart the notices still pending go out, and a notice
// sent before it is not sent again.
func TestSMSSurvivesARestart(t *testing.T) {
	const mobile = "01512345678"
	pub, priv, err := box.GenerateKey(rand.Reader)
	must(t, err)
	e := &env{t: t, ctx: t.Context(), kind: mqtttest.Embedded, clock: &testClock{}, topics: contract.Topics{Center: center}}
	e.eng = openEngine(t, e.clock)
	reg, devs := registry(t)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test", Devices: devs, QueueInterval: 20 * time.Millisecond,
		HealthEvery: time.Second, Upstream: mqtt.UpstreamConfig{Disabled: true},
		NotifyKey: base64.StdEncoding.EncodeToString(pub[:]), NotifyAhead: 2}
	e.setupBrokers(mqtttest.Embedded, envOpts{}, reg, &cfg)
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))

	for range 3 {
		e.issue("BLD")
	}
	sealed, err := e.bus.SMS().Seal(mobile)
	must(t, err)
	mine, err := e.eng.Issue(e.ctx, queue.IssueRequest{Service: "BLD", SMSBox: sealed})
	must(t, err)
	callNext(t, e, 3) // 2 ahead: near
	waitRecorded(t, e.rec, e.topics.Notify("kiosk1"), `"kind":"near"`)

	e.stop() // the registration is in the engine, not in the bus
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))
	callNext(t, e, 3)
	callNext(t, e, 3)
	if got := callNext(t, e, 3); got.ID != mine.ID {
		t.Fatalf("called %s, want %s", got.Label, mine.Label)
	}
	waitRecorded(t, e.rec, e.topics.Notify("kiosk1"), `"kind":"called"`)
	ns := notices(t, e)
	if len(ns) != 1 || ns[0].Kind != contract.NoticeCalled || ns[0].TicketID != mine.ID {
		t.Fatalf("after the restart: %+v, want only called", ns)
	}
	raw, err := base64.StdEncoding.DecodeString(ns[0].To)
	must(t, err)
	if got, ok := box.OpenAnonymous(nil, raw, pub, priv); !ok || string(got) != mobile {
		t.Fatalf("the notice opens to %q, %v", got, ok)
	}
	_, err = e.eng.Done(e.ctx, 3)
	must(t, err)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		boxes, err := e.eng.SMSBoxes(e.ctx)
		must(t, err)
		if len(boxes) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("boxes of ended tickets kept: %+v", boxes)
		}
	}
}

// Only a sealed box is stored: the engine refuses a number in clear.
func TestSMSBoxIsNeverTheNumber(t *testing.T) {
	e, _, _ := smsEnv(t, 2)
	for _, clear := range []string{"01012345678", "010123456789", base64.StdEncoding.EncodeToString([]byte("01012345678"))} {
		if _, err := e.eng.Issue(e.ctx, queue.IssueRequest{Service: "BLD", SMSBox: clear}); !errors.Is(err, queue.ErrInvalid) {
			t.Errorf("issued with SMSBox %q: %v", clear, err)
		}
	}
	if queue.NoticeNear != contract.NoticeNear || queue.NoticeCalled != contract.NoticeCalled {
		t.Error("the engine's notice kinds are not the contract's")
	}
}

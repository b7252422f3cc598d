package mqtt_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// A working session in which citizens give their national ID at the kiosk
// and a clerk tries to put one in a reason: nothing published on the local
// bus or upstream, events included, holds a national-ID-shaped or a
// phone-shaped number. (Every test's recorder runs the same scan; this one
// makes sure there was something to find.)
func TestNoPersonalDataOnTheBus(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{})
		key := []byte("center secret")
		for _, nid := range []string{"29001011234567", "30105152101234", "28812312301239"} {
			mac := hmac.New(sha256.New, key)
			mac.Write([]byte(nid))
			_, err := e.eng.Issue(e.ctx, queue.IssueRequest{Service: "BLD", Priority: queue.PriorityElderly,
				NIDHash: hex.EncodeToString(mac.Sum(nil))})
			must(t, err)
		}
		k := e.counter("ctr01")
		if res := e.sendBad(t, k, contract.CmdCall, contract.Args{Ticket: "A0002", Reason: "for 29001011234567"}); res.Code != contract.CodePersonalData {
			t.Fatalf("reason with a national ID: %+v", res)
		}
		if res := e.sendBad(t, k, contract.CmdPause, contract.Args{Reason: "call me 01001234567"}); res.Code != contract.CodePersonalData {
			t.Fatalf("reason with a phone number: %+v", res)
		}
		if res := e.sendBad(t, k, contract.CmdPause, contract.Args{Reason: "other", Note: "call me ٠١٠​٠١٢٣​٤٥٦٧"}); res.Code != contract.CodePersonalData {
			t.Fatalf("note with a phone number in Arabic-Indic digits and zero-width spaces: %+v", res)
		}
		mustOK(t, k, contract.CmdCall, contract.Args{Ticket: "A0002", Reason: "returned", Note: "documents complete"})
		mustOK(t, k, contract.CmdDone, nil)
		e.waitRetained(e.topics.Queue("BLD"), `"served_today":1`)
		if n := e.rec.Count("/events/"); n < 5 {
			t.Fatalf("only %d events seen on the bus", n)
		}
		for _, m := range e.rec.Messages() {
			if e.bad[string(m.Payload)] {
				continue // the test's own bad commands
			}
			if found := contract.FindPersonal(string(m.Payload)); len(found) > 0 {
				t.Errorf("%s carries %q", m.Topic, found)
			}
		}
	})
}

// sendBad sends a command the test knows to be bad, excused from the checks.
func (e *env) sendBad(t *testing.T, k *client.Commander, name string, args contract.Args) contract.Result {
	t.Helper()
	cmd, err := k.New(args)
	must(t, err)
	b, _ := json.Marshal(cmd)
	e.rec.Exempt(b)
	if e.bad == nil {
		e.bad = map[string]bool{}
	}
	e.bad[string(b)] = true
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := k.SendCommand(ctx, name, cmd)
	must(t, err)
	return res
}

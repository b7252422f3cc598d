package mqtt_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

func send(t *testing.T, k *client.Commander, name string, args any) contract.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := k.Send(ctx, name, args)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func mustOK(t *testing.T, k *client.Commander, name string, args any) contract.CommandResult {
	t.Helper()
	res := send(t, k, name, args)
	if !res.OK || res.Result == nil {
		t.Fatalf("%s: refused: %s %s", name, res.Code, res.Error)
	}
	return *res.Result
}

func TestCommandsDriveTheCounter(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		a1, a2 := e.issue("BLD"), e.issue("BLD")
		e.issue("SHOP")
		c1 := e.counter("ctr01")

		r := mustOK(t, c1, contract.CmdNext, nil)
		if r.Ticket != a1.Label || r.State != "called" || r.Reason != "fifo" {
			t.Fatalf("next: %+v", r)
		}
		e.waitRetained(e.topics.Serving(1), `"ticket":"`+a1.Label+`","service":"BLD","state":"called"`)
		mustOK(t, c1, contract.CmdRecall, nil)
		mustOK(t, c1, contract.CmdStart, nil)
		e.waitRetained(e.topics.Serving(1), `"state":"serving"`)
		if r := mustOK(t, c1, contract.CmdDone, nil); r.State != "done" {
			t.Fatalf("done: %+v", r)
		}
		e.waitRetained(e.topics.Serving(1), `"state":"idle"`)

		mustOK(t, c1, contract.CmdCall, contract.Args{Ticket: a2.Label, Reason: "returned", Note: "documents ready"})
		if r := mustOK(t, c1, contract.CmdTransfer, contract.Args{ToCounter: 3}); r.State != "waiting" {
			t.Fatalf("transfer: %+v", r)
		}
		c3 := e.counter("ctr03")
		if r := mustOK(t, c3, contract.CmdNext, nil); r.Ticket != a2.Label {
			t.Fatalf("counter 3 got %+v, want the transferred %s", r, a2.Label)
		}
		if r := mustOK(t, c3, contract.CmdHold, nil); r.State != "held" {
			t.Fatalf("hold: %+v", r)
		}
		a3 := e.issue("BLD")
		if r := mustOK(t, c3, contract.CmdNext, nil); r.Ticket != a3.Label {
			t.Fatalf("counter 3 after hold: %+v, want %s", r, a3.Label)
		}
		if r := mustOK(t, c3, contract.CmdNoShow, nil); r.State != "waiting" {
			t.Fatalf("no_show recycles once: %+v", r)
		}
		mustOK(t, c1, contract.CmdNext, nil) // B001 or the recycled A
		mustOK(t, c1, contract.CmdDone, nil)
		mustOK(t, c1, contract.CmdPause, contract.Args{Reason: "break"})
		e.waitRetained(e.topics.Serving(1), `"counter_state":"paused"`)
		mustOK(t, c1, contract.CmdResume, nil)
		mustOK(t, c1, contract.CmdClose, nil)
		e.waitRetained(e.topics.Serving(1), `"counter_state":"closed"`)
		e.waitRetained(e.topics.Queue("BLD"), `"served_today":1`)
	})
}

// refusal is one command that must be refused with code, changing nothing.
type refusal struct {
	name   string
	device string // commander's device (its credentials)
	target string // device in the topic ("" = device)
	cmd    string
	args   any
	raw    string        // raw payload instead of a command
	shift  time.Duration // issued_at shift
	ttl    time.Duration
	code   string
}

var refusals = []refusal{
	{name: "malformed JSON", device: "ctr01", cmd: "next", raw: `{"cmd_id": "x1", "actor": `, code: contract.CodeMalformed},
	{name: "unknown field", device: "ctr01", cmd: "next", raw: `{"cmd_id":"x2","actor":"a","issued_at":"2026-01-01T00:00:00.000Z","expires_at":"2026-01-01T00:00:10.000Z","national_id":"x"}`, code: contract.CodeMalformed},
	{name: "no expiry", device: "ctr01", cmd: "next", raw: `{"cmd_id":"x3","actor":"a"}`, code: contract.CodeMalformed},
	{name: "unknown command", device: "ctr01", cmd: "reboot", code: contract.CodeUnknownCommand},
	{name: "unknown counter device", device: "server", target: "ctr77", cmd: "next", code: contract.CodeUnknownCounter},
	{name: "display is no counter", device: "server", target: "hall1", cmd: "next", code: contract.CodeUnknownCounter},
	{name: "counter not in the engine", device: "ctr09", cmd: "next", code: contract.CodeUnknownCounter},
	{name: "counter device mismatch", device: "ctr01", cmd: "next", args: contract.Args{Counter: 2}, code: contract.CodeDeviceMismatch},
	{name: "wrong state: start twice", device: "ctr02", cmd: "start", code: contract.CodeWrongState},
	{name: "wrong state: close with a ticket", device: "ctr02", cmd: "close", code: contract.CodeWrongState},
	{name: "no current ticket", device: "ctr03", cmd: "recall", code: contract.CodeNoTicket},
	{name: "unknown ticket", device: "ctr01", cmd: "call", args: contract.Args{Ticket: "Z999", Reason: "r"}, code: contract.CodeUnknownTicket},
	{name: "call without reason", device: "ctr01", cmd: "call", args: contract.Args{Ticket: "A0001"}, code: contract.CodeReasonRequired},
	{name: "transfer nowhere", device: "ctr02", cmd: "transfer", args: contract.Args{ToService: "NOPE"}, code: contract.CodeUnknownService},
	{name: "pause without reason", device: "ctr01", cmd: "pause", code: contract.CodeReasonRequired},
	{name: "unknown argument", device: "ctr01", cmd: "next", args: map[string]any{"priority": "elderly"}, code: contract.CodeInvalidArgs},
	{name: "national ID in reason", device: "ctr01", cmd: "pause", args: contract.Args{Reason: "citizen 29001011234567"}, code: contract.CodePersonalData},
	{name: "phone in reason", device: "ctr01", cmd: "call", args: contract.Args{Ticket: "A0001", Reason: "call ٠١٠٠١٢٣٤٥٦٧"}, code: contract.CodePersonalData},
	{name: "national ID in note, dotted", device: "ctr01", cmd: "pause", args: contract.Args{Reason: "other", Note: "citizen 2900.1010.1234.56"}, code: contract.CodePersonalData},
	{name: "phone in note, full-width", device: "ctr01", cmd: "pause", args: contract.Args{Reason: "other", Note: "call ０１００  １２３  ４５６７"}, code: contract.CodePersonalData},
	{name: "free text as pause reason", device: "ctr01", cmd: "pause", args: contract.Args{Reason: "tea"}, code: contract.CodeInvalidArgs},
	{name: "free text as call reason", device: "ctr01", cmd: "call", args: contract.Args{Ticket: "A0001", Reason: "documents ready"}, code: contract.CodeInvalidArgs},
	{name: "expired", device: "ctr01", cmd: "next", shift: -time.Minute, ttl: 30 * time.Second, code: contract.CodeExpired},
	{name: "issued in the future", device: "ctr01", cmd: "next", shift: time.Minute, code: contract.CodeClockSkew},
	{name: "lives too long", device: "ctr01", cmd: "next", ttl: time.Hour, code: contract.CodeTTLTooLong},
	{name: "no actor", device: "ctr01", cmd: "next", raw: `{"cmd_id":"x5","issued_at":"2026-01-01T00:00:00.000Z","expires_at":"2026-01-01T00:00:10.000Z"}`, code: contract.CodeMalformed},
	{name: "empty actor", device: "ctr01", cmd: "next", raw: `{"cmd_id":"x6","actor":"","issued_at":"2026-01-01T00:00:00.000Z","expires_at":"2026-01-01T00:00:10.000Z"}`, code: contract.CodeMalformed},
	{name: "no cmd_id", device: "ctr01", cmd: "next", raw: `{"actor":"a","issued_at":"2026-01-01T00:00:00.000Z","expires_at":"2026-01-01T00:00:10.000Z"}`, code: contract.CodeBadCmdID},
}

func TestCommandRefusalsChangeNothing(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		e.issue("BLD")
		e.issue("SHOP")
		c2 := e.counter("ctr02")
		mustOK(t, c2, contract.CmdNext, nil)
		mustOK(t, c2, contract.CmdStart, nil)
		cmdrs := map[string]*client.Commander{}
		for _, r := range refusals {
			t.Run(r.name, func(t *testing.T) {
				k := cmdrs[r.device+r.target]
				if k == nil {
					k = e.commander(r.device, r.target)
					cmdrs[r.device+r.target] = k
				}
				before := e.snapshot()
				res := e.refuse(t, k, r)
				if res.OK || res.Code != r.code || res.Error == "" || res.Result != nil {
					t.Fatalf("got %+v, want refusal %s", res, r.code)
				}
				if after := e.snapshot(); !reflect.DeepEqual(before, after) {
					t.Fatalf("state changed:\nbefore %+v\nafter  %+v", before, after)
				}
			})
		}
	})
}

// commander sends as device to the commands of target.
func (e *env) commander(device, target string) *client.Commander {
	if target == "" {
		target = device
	}
	k, err := client.NewCommander(e.client(e.url, device), center, target, "clerk-7")
	if err != nil {
		e.t.Fatal(err)
	}
	k.SetClock(e.clock)
	return k
}

func (e *env) refuse(t *testing.T, k *client.Commander, r refusal) contract.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if r.raw != "" {
		var probe struct {
			CmdID string `json:"cmd_id"`
		}
		id := contract.MalformedID
		if json.Unmarshal([]byte(r.raw), &probe) == nil && probe.CmdID != "" {
			id = probe.CmdID
		}
		e.rec.Exempt([]byte(r.raw))
		b, err := k.SendRaw(ctx, r.cmd, []byte(r.raw), id)
		if err != nil {
			t.Fatal(err)
		}
		var res contract.Result
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	cmd, err := k.New(r.args)
	if err != nil {
		t.Fatal(err)
	}
	now := e.clock.Now().Add(r.shift)
	cmd.IssuedAt, cmd.ExpiresAt = contract.At(now), contract.At(now.Add(orDur(r.ttl, 30*time.Second)))
	if r.code == contract.CodeInvalidArgs || r.code == contract.CodePersonalData {
		b, _ := json.Marshal(cmd)
		e.rec.Exempt(b) // bad on purpose
	}
	res, err := k.SendCommand(ctx, r.cmd, cmd)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCommandIdempotency(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		e.issue("BLD")
		e.issue("BLD")
		k := e.counter("ctr01")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		cmd, _ := k.New(nil)
		first, err := k.SendCommand(ctx, contract.CmdNext, cmd)
		if err != nil || !first.OK {
			t.Fatalf("first: %+v %v", first, err)
		}
		before := e.snapshot()
		again, err := k.SendCommand(ctx, contract.CmdNext, cmd)
		if err != nil || !reflect.DeepEqual(first, again) {
			t.Fatalf("replay answered %+v, want the original %+v (%v)", again, first, err)
		}
		if after := e.snapshot(); !reflect.DeepEqual(before, after) {
			t.Fatal("a replayed command ran again")
		}
		other := cmd
		other.Args = json.RawMessage(`{"counter":1}`)
		res, err := k.SendCommand(ctx, contract.CmdNext, other)
		if err != nil || res.OK || res.Code != contract.CodeReused {
			t.Fatalf("cmd_id reused with another payload: %+v %v", res, err)
		}
		if after := e.snapshot(); !reflect.DeepEqual(before, after) {
			t.Fatal("a reused cmd_id ran")
		}
		e.clock.mu.Lock()
		e.clock.offset = time.Hour // the replay comes back long after expiry: still the original answer
		e.clock.mu.Unlock()
		if again, _ := k.SendCommand(ctx, contract.CmdNext, cmd); !reflect.DeepEqual(first, again) {
			t.Fatalf("late replay answered %+v", again)
		}
	})
}

// A counter's credentials cannot command another counter: the broker
// refuses the publish (mosquitto PUBACKs it and drops it), so nothing
// changes and no answer comes.
func TestCounterCannotCommandAnother(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		e.issue("SHOP")
		before := e.snapshot()
		answers := make(chan client.Message, 8)
		spy := e.client(e.url, "server")
		if err := spy.Handle(e.topics.ResFor("ctr02"), 1, func(m client.Message) { answers <- m }); err != nil {
			t.Fatal(err)
		}
		intruder := e.client(e.url, "ctr01")
		cmd := contract.Command{CmdID: client.NewID(), Actor: "x", IssuedAt: contract.At(e.clock.Now()),
			ExpiresAt: contract.At(e.clock.Now().Add(time.Minute))}
		b, _ := json.Marshal(cmd)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = intruder.PublishWait(ctx, client.Message{Topic: e.topics.Cmd("ctr02", "next"), Payload: b, QoS: 1})
		display := e.client(e.url, "hall1")
		_ = display.PublishWait(ctx, client.Message{Topic: e.topics.Cmd("hall1", "next"), Payload: b, QoS: 1})
		select {
		case m := <-answers:
			t.Fatalf("the appliance answered a forbidden command: %s", m.Payload)
		case <-time.After(time.Second):
		}
		if after := e.snapshot(); !reflect.DeepEqual(before, after) {
			t.Fatal("a forbidden command changed the state")
		}
		// Nor can it read another counter's answers: the broker refuses
		// the subscription or grants it and delivers nothing.
		eaves := e.client(e.url, "ctr01")
		leaked := make(chan client.Message, 8)
		_ = eaves.Handle(e.topics.ResFor("ctr02"), 1, func(m client.Message) { leaked <- m })
		mustOK(t, e.counter("ctr02"), contract.CmdNext, nil)
		select {
		case m := <-leaked:
			t.Fatalf("ctr01 read ctr02's answer %s", m.Payload)
		case <-time.After(300 * time.Millisecond):
		}
	})
}

// The contract lists the reason codes the engine takes.
func TestReasonCodesMatchTheEngine(t *testing.T) {
	if !reflect.DeepEqual(contract.PauseReasons, queue.PauseReasons) || !reflect.DeepEqual(contract.CallReasons, queue.CallReasons) {
		t.Fatalf("contract %v %v, engine %v %v", contract.PauseReasons, contract.CallReasons, queue.PauseReasons, queue.CallReasons)
	}
	if !reflect.DeepEqual(contract.RatingReasons, queue.RatingReasons) || contract.MaxRatingReasons != queue.MaxRatingReasons {
		t.Fatalf("rating reasons: contract %v (at most %d), engine %v (at most %d)",
			contract.RatingReasons, contract.MaxRatingReasons, queue.RatingReasons, queue.MaxRatingReasons)
	}
}

// The audit trail names the device that issued a command, the command's
// id and its actor in the details of each event the command made.
func TestCommandEventsNameTheDevice(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		before := len(allEvents(t, e.eng))
		c1 := e.counter("ctr01")
		k, err := c1.New(contract.Args{Reason: "break"})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if res, err := c1.SendCommand(ctx, contract.CmdPause, k); err != nil || !res.OK {
			t.Fatalf("pause: %+v %v", res, err)
		}
		evs := allEvents(t, e.eng)[before:]
		if len(evs) != 1 {
			t.Fatalf("%d events, want 1", len(evs))
		}
		want := `{"issued_by":"ctr01","cmd_id":"` + k.CmdID + `","actor":"clerk-ctr01","from":"open","to":"paused"}`
		if evs[0].Data != want {
			t.Fatalf("event data %s, want %s", evs[0].Data, want)
		}
		if rep, err := e.eng.Verify(e.ctx); err != nil || !rep.OK() {
			t.Fatalf("audit chain: %+v %v", rep, err)
		}
	})
}

// The web console sends any counter's commands on its own topics, naming
// the counter; the audit trail names the console as the issuer and the
// signed-in person as the actor. Without a counter it is refused.
func TestConsoleCommandsNameTheConsoleAndThePerson(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		k, err := client.NewCommander(e.client(e.url, "con1"), center, "con1", "mona")
		if err != nil {
			t.Fatal(err)
		}
		k.SetClock(e.clock)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if res, err := k.Send(ctx, contract.CmdPause, contract.Args{Reason: "break"}); err != nil || res.Code != contract.CodeInvalidArgs {
			t.Fatalf("pause without a counter: %+v %v", res, err)
		}
		before := len(allEvents(t, e.eng))
		c, err := k.New(contract.Args{Counter: 2, Reason: "break"})
		if err != nil {
			t.Fatal(err)
		}
		if res, err := k.SendCommand(ctx, contract.CmdPause, c); err != nil || !res.OK {
			t.Fatalf("pause counter 2: %+v %v", res, err)
		}
		evs := allEvents(t, e.eng)[before:]
		if len(evs) != 1 {
			t.Fatalf("%d events, want 1", len(evs))
		}
		want := `{"issued_by":"con1","cmd_id":"` + c.CmdID + `","actor":"mona","from":"open","to":"paused"}`
		if evs[0].Data != want || evs[0].Counter != 2 {
			t.Fatalf("event %+v, want data %s on counter 2", evs[0], want)
		}
	})
}

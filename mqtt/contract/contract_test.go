package contract_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tabour/mqtt/contract"
)

const center = "ism-fayed"

func TestTopics(t *testing.T) {
	tp := contract.Topics{Center: center}
	cases := map[string]string{
		tp.Status("kiosk1"):        "tabour/v1/ism-fayed/status/kiosk1",
		tp.Health("kiosk1"):        "tabour/v1/ism-fayed/health/kiosk1",
		tp.Queue("BLD-PERMIT"):     "tabour/v1/ism-fayed/queue/BLD-PERMIT",
		tp.Serving(4):              "tabour/v1/ism-fayed/serving/4",
		tp.Hall():                  "tabour/v1/ism-fayed/hall",
		tp.Events("kiosk1"):        "tabour/v1/ism-fayed/events/kiosk1",
		tp.Ack("kiosk1"):           "tabour/v1/ism-fayed/ack/kiosk1",
		tp.Cmd("ctr04", "next"):    "tabour/v1/ism-fayed/cmd/ctr04/next",
		tp.Res("ctr04", "abc"):     "tabour/v1/ism-fayed/res/ctr04/abc",
		tp.ConfigDesired("hall1"):  "tabour/v1/ism-fayed/config/hall1/desired",
		tp.ConfigReported("hall1"): "tabour/v1/ism-fayed/config/hall1/reported",
		tp.AllCmds():               "tabour/v1/ism-fayed/cmd/+/+",
		tp.ResFor("ctr04"):         "tabour/v1/ism-fayed/res/ctr04/+",
		contract.AllEvents:         "tabour/v1/+/events/+",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if tpc, ok := contract.ParseTopic(tp.Cmd("ctr04", "next")); !ok || tpc != (contract.Topic{Center: center, Kind: "cmd", Key: "ctr04", Sub: "next"}) {
		t.Errorf("parse cmd: %+v %v", tpc, ok)
	}
	if tpc, ok := contract.ParseTopic(tp.Hall()); !ok || tpc != (contract.Topic{Center: center, Kind: "hall"}) {
		t.Errorf("parse hall: %+v %v", tpc, ok)
	}
	for _, bad := range []string{"tabour/v1/x", "tabour/v1/x/nothall", "tabour/v1/x/hall/1", "tabour/v2/x/status/a", "tabour/v1/x/status/a/b", "tabour/v1/x/cmd/a", "tabour/v1/x/status/+"} {
		if _, ok := contract.ParseTopic(bad); ok {
			t.Errorf("parsed %q", bad)
		}
	}
}

func TestPersonalShapes(t *testing.T) {
	found := map[string]int{
		"29001011234567":               1, // national ID
		"id ٢٩٠٠١٠١١٢٣٤٥٦٧ here":       1, // in Arabic-Indic digits
		"call 01001234567":             1,
		"+20 100 123 4567":             1,
		"00201001234567":               1,
		`"seq":12345678901234`:         0, // starts with 1: not an ID
		"hash ab29001011234567cd":      0, // inside a hex word
		"2026-11-22T09:00:00.000Z":     0,
		"0000000000000000000000000000": 0,
	}
	for s, n := range found {
		if got := contract.FindPersonal(s); len(got) != n {
			t.Errorf("FindPersonal(%q) = %q", s, got)
		}
	}
	if !contract.LooksPersonal("my phone 010-0123-4567") || contract.LooksPersonal("break, back 10:30 on 2026-11-22") {
		t.Error("LooksPersonal")
	}
}

func TestTimeFormat(t *testing.T) {
	at := contract.At(time.Date(2026, 11, 22, 9, 5, 7, 123456789, time.FixedZone("EET", 7200)))
	b, _ := json.Marshal(struct {
		T contract.Time `json:"t"`
		Z contract.Time `json:"z,omitzero"`
	}{T: at})
	if string(b) != `{"t":"2026-11-22T07:05:07.123Z"}` {
		t.Fatalf("got %s", b)
	}
	var back struct{ T contract.Time }
	if err := json.Unmarshal([]byte(`{"T":"2026-11-22T09:05:07.1+02:00"}`), &back); err != nil || !back.T.Equal(at.Truncate(100*time.Millisecond)) {
		t.Fatalf("parse: %v %v", back.T, err)
	}
}

// An event's hash is the one the appliance computed (the value pinned
// here, and in package mqtt against the engine's own); any change to a
// hashed field or to prev_hash breaks it.
func TestEventHash(t *testing.T) {
	ev := contract.Event{EventID: "0190a1b2-c3d4-7e5f-8a6b-00000000000a", Seq: 1, Device: "kiosk1", BootID: "boot",
		Type: "ticket.issued", TicketID: 7, Ticket: "A001", Service: "BLD", Data: `{"kind":"submit"}`,
		At: contract.At(time.Date(2026, 11, 22, 9, 0, 0, 0, time.FixedZone("EET", 7200))), PrevHash: strings.Repeat("0", 64),
		Hash: "57879ed8d0056de84bc4f259f7f9249054a31227b0a644859c1450cd626fc9f1"}
	if got := ev.ComputeHash(); got != ev.Hash || !ev.HashOK() {
		t.Fatalf("hash %s, want %s", got, ev.Hash)
	}
	for name, change := range map[string]func(e *contract.Event){
		"seq": func(e *contract.Event) { e.Seq = 2 }, "event_id": func(e *contract.Event) { e.EventID += "b" },
		"device": func(e *contract.Event) { e.Device = "kiosk2" }, "boot_id": func(e *contract.Event) { e.BootID = "b" },
		"type": func(e *contract.Event) { e.Type = "ticket.called" }, "ticket_id": func(e *contract.Event) { e.TicketID = 8 },
		"ticket": func(e *contract.Event) { e.Ticket = "A999" }, "service": func(e *contract.Event) { e.Service = "SHOP" },
		"counter": func(e *contract.Event) { e.Counter = 1 }, "reason": func(e *contract.Event) { e.Reason = "x" },
		"data": func(e *contract.Event) { e.Data = `{}` }, "prev_hash": func(e *contract.Event) { e.PrevHash = "" },
		"at": func(e *contract.Event) { e.At = contract.At(e.At.Add(time.Millisecond)) },
	} {
		e := ev
		change(&e)
		if e.HashOK() {
			t.Errorf("a changed %s keeps the hash", name)
		}
	}
}

func TestStatusAlive(t *testing.T) {
	beat := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	st := contract.Status{State: contract.Online, BootID: "b", Version: "1", Since: contract.At(beat.Add(-time.Hour)),
		HeartbeatAt: contract.At(beat), EveryS: 5}
	for _, c := range []struct {
		after time.Duration
		alive bool
	}{{0, true}, {5 * time.Second, true}, {14 * time.Second, true}, {15 * time.Second, true},
		{15*time.Second + time.Millisecond, false}, {time.Hour, false}} {
		if got := st.Alive(beat.Add(c.after)); got != c.alive {
			t.Errorf("%v after the heartbeat: Alive = %v, want %v", c.after, got, c.alive)
		}
	}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var back contract.Status
	if err := json.Unmarshal(b, &back); err != nil || back != st {
		t.Fatalf("round trip of %s: %+v, %v", b, back, err)
	}
	noBeat := contract.Status{State: contract.Online, Since: contract.At(beat)}
	if !noBeat.Alive(beat.Add(24 * time.Hour)) {
		t.Error("a device that does not beat is taken at its state")
	}
	for _, state := range []string{contract.Offline, contract.Lost} {
		st := st
		st.State = state
		if st.Alive(beat) {
			t.Errorf("%s is alive", state)
		}
	}
	if b, _ := json.Marshal(noBeat); strings.Contains(string(b), "heartbeat") || strings.Contains(string(b), "every_s") {
		t.Errorf("a status without heartbeat writes %s", b)
	}
}

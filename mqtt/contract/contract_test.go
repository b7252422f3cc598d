package contract_test

import (
	"encoding/json"
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
	for _, bad := range []string{"tabour/v1/x", "tabour/v2/x/status/a", "tabour/v1/x/status/a/b", "tabour/v1/x/cmd/a", "tabour/v1/x/status/+"} {
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

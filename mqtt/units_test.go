package mqtt_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/auth"
)

func TestTopics(t *testing.T) {
	tp := mqtt.Topics{Center: center}
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
		mqtt.AllEvents:             "tabour/v1/+/events/+",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if tpc, ok := mqtt.ParseTopic(tp.Cmd("ctr04", "next")); !ok || tpc != (mqtt.Topic{Center: center, Kind: "cmd", Key: "ctr04", Sub: "next"}) {
		t.Errorf("parse cmd: %+v %v", tpc, ok)
	}
	for _, bad := range []string{"tabour/v1/x", "tabour/v2/x/status/a", "tabour/v1/x/status/a/b", "tabour/v1/x/cmd/a", "tabour/v1/x/status/+"} {
		if _, ok := mqtt.ParseTopic(bad); ok {
			t.Errorf("parsed %q", bad)
		}
	}
}

func TestFilterCovers(t *testing.T) {
	cases := []struct {
		filter, sub string
		want        bool
	}{
		{"a/b/#", "a/b/c", true},
		{"a/b/#", "a/b", true},
		{"a/b/#", "a/b/+", true},
		{"a/b/#", "a/b/#", true},
		{"a/b/#", "a/#", false},
		{"a/b/#", "a/+/c", false},
		{"a/+/c", "a/b/c", true},
		{"a/+/c", "a/+/c", true},
		{"a/+/c", "a/#", false},
		{"a/b/c", "a/b/c", true},
		{"a/b/c", "a/b/c/d", false},
		{"#", "$SYS/x", false},
	}
	for _, c := range cases {
		if got := auth.FilterCovers(c.filter, c.sub); got != c.want {
			t.Errorf("FilterCovers(%q, %q) = %v", c.filter, c.sub, got)
		}
	}
}

func TestRules(t *testing.T) {
	reg, _, _ := registry(t)
	p := "tabour/v1/ism-fayed/"
	cases := []struct {
		user, topic string
		write, want bool
	}{
		{"ctr01", p + "cmd/ctr01/next", true, true},
		{"ctr01", p + "cmd/ctr02/next", true, false},
		{"ctr01", p + "serving/#", false, true},
		{"ctr01", p + "queue/BLD", false, true},
		{"ctr01", p + "status/+", false, true},
		{"ctr01", p + "res/ctr01/+", false, true},
		{"ctr01", p + "res/ctr02/+", false, false},
		{"ctr01", p + "res/+/+", false, false},
		{"ctr01", p + "#", false, false},
		{"ctr01", p + "events/kiosk1", false, false},
		{"ctr01", p + "serving/1", true, false},
		{"ctr01", p + "status/ctr01", true, true}, // its own will
		{"ctr01", "tabour/v1/other/cmd/ctr01/next", true, false},
		{"hall1", p + "serving/#", false, true},
		{"hall1", p + "cmd/hall1/next", true, false},
		{"hall1", p + "serving/1", true, false},
		{"server", "$share/g/tabour/v1/+/events/+", false, true},
		{"server", "tabour/v1/x/ack/kiosk1", true, true},
		{"appliance", p + "serving/1", true, true},
		{"appliance", "tabour/v1/other/serving/1", true, false},
		{"nobody", p + "serving/#", false, false},
	}
	for _, c := range cases {
		if got := reg.Allow(c.user, c.topic, c.write); got != c.want {
			t.Errorf("Allow(%s, %s, write=%v) = %v", c.user, c.topic, c.write, got)
		}
	}
	if !reg.Authenticate("ctr01", []byte("pw-ctr01")) || reg.Authenticate("ctr01", []byte("pw-ctr02")) || reg.Authenticate("x", nil) {
		t.Error("Authenticate")
	}
	acl := reg.MosquittoACL()
	for _, want := range []string{"user ctr01\n", "topic write tabour/v1/ism-fayed/cmd/ctr01/#\n",
		"topic read tabour/v1/ism-fayed/res/ctr01/#\n", "user server\ntopic readwrite tabour/v1/#\n"} {
		if !strings.Contains(acl, want) {
			t.Errorf("mosquitto ACL lacks %q:\n%s", want, acl)
		}
	}
}

func TestRegistryRefusesBadDevices(t *testing.T) {
	h := auth.HashPassword("x")
	for _, devs := range [][]auth.Device{
		{{ID: "a/b", Role: auth.RoleDisplay, PasswordSHA256: h}},
		{{ID: "c1", Role: auth.RoleCounter, PasswordSHA256: h}},
		{{ID: "c1", Role: "boss", PasswordSHA256: h}},
		{{ID: "c1", Role: auth.RoleDisplay, PasswordSHA256: "short"}},
		{{ID: "c1", Role: auth.RoleDisplay, PasswordSHA256: h}, {ID: "c1", Role: auth.RoleDisplay, PasswordSHA256: h}},
	} {
		if _, err := auth.NewRegistry(center, devs); err == nil {
			t.Errorf("accepted %+v", devs)
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
		if got := mqtt.FindPersonal(s); len(got) != n {
			t.Errorf("FindPersonal(%q) = %q", s, got)
		}
	}
	if !mqtt.LooksPersonal("my phone 010-0123-4567") || mqtt.LooksPersonal("break, back 10:30 on 2026-11-22") {
		t.Error("LooksPersonal")
	}
}

func TestTimeFormat(t *testing.T) {
	at := mqtt.At(time.Date(2026, 11, 22, 9, 5, 7, 123456789, time.FixedZone("EET", 7200)))
	b, _ := json.Marshal(struct {
		T mqtt.Time `json:"t"`
		Z mqtt.Time `json:"z,omitzero"`
	}{T: at})
	if string(b) != `{"t":"2026-11-22T07:05:07.123Z"}` {
		t.Fatalf("got %s", b)
	}
	var back struct{ T mqtt.Time }
	if err := json.Unmarshal([]byte(`{"T":"2026-11-22T09:05:07.1+02:00"}`), &back); err != nil || !back.T.Equal(at.Truncate(100*time.Millisecond)) {
		t.Fatalf("parse: %v %v", back.T, err)
	}
}

package mqtt_test

import (
	"bytes"
	"testing"

	"tabour/mqtt/auth"
)

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
	reg, _ := registry(t)
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
		{"kiosk1", p + "serving/1", true, true},
		{"kiosk1", "tabour/v1/other/serving/1", true, false},
		{"kiosk1", p + "ack/kiosk1", true, false}, // only the server acknowledges
		{"kiosk1", p + "ack/kiosk1", false, true},
		{"ctr01", p + "ack/kiosk1", true, false},
		{"server", p + "ack/kiosk1", true, true},
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
	f := reg.File(0).Marshal()
	back, max, err := auth.DecodeFile(bytes.NewReader(f))
	if err != nil {
		t.Fatalf("the devices file does not read back: %v\n%s", err, f)
	}
	if max != auth.DefaultMaxSessions || back.Center() != reg.Center() || len(back.Devices()) != len(reg.Devices()) {
		t.Errorf("the devices file reads back as center %s, %d devices, max %d:\n%s", back.Center(), len(back.Devices()), max, f)
	}
	if bytes.Contains(f, []byte("pw-")) {
		t.Errorf("the devices file holds a clear password:\n%s", f)
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

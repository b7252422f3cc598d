package ctl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tabour/mqtt/auth"
)

// tabourctl mosquitto writes the plugin's devices file from the config:
// the listed devices and the appliance's credential on the center's
// broker, hashed, readable back by the plugin; a center on the embedded
// broker is told it needs none.
func TestMosquittoDevicesFile(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "tabour.json")
	write := func(mqtt string) {
		body := `{"center": {"code": "c1"}, "device": "kiosk1", "data_dir": "` + dir + `", "mqtt": ` + mqtt + `}`
		if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	hall := `{"id": "hall1", "role": "display", "password_sha256": "` + auth.HashPassword("secret-hall") + `"}`
	write(`{"external": "tcp://127.0.0.1:1883", "username": "kiosk1", "password": "secret-kiosk", "max_sessions": 3, "devices": [` + hall + `]}`)
	s := &session{t: t, db: filepath.Join(dir, "tabour.db")}
	out := filepath.Join(dir, "tabour-devices.json")
	said := s.ok("--config", conf, "mosquitto", "--out", out)
	if !strings.Contains(said, "plugin_opt_devices "+out) || !strings.Contains(said, "2 devices") {
		t.Errorf("tabourctl mosquitto said:\n%s", said)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "secret") {
		t.Errorf("the devices file holds a clear password:\n%s", data)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o640 {
		t.Errorf("the devices file is %v, want 0640", fi.Mode().Perm())
	}
	reg, max, err := auth.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if max != 3 || !reg.Authenticate("kiosk1", []byte("secret-kiosk")) || !reg.Authenticate("hall1", []byte("secret-hall")) {
		t.Errorf("the devices file reads back as max %d:\n%s", max, data)
	}
	if printed := s.ok("--config", conf, "mosquitto"); printed != string(data) {
		t.Errorf("without --out it printed:\n%s\nnot the file:\n%s", printed, data)
	}
	write(`{"devices": [` + hall + `]}`)
	if said := s.fails(1, "--config", conf, "mosquitto"); !strings.Contains(said, "embedded broker") {
		t.Errorf("on the embedded broker it said: %s", said)
	}
	write(`{"external": "tcp://127.0.0.1:1883", "devices": [` + hall + `]}`)
	if said := s.fails(1, "--config", conf, "mosquitto"); !strings.Contains(said, "mqtt.username and mqtt.password") {
		t.Errorf("without the appliance's credential it said: %s", said)
	}
}

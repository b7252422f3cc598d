package config_test

import (
	"strings"
	"testing"

	"tabour/config"
	"tabour/lang"
)

// The display section: defaults, and every bad value refused naming its
// field.
func TestDisplaySection(t *testing.T) {
	c, err := config.Decode(strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if d := c.Display; len(d.Languages) != 2 || d.Languages[0] != lang.AR || d.Letters != config.LettersEnglish || d.Monitor != "" {
		t.Errorf("defaults: %+v", d)
	}
	if c.DisplayAppliance() != c.Device {
		t.Errorf("the display follows %q, not the device %q", c.DisplayAppliance(), c.Device)
	}
	c, err = config.Decode(strings.NewReader(`{"display": {"monitor": "HDMI-2", "kiosk_monitor": "1", "languages": ["en"],
		"ticker": {"ar": "مواعيد العمل", "en": "Opening hours"}, "letters": "arabic", "audio": "plughw:1,0",
		"broker": "tcp://10.0.0.2:1883", "username": "hall1", "password": "x", "appliance": "kiosk2"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Display.Monitor != "HDMI-2" || c.DisplayAppliance() != "kiosk2" || c.Display.Ticker.EN != "Opening hours" {
		t.Errorf("read as %+v", c.Display)
	}
	for _, bad := range []struct{ json, field string }{
		{`{"monitor": "HDMI 2"}`, "display.monitor"},
		{`{"monitor": "2", "kiosk_monitor": "2"}`, "display.monitor"},
		{`{"languages": []}`, "display.languages"},
		{`{"languages": ["en", "ar"]}`, "display.languages"},
		{`{"languages": ["fr"]}`, "display.languages"},
		{`{"ticker": {"ar": "x", "en": " "}}`, "display.ticker.en"},
		{`{"closed": {"ar": "x", "en": "a\u0007"}}`, "display.closed.en"},
		{`{"letters": "latin"}`, "display.letters"},
		{`{"audio": "hw:1; rm -rf /"}`, "display.audio"},
		{`{"broker": "http://x"}`, "display.broker"},
		{`{"username": "hall1"}`, "display.username"},
		{`{"username": "Hall 1", "password": "x"}`, "display.username"},
		{`{"appliance": "../x"}`, "display.appliance"},
		{`{"colour": "red"}`, `unknown field "colour"`},
	} {
		_, err := config.Decode(strings.NewReader(`{"display": ` + bad.json + `}`))
		if err == nil || !strings.Contains(err.Error(), bad.field) {
			t.Errorf("%s: %v, want an error naming %s", bad.json, err, bad.field)
		}
	}
}

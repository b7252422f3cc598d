package config_test

import (
	"strings"
	"testing"

	"tabour/config"
)

// The console section: defaults, and every bad value refused naming its
// field.
func TestConsoleSection(t *testing.T) {
	c, err := config.Decode(strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Console.Disabled || c.ConsoleListen(true) != "127.0.0.1:8080" || c.ConsoleListen(false) != ":8080" {
		t.Errorf("defaults: %+v %s %s", c.Console, c.ConsoleListen(true), c.ConsoleListen(false))
	}
	c, err = config.Decode(strings.NewReader(`{"console": {"listen": "10.0.0.5:8443", "cert_file": "/etc/tabour/cert.pem", "key_file": "/etc/tabour/key.pem"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.ConsoleListen(true) != "10.0.0.5:8443" || c.Console.KeyFile != "/etc/tabour/key.pem" {
		t.Errorf("read as %+v", c.Console)
	}
	for _, bad := range []struct{ json, field string }{
		{`{"listen": "8080"}`, "console.listen"},
		{`{"listen": ":http"}`, "console.listen"},
		{`{"listen": ":0"}`, "console.listen"},
		{`{"listen": ":70000"}`, "console.listen"},
		{`{"listen": "bad host:80"}`, "console.listen"},
		{`{"cert_file": "/etc/tabour/cert.pem"}`, "console.cert_file"},
		{`{"key_file": "/etc/tabour/key.pem"}`, "console.cert_file"},
		{`{"cert_file": " ", "key_file": "k"}`, "console.cert_file"},
		{`{"port": 80}`, `unknown field "port"`},
	} {
		_, err := config.Decode(strings.NewReader(`{"console": ` + bad.json + `}`))
		if err == nil || !strings.Contains(err.Error(), bad.field) {
			t.Errorf("%s: %v, want an error naming %s", bad.json, err, bad.field)
		}
	}
}

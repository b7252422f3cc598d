package config

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func FuzzDecode(f *testing.F) {
	if data, err := os.ReadFile("../tabour.example.json"); err == nil {
		f.Add(data)
	}
	if data, err := Marshal(Default()); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		`{}`,
		`{"qeue": {}}`,
		`{"queue": {"priority_every": "3", "number_max": 1e3}}`,
		`{"services": ["INQUIRY", "COLLECT"], "kiosk": {"digits": "western", "idle_timeout": "90s"}}`,
		`{"counters": [{"number": 7, "label": {"ar": "شباك 7", "en": "Window 7"}, "services": [{"code": "COLLECT", "weight": 0}]}], "services": ["COLLECT"]}`,
		`{"center": {"name": {"ar": "مركز", "en": "Center"}, "timezone": "UTC"}, "queue": {"day_start": "4h", "dedup_window": "0s"}}`,
		`{"catalog": "testdata/catalog.json"}`,
		`{"kiosk": {"ticket_base_url": "https://tabour.example/t/"}} x`,
		`{"device": "a", "device": "b"}`,
		`{"catalog": "\n"}`,
		"\ufeff{\"national_id\": {\"check_digit\": \"strict\"}}",
		`{"mqtt": {"listen": "127.0.0.1:1884", "devices": [{"id": "ctr1", "role": "counter"}], "upstream": {"url": "x"}}}`,
		`{"mqtt": null, "queue": null}`,
		`{"mqtt": {"a": 1, "a": 2}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Decode(bytes.NewReader(data))
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "config: ") {
					t.Fatalf("error line %q lacks the config: prefix", line)
				}
			}
			return
		}
		checkAccepted(t, c)
	})
}

// checkAccepted checks what must hold of any config Decode accepts.
func checkAccepted(t *testing.T, c Config) {
	t.Helper()
	// QueueOptions validates the config first.
	if _, err := c.QueueOptions(); err != nil {
		t.Fatalf("accepted config does not validate: %v", err)
	}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("re-decoding %s: %v", out, err)
	}
	if !reflect.DeepEqual(again, c) {
		t.Fatalf("round trip changed the config:\n%+v\n%+v", c, again)
	}
}

package mqtt_test

import (
	"errors"
	"strings"
	"testing"

	"tabour/mqtt"
	"tabour/mqtt/auth"
)

// Validate names each refused setting by its path in the config file's
// mqtt section, and reports them all.
func TestValidateNamesTheField(t *testing.T) {
	cfg := mqtt.Config{Center: "ism-fayed", Device: "kiosk1",
		Broker:   mqtt.BrokerConfig{Listen: "1883"},
		Upstream: mqtt.UpstreamConfig{URL: "http//server"},
		Devices: []auth.Device{
			{ID: "ctr1", Role: auth.RoleCounter, Counter: 1, PasswordSHA256: auth.HashPassword("x")},
			{ID: "ctr2", Role: "clerk", PasswordSHA256: auth.HashPassword("y")},
			{ID: "ctr1", Role: auth.RoleCounter, Counter: 1, PasswordSHA256: auth.HashPassword("z")},
		},
		NotifyAhead: 99, CommandRate: -1, CommandBurst: 5000, MaxSessions: -2,
	}
	err := cfg.Validate()
	if !errors.Is(err, mqtt.ErrConfig) {
		t.Fatalf("error %v does not match ErrConfig", err)
	}
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *mqtt.FieldError
		if !errors.As(e, &fe) {
			t.Fatalf("%v is not a FieldError", e)
		}
		fields = append(fields, fe.Field())
	}
	if got := strings.Join(fields, " "); got != "listen upstream.url notify_ahead command_rate command_burst max_sessions devices[1] devices[2].id" {
		t.Errorf("fields %q\n%v", got, err)
	}
	if mqtt.DefaultConfig().Validate() == nil {
		t.Error("a config without center and device validates")
	}
}

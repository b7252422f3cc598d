package appliance_test

import (
	"context"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"tabour/appliance"
	"tabour/config"
)

// simulated is the default center with its data in a temporary directory
// and mqtt as the config file's mqtt section.
func simulated(t *testing.T, mqtt string) config.Config {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.MQTT = jsontext.Value(mqtt)
	return cfg
}

// onFreePort is the mqtt section of a center whose embedded broker listens
// on a free loopback port.
const onFreePort = `{"listen": "127.0.0.1:0"}`

// with runs a simulated appliance on cfg with body as its UI: Run starts
// the parts, body runs on the test's goroutine, and Run stops the parts
// when body returns (or fails the test). It returns Run's error.
func with(cfg config.Config, opts appliance.Options, body func(ctx context.Context, a *appliance.Appliance)) error {
	opts.Config, opts.Simulate = cfg, true
	opts.UI = func(ctx context.Context, a *appliance.Appliance) error {
		body(ctx, a)
		return nil
	}
	return appliance.Run(context.Background(), opts)
}

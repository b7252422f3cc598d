package appliance

import (
	"testing"

	"tabour/config"
)

// The example config's mqtt section decodes into the bus's configuration
// and passes its checks.
func TestExampleBusSection(t *testing.T) {
	cfg, err := config.Load("../tabour.example.json")
	if err != nil {
		t.Fatal(err)
	}
	mc, err := busConfig(cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	if mc.Broker.Listen != ":1883" || mc.Upstream.URL != "ssl://workflow.example:8883" || len(mc.Devices) != 1 ||
		mc.Devices[0].Counter != 1 || mc.NotifyAhead != 3 || mc.Center != "ism-qantara-gharb" {
		t.Errorf("bus config %+v", mc)
	}
}

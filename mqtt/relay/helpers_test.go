package relay_test

import (
	"context"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"tabour/lang"
	"tabour/mqtt/auth"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

const center = "ism-fayed"

var services = []queue.Service{
	{Code: "BLD", Prefix: "A", Name: lang.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"}, TargetWaitMin: 30, AvgServiceMin: 10},
	{Code: "SHOP", Prefix: "B", Name: lang.Text{AR: "ترخيص تشغيل محل", EN: "Shop licence"}, TargetWaitMin: 20, AvgServiceMin: 6},
}

var counters = []queue.Counter{
	{Number: 1, Services: []queue.CounterService{{Code: "BLD", Weight: 1}, {Code: "SHOP", Weight: 1}}},
	{Number: 2, Services: []queue.CounterService{{Code: "SHOP", Weight: 1}}},
	{Number: 3, Services: []queue.CounterService{{Code: "BLD", Weight: 1}}},
}

// devices are the relay's, the workflow server's and a counter's; every
// password is "pw-" + id.
var devices = []auth.Device{
	{ID: "kiosk1", Role: auth.RoleAppliance},
	{ID: "server", Role: auth.RoleServer},
	{ID: "ctr01", Role: auth.RoleCounter, Counter: 1},
}

func password(id string) string { return "pw-" + id }

func registry(t testing.TB) (*auth.Registry, []auth.Device) {
	t.Helper()
	devs := make([]auth.Device, len(devices))
	for i, d := range devices {
		d.PasswordSHA256 = auth.HashPassword(password(d.ID))
		devs[i] = d
	}
	reg, err := auth.NewRegistry(center, devs)
	if err != nil {
		t.Fatal(err)
	}
	return reg, devs
}

// openEngine opens an engine on a fresh file with every counter open.
func openEngine(t testing.TB, clock queue.Clock) *queue.Engine {
	t.Helper()
	ctx := context.Background()
	opts := queue.DefaultOptions()
	opts.Device, opts.Clock, opts.NumberMax, opts.NumberWidth = "kiosk1", clock, 999999, 4
	opts.DedupWindow = 0
	eng, err := queue.Open(ctx, filepath.Join(t.TempDir(), "tabour.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if err := eng.SyncCatalog(ctx, services, counters); err != nil {
		t.Fatal(err)
	}
	for _, c := range counters {
		if err := eng.SetCounterState(ctx, c.Number, queue.CounterOpen, ""); err != nil {
			t.Fatal(err)
		}
	}
	return eng
}

// forKinds runs f as a subtest per broker kind: mosquitto and the
// embedded broker.
func forKinds(t *testing.T, f func(t *testing.T, kind mqtttest.Kind)) {
	for _, k := range mqtttest.Kinds() {
		t.Run(string(k), func(t *testing.T) { f(t, k) })
	}
}

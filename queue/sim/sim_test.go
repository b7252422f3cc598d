package sim_test

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"tabour/queue/sim"
)

// TestSmallDay runs a short day and checks the harness's figures are sane:
// every ticket is called, the engine's own report of its promises agrees
// with the harness's score of the same estimates, the forecast beats the
// former estimator, and the run is reproducible.
func TestSmallDay(t *testing.T) {
	ctx := context.Background()
	res, err := sim.Run(ctx, sim.Small(), sim.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	res.Print(&out)
	t.Log("\n" + out.String())
	// Counter 3 closes early: a service only it serves is left waiting.
	if res.Issued < 40 || res.Called < res.Issued-5 || len(res.Tickets) != res.Called {
		t.Fatalf("issued %d, called %d, scored %d", res.Issued, res.Called, len(res.Tickets))
	}
	fc, old := res.Overall[0], res.Overall[2]
	if fc.Tickets+res.Unknown[0] != res.Called || fc.Long == 0 {
		t.Fatalf("forecast scored %d (+%d unknown) of %d called, %d long", fc.Tickets, res.Unknown[0], res.Called, fc.Long)
	}
	if eng := res.Engine; eng.Tickets != res.Called || math.Abs(eng.MAPE-fc.MAPE) > 1e-6 || eng.Bias != fc.Bias ||
		math.Abs(eng.InRange-res.Range.Inside) > 1e-6 {
		t.Fatalf("engine's report %+v, harness's %+v", eng, fc)
	}
	if fc.MAPE <= 0 || fc.MAPE >= old.MAPE || res.Range.Inside <= 0 || res.Range.Inside > 1 {
		t.Fatalf("forecast %+v against old %+v, range %+v", fc, old, res.Range)
	}
	hours := 0
	for _, a := range res.ByHour {
		hours += a[0].Tickets
	}
	if hours != fc.Tickets || len(res.ByService) == 0 {
		t.Fatalf("by hour %d tickets of %d; %d services", hours, fc.Tickets, len(res.ByService))
	}
	again, err := sim.Run(ctx, sim.Small(), sim.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Overall, res.Overall) || !reflect.DeepEqual(again.Tickets, res.Tickets) {
		t.Fatal("the same seed gave another day")
	}
}

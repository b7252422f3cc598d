package appliance_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/appliance"
	"tabour/config"
	"tabour/devices/printer"
	"tabour/kiosk/flow"
)

// TestSimulatedCenterIssuesAndPrints runs the appliance headless: a
// citizen's three taps make a ticket in the database and a PNG and an
// ESC/POS file from the virtual printer.
func TestSimulatedCenterIssuesAndPrints(t *testing.T) {
	cfg := simulated(t, onFreePort)
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) { issueAndPrint(t, cfg, a) })
	if err != nil {
		t.Fatal(err)
	}
}

func issueAndPrint(t *testing.T, cfg config.Config, a *appliance.Appliance) {
	f := a.Flow
	f.ChooseService("BLD-PERMIT")
	f.GetTicket()
	f.ConfirmTap()
	if f.Screen() != flow.Ticket || f.Issued().PrintErr != nil {
		t.Fatalf("screen %s, print error %v", f.Screen(), f.Issued().PrintErr)
	}
	st, err := a.Engine.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st.Services {
		if s.Service == "BLD-PERMIT" && s.Waiting != 1 {
			t.Fatalf("BLD-PERMIT waiting %d", s.Waiting)
		}
	}
	pngs, _ := filepath.Glob(filepath.Join(cfg.DataDir, "printer", "*.png"))
	bins, _ := filepath.Glob(filepath.Join(cfg.DataDir, "printer", "*.bin"))
	if len(pngs) != 1 || len(bins) != 1 {
		t.Fatalf("virtual printer wrote %v %v", pngs, bins)
	}
	key, err := os.Stat(filepath.Join(cfg.DataDir, "nid.key"))
	if err != nil || key.Mode().Perm() != 0o600 {
		t.Fatalf("national-ID key: %v %v", key, err)
	}
}

func TestBrokenPrinterDoesNotStopTheQueue(t *testing.T) {
	cfg := simulated(t, onFreePort)
	cfg.Printer.URI = "usb:/dev/usb/lp-missing"
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) {
		a.Flow.ChooseService("COLLECT")
		a.Flow.GetTicket()
		a.Flow.ConfirmTap()
		if iss := a.Flow.Issued(); iss == nil || iss.PrintErr == nil || iss.Ticket.Label != "R001" {
			t.Errorf("issued %+v", iss)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestScannerDeliversToTheKiosk runs a serial scanner on a pseudo-terminal
// pair made by the test: the scan typed on one end reaches the flow.
func TestScannerDeliversToTheKiosk(t *testing.T) {
	cfg := simulated(t, onFreePort)
	cfg.Scanner.Device = "serial:/dev/tabour-no-such-scanner"
	got := make(chan string, 1)
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) {
		a.Deliver(func(s string) { got <- s }, nil)
		time.Sleep(300 * time.Millisecond) // the device is missing: retried, no crash
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		t.Fatalf("scan from a missing device: %q", s)
	default:
	}
}

func TestPaperOutVirtualPrinterFailsTyped(t *testing.T) {
	cfg := simulated(t, onFreePort)
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) { paperOut(t, cfg, a) })
	if err != nil {
		t.Fatal(err)
	}
}

func paperOut(t *testing.T, cfg config.Config, a *appliance.Appliance) {
	if err := os.MkdirAll(filepath.Join(cfg.DataDir, "printer"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg.DataDir, "printer", "STATUS"), []byte("paper_out\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a.Flow.ChooseService("BLD-PERMIT")
	a.Flow.GetTicket()
	a.Flow.ConfirmTap()
	var perr *printer.Error
	if iss := a.Flow.Issued(); iss == nil || !errors.As(iss.PrintErr, &perr) || perr.State != printer.PaperOut {
		t.Fatalf("issued %+v", a.Flow.Issued())
	}
}

// Run reports a part that fails to start and stops what had started.
func TestRunFailsCleanly(t *testing.T) {
	cfg := simulated(t, `{"disabled": true}`)
	cfg.CatalogFile = filepath.Join(cfg.DataDir, "no-such-catalog.json")
	err := with(cfg, appliance.Options{}, func(context.Context, *appliance.Appliance) { t.Error("the UI ran") })
	if err == nil {
		t.Fatal("ran without its catalog")
	}
}

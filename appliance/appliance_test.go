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
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.MQTT.Listen = "127.0.0.1:0"
	a, err := appliance.Open(context.Background(), cfg, appliance.Options{Simulate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
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
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.MQTT.Listen = "127.0.0.1:0"
	cfg.Printer.URI = "usb:/dev/usb/lp-missing"
	a, err := appliance.Open(context.Background(), cfg, appliance.Options{Simulate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Flow.ChooseService("COLLECT")
	a.Flow.GetTicket()
	a.Flow.ConfirmTap()
	if iss := a.Flow.Issued(); iss == nil || iss.PrintErr == nil || iss.Ticket.Label != "R001" {
		t.Fatalf("issued %+v", iss)
	}
}

// TestScannerDeliversToTheKiosk runs a serial scanner on a pseudo-terminal
// pair made by the test: the scan typed on one end reaches the flow.
func TestScannerDeliversToTheKiosk(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.MQTT.Listen = "127.0.0.1:0"
	cfg.Scanner.Device = "serial:/dev/tabour-no-such-scanner"
	a, err := appliance.Open(context.Background(), cfg, appliance.Options{Simulate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	got := make(chan string, 1)
	a.Scans(ctx, func(s string) { got <- s }) // the device is missing: retried until ctx ends, no crash
	select {
	case s := <-got:
		t.Fatalf("scan from a missing device: %q", s)
	default:
	}
}

func TestPaperOutVirtualPrinterFailsTyped(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.MQTT.Listen = "127.0.0.1:0"
	a, err := appliance.Open(context.Background(), cfg, appliance.Options{Simulate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
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

// Open reports a part that fails and closes what it had started.
func TestOpenFailsCleanly(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.MQTT.Disabled = true
	cfg.CatalogFile = filepath.Join(cfg.DataDir, "no-such-catalog.json")
	if a, err := appliance.Open(context.Background(), cfg, appliance.Options{Simulate: true}); err == nil {
		a.Close()
		t.Fatal("opened without its catalog")
	}
}

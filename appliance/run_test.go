package appliance_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tabour/appliance"
	"tabour/config"
	"tabour/queue"
)

// Headless, Run serves until its context ends, then stops every part
// within the deadline: the engine's file is closed and opens again.
func TestRunStopsOnCancel(t *testing.T) {
	cfg := simulated(t, onFreePort)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- appliance.Run(ctx, appliance.Options{Config: cfg, Simulate: true}) }()
	waitFor(t, filepath.Join(cfg.DataDir, "nid.key"))
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(appliance.DefaultStopTimeout + time.Second):
		t.Fatal("Run did not return after the stop")
	}
	t.Logf("stopped in %v", time.Since(start).Round(time.Millisecond))
	again(t, cfg)
}

// The maintenance screen's quit ends Run as the UI's return does.
func TestQuitEndsRun(t *testing.T) {
	cfg := simulated(t, onFreePort)
	err := with(cfg, appliance.Options{}, func(ctx context.Context, a *appliance.Appliance) {
		a.Quit()
		<-ctx.Done()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A UI that does not return after the stop is left behind: the other
// parts stop without it and Stuck is called, within the deadline.
func TestStuckUI(t *testing.T) {
	cfg := simulated(t, onFreePort)
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	stuck := make(chan time.Time, 1)
	var eng *queue.Engine
	opts := appliance.Options{Config: cfg, Simulate: true, StopTimeout: time.Second,
		Stuck: func() { stuck <- time.Now(); close(release) },
		UI: func(_ context.Context, a *appliance.Appliance) error {
			eng = a.Engine
			cancel()
			<-release // deaf to the stop
			return nil
		}}
	start := time.Now()
	if err := appliance.Run(ctx, opts); err != nil {
		t.Fatal(err)
	}
	select {
	case at := <-stuck:
		if d := at.Sub(start); d > 2*time.Second {
			t.Errorf("Stuck called after %v", d)
		}
	default:
		t.Fatal("Stuck was not called")
	}
	if _, err := eng.Stats(context.Background()); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("the engine is still open: %v", err)
	}
}

// A bad setting in the mqtt section stops Run before anything starts,
// with the field named.
func TestBadBusSettingFailsAtStart(t *testing.T) {
	for _, tt := range []struct{ section, want string }{
		{`{"devices": [{"id": "ctr1", "role": "clerk", "password_sha256": "` + strings.Repeat("0", 64) + `"}]}`,
			`config: mqtt.devices[0]: auth: invalid device ctr1: unknown role "clerk"`},
		{`{"upstream": {"url": "server:1883"}}`, `config: mqtt.upstream.url: want a broker URL`},
		{`{"listen": "1883"}`, `config: mqtt.listen: want HOST:PORT`},
		{`{"devices": [{"id": "ctr1", "rloe": "counter"}]}`, `config: mqtt.devices[0]: unknown field "rloe" (did you mean "role"?)`},
	} {
		cfg := simulated(t, tt.section)
		err := with(cfg, appliance.Options{}, func(context.Context, *appliance.Appliance) { t.Error("the UI ran") })
		var fe *config.FieldError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.section, err, tt.want)
		}
		if _, err := os.Stat(filepath.Join(cfg.DataDir, "tabour.db")); err == nil {
			t.Errorf("%s: the engine started", tt.section)
		}
	}
}

func waitFor(t *testing.T, path string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	t.Fatalf("%s never appeared", path)
}

// again runs the appliance on cfg's data once more and issues a ticket.
func again(t *testing.T, cfg config.Config) {
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) {
		a.Flow.ChooseService("COLLECT")
		a.Flow.GetTicket()
		a.Flow.ConfirmTap()
		if a.Flow.Issued() == nil {
			t.Error("no ticket after a restart")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

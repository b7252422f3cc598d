package appliance_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"tabour/appliance"
	"tabour/devices/printer"
	"tabour/mqtt/auth"
	"tabour/mqtt/client"
	"tabour/mqtt/mqtttest"
)

// onBus runs a simulated appliance whose bus runs on a broker of kind
// (the embedded one on a random loopback port, or a mosquitto the test
// starts) and calls body with it and a recorder that checks every payload
// against the contract.
func onBus(t *testing.T, kind mqtttest.Kind, body func(a *appliance.Appliance, rec *mqtttest.Recorder)) {
	t.Helper()
	cfg := simulated(t, onFreePort)
	user, pass := "", "" // the embedded broker lets anyone read in simulation
	if kind == mqtttest.Mosquitto {
		user, pass = "server", "pw-server"
		devs := []auth.Device{{ID: "kiosk1", Role: auth.RoleAppliance, PasswordSHA256: auth.HashPassword("pw-kiosk1")},
			{ID: user, Role: auth.RoleServer, PasswordSHA256: auth.HashPassword(pass)}}
		reg, err := auth.NewRegistry(cfg.Center.Code, devs)
		if err != nil {
			t.Fatal(err)
		}
		brk := mqtttest.Start(t, kind, mqtttest.Opts{Registry: reg})
		cfg.MQTT = jsontext.Value(`{"external": "` + brk.URL() + `", "username": "kiosk1", "password": "pw-kiosk1"}`)
	}
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) {
		body(a, mqtttest.Record(t, a.Bus.URL(), user, pass))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// seen collects the messages of a subscription with their arrival time.
type seen struct {
	mu sync.Mutex
	ms []arrival
}

type arrival struct {
	at  time.Time
	msg client.Message
}

func subscribe(t *testing.T, url, user, pass, filter string) *seen {
	t.Helper()
	s := &seen{}
	c := client.New(client.Opts{URL: url, ClientID: user + "-watch-" + client.NewID()[:8], Username: user,
		Password: pass, Retry: 100 * time.Millisecond})
	t.Cleanup(func() { c.Close(50 * time.Millisecond) })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	err := c.Handle(filter, 1, func(m client.Message) {
		s.mu.Lock()
		s.ms = append(s.ms, arrival{time.Now(), m})
		s.mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// wait returns when the first message on a topic ending in suffix and
// holding want arrived after since.
func (s *seen) wait(t *testing.T, since time.Time, suffix, want string) time.Time {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		s.mu.Lock()
		for _, a := range s.ms {
			if !a.at.Before(since) && strings.HasSuffix(a.msg.Topic, suffix) && strings.Contains(string(a.msg.Payload), want) {
				s.mu.Unlock()
				return a.at
			}
		}
		s.mu.Unlock()
	}
	t.Fatalf("no message holding %s on …%s", want, suffix)
	return time.Time{}
}

// changes records what the printer watch told the kiosk.
type changes struct {
	mu  sync.Mutex
	sts []printer.State
}

func (c *changes) add(st printer.Status) {
	c.mu.Lock()
	c.sts = append(c.sts, st.State)
	c.mu.Unlock()
}

func (c *changes) wait(t *testing.T, want ...printer.State) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		c.mu.Lock()
		got := strings.Join(stateStrings(c.sts), " ")
		c.mu.Unlock()
		if got == strings.Join(stateStrings(want), " ") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the kiosk was told %q, want %q", got, want)
		}
	}
}

func stateStrings(sts []printer.State) []string {
	out := make([]string, len(sts))
	for i, s := range sts {
		out[i] = string(s)
	}
	return out
}

func writeStatus(t *testing.T, a *appliance.Appliance, state string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(a.Config.DataDir, "printer", "STATUS"), []byte(state+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The virtual printer's STATUS file says paper_out: health/kiosk1 and the
// retained status/kiosk1 say so within a second or two (the watch asks
// every second, as in the kiosk), and the kiosk is told; back to ok, the
// same. The delays are logged; the goal is 2 s.
func TestPrinterStateReachesTheBus(t *testing.T) {
	for _, kind := range mqtttest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			onBus(t, kind, func(a *appliance.Appliance, rec *mqtttest.Recorder) { printerOnBus(t, kind, a, rec) })
		})
	}
}

func printerOnBus(t *testing.T, kind mqtttest.Kind, a *appliance.Appliance, rec *mqtttest.Recorder) {
	user, pass := "", ""
	if kind == mqtttest.Mosquitto {
		user, pass = "server", "pw-server"
	}
	sub := subscribe(t, a.Bus.URL(), user, pass, "tabour/v1/+/+/kiosk1")
	told := &changes{}
	a.Deliver(nil, told.add) // the watch asks every second, as in the kiosk
	told.wait(t, printer.OK)
	sub.wait(t, time.Time{}, "/health/kiosk1", `"printer":"ok"`)
	want := []printer.State{printer.OK, printer.PaperOut, printer.OK}
	for i, st := range want[1:] {
		start := time.Now()
		writeStatus(t, a, string(st))
		health := sub.wait(t, start, "/health/kiosk1", `"printer":"`+string(st)+`"`)
		status := sub.wait(t, start, "/status/kiosk1", `"printer":"`+string(st)+`"`)
		told.wait(t, want[:i+2]...)
		t.Logf("%s: on health/kiosk1 after %v, on status/kiosk1 after %v", st,
			health.Sub(start).Round(time.Millisecond), status.Sub(start).Round(time.Millisecond))
	}
	if n := rec.Count("/health/kiosk1"); n > 10 {
		t.Errorf("%d health messages: the watch republishes without a change", n)
	}
}

// Without a bus the kiosk is still told of every change.
func TestWatchPrinterWithoutBus(t *testing.T) {
	cfg := simulated(t, `{"disabled": true}`)
	err := with(cfg, appliance.Options{PrinterEvery: 20 * time.Millisecond}, func(_ context.Context, a *appliance.Appliance) {
		if a.Bus != nil {
			t.Fatal("a bus despite mqtt.disabled")
		}
		told := &changes{}
		a.Deliver(nil, told.add)
		told.wait(t, printer.OK)
		writeStatus(t, a, "cover_open")
		told.wait(t, printer.OK, printer.CoverOpen)
		writeStatus(t, a, "no such state") // the virtual printer calls that offline
		told.wait(t, printer.OK, printer.CoverOpen, printer.Offline)
	})
	if err != nil {
		t.Fatal(err)
	}
}

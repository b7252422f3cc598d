package appliance_test

import (
	"bytes"
	"context"
	"errors"
	"log"
	"net"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"tabour/appliance"
)

// holdPort listens on a free loopback port until the test ends, as a
// system mosquitto holds 1883.
func holdPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

// captureLog collects what the appliance logs until the test ends; the
// parts running in the background log while the test reads it.
func captureLog(t *testing.T) *logBuffer {
	var buf logBuffer
	w := log.Writer()
	log.SetOutput(&buf)
	t.Cleanup(func() { log.SetOutput(w) })
	return &buf
}

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// In simulation a taken port moves the bus to a free one on the same
// address, and the log says which.
func TestSimulationMovesOffATakenPort(t *testing.T) {
	taken := holdPort(t)
	_, port, _ := net.SplitHostPort(taken)
	cfg := simulated(t, `{"listen": "`+taken+`"}`)
	logged := captureLog(t)
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) { movedOff(t, a, port, logged) })
	if err != nil {
		t.Fatal(err)
	}
}

func movedOff(t *testing.T, a *appliance.Appliance, port string, logged *logBuffer) {
	if a.Bus == nil {
		t.Fatal("no bus")
	}
	addr := a.Bus.Addr().(*net.TCPAddr)
	if !addr.IP.IsLoopback() || strconv.Itoa(addr.Port) == port {
		t.Fatalf("the bus listens on %v", addr)
	}
	want := "mqtt: port " + port + " is taken (address already in use); the bus listens on " + addr.String()
	if !strings.Contains(logged.String(), want) {
		t.Fatalf("log:\n%s\nwant %q", logged, want)
	}
	c, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	t.Logf("logged: %s", strings.TrimSpace(logged.String()))
}

// A center that is not simulated stops with a clear error instead of
// running without its bus, and leaves the port's owner alone.
func TestTakenPortStopsARealCenter(t *testing.T) {
	taken := holdPort(t)
	_, port, _ := net.SplitHostPort(taken)
	cfg := simulated(t, `{"listen": "`+taken+`"}`)
	err := appliance.Run(context.Background(), appliance.Options{Config: cfg,
		UI: func(context.Context, *appliance.Appliance) error { t.Error("the UI ran"); return nil }})
	if err == nil {
		t.Fatal("ran with the broker's port taken")
	}
	var pt *appliance.PortTakenError
	if !errors.As(err, &pt) || !errors.Is(err, syscall.EADDRINUSE) ||
		!strings.Contains(err.Error(), "port "+port+" is taken (address already in use)") {
		t.Fatalf("error: %v", err)
	}
	t.Logf("error: %v", err)
	c, err := net.Dial("tcp", taken) // still the holder's
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}

// In simulation the embedded broker listens on loopback only, unless
// mqtt.listen says otherwise.
func TestSimulationListensOnLoopback(t *testing.T) {
	cfg := simulated(t, "")
	captureLog(t)
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) {
		if addr := a.Bus.Addr().(*net.TCPAddr); !addr.IP.IsLoopback() {
			t.Errorf("a simulated center's bus listens on %v", addr)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var sigterms = flag.Int("sigterms", 3, "how many times TestSIGTERMStopsTheKiosk starts and stops the kiosk (make soak: 20)")

// stopLimit is how long the kiosk may take to exit after SIGTERM.
const stopLimit = 5 * time.Second

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// kioskBinary builds cmd/kiosk once per test process, as make build does.
func kioskBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tabour-kiosk-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "kiosk")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return binPath
}

// kioskCmd is the kiosk binary with args on display, in dir (where a
// center without a config keeps its data, ./var), logging to a buffer.
func kioskCmd(t *testing.T, display, dir string, args ...string) (*exec.Cmd, *syncBuffer) {
	k := exec.Command(kioskBinary(t), args...)
	k.Dir = dir
	k.Env = append(os.Environ(), "DISPLAY="+display, "LC_ALL=", "LANG=ar_EG.UTF-8", "FYNE_SCALE=1")
	out := &syncBuffer{}
	k.Stdout, k.Stderr = out, out
	return k, out
}

// The simulated center (kiosk -windowed -simulate, no config) is started,
// waited for until its home screen is up, and stopped with SIGTERM, again
// and again: each time it exits within stopLimit, with its database
// closed. Cleanly (status 0), unless Fyne's main loop does not return
// after its quit (about one stop in a hundred here): then the appliance's
// watchdog stops the other parts and the kiosk exits with status 1 and a
// log line, which the test counts. make soak runs it 20 times.
func TestSIGTERMStopsTheKiosk(t *testing.T) {
	display := startXvfb(t, 1280, 800)
	var worst time.Duration
	watchdog := 0
	for i := range *sigterms {
		dir := t.TempDir()
		targets := filepath.Join(dir, "targets.json")
		k, out := kioskCmd(t, display, dir, "-windowed", "-simulate", "-targets", targets)
		if err := k.Start(); err != nil {
			t.Fatal(err)
		}
		s := &session{t: t, dir: dir}
		if err := s.poll(func() error { return homeIn(targets) }); err != nil {
			k.Process.Kill()
			k.Wait()
			t.Fatalf("run %d: the kiosk did not come up: %v\n%s", i+1, err, out)
		}
		start := time.Now()
		k.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- k.Wait() }()
		select {
		case err := <-done:
			took := time.Since(start)
			worst = max(worst, took)
			forced := strings.Contains(out.String(), "the window did not close")
			if forced {
				watchdog++
				t.Logf("run %d: Fyne's main loop did not return; the watchdog ended the kiosk after %v",
					i+1, took.Round(time.Millisecond))
			}
			if (err != nil && !forced) || took > stopLimit {
				t.Errorf("run %d: exit %v after %v\n%s", i+1, err, took.Round(time.Millisecond), out)
			}
			if _, err := os.Stat(filepath.Join(dir, "var", "tabour.db")); err != nil {
				t.Errorf("run %d: %v", i+1, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "var", "tabour.db-wal")); err == nil {
				t.Errorf("run %d: the database was not closed (its WAL file is left)", i+1)
			}
		case <-time.After(waitLimit):
			k.Process.Kill()
			<-done
			t.Fatalf("run %d: still running %v after SIGTERM\n%s", i+1, waitLimit, out)
		}
	}
	t.Logf("%d stops, the slowest in %v; %d by the watchdog", *sigterms, worst.Round(time.Millisecond), watchdog)
}

func homeIn(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Contains(data, []byte(`"screen":"home"`)) {
		return errors.New("not on the home screen yet")
	}
	return nil
}

// A center whose bus is misconfigured does not start: the kiosk exits
// with status 1 and a message naming the field or the port.
func TestBadBusConfigStopsTheKiosk(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	display := startXvfb(t, 1280, 800)
	hash := strings.Repeat("0", 64)
	for _, tt := range []struct{ name, mqtt, want string }{
		{"device", `{"devices": [{"id": "ctr1", "role": "clerk", "password_sha256": "` + hash + `"}]}`,
			`mqtt.devices[0]: auth: invalid device ctr1: unknown role "clerk"`},
		{"port", `{"listen": "` + ln.Addr().String() + `"}`, "port " + port + " is taken (address already in use)"},
		{"upstream", `{"upstream": {"url": "server.example:1883"}}`, `mqtt.upstream.url: want a broker URL`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "tabour.json")
			data := `{"data_dir": "` + filepath.Join(dir, "data") + `", "mqtt": ` + tt.mqtt + `}`
			if err := os.WriteFile(cfg, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
			defer cancel()
			k, out := kioskCmd(t, display, dir, "-config", cfg)
			k2 := exec.CommandContext(ctx, k.Path, k.Args[1:]...)
			k2.Dir, k2.Env, k2.Stdout, k2.Stderr = k.Dir, k.Env, out, out
			err := k2.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(out.String(), tt.want) {
				t.Fatalf("exit %v, output:\n%s\nwant %q", err, out, tt.want)
			}
			t.Logf("%s", strings.TrimSpace(out.String()))
		})
	}
}

// syncBuffer is a bytes.Buffer safe for the kiosk's output and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

package mqtttest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const mosquittoBin = "mosquitto"

// mosq is a mosquitto process with its config in a temporary directory.
type mosq struct {
	t    testing.TB
	dir  string
	port int

	mu  sync.Mutex
	cmd *exec.Cmd
}

func startMosquitto(t testing.TB, opts Opts) *mosq {
	t.Helper()
	m := &mosq{t: t, dir: t.TempDir(), port: freePort(t)}
	if err := m.writeConfig(opts); err != nil {
		t.Fatal(err)
	}
	m.Start()
	return m
}

func (m *mosq) Kind() Kind  { return Mosquitto }
func (m *mosq) URL() string { return "tcp://" + hostPort(m.port) }

// Log returns what mosquitto logged.
func (m *mosq) Log() string {
	b, _ := os.ReadFile(filepath.Join(m.dir, "mosquitto.log"))
	return string(b)
}

func (m *mosq) writeConfig(opts Opts) error {
	conf, err := mosquittoConf(m.dir, m.port, opts)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(m.dir, "mosquitto.conf"), []byte(conf), 0o600)
}

// mosquittoConf writes the password and ACL files and returns the config.
func mosquittoConf(dir string, port int, opts Opts) (string, error) {
	var b strings.Builder
	if os.Geteuid() == 0 {
		b.WriteString("user root\n") // else mosquitto drops to a user that cannot read dir
	}
	fmt.Fprintf(&b, "per_listener_settings false\nset_tcp_nodelay %v\n", !opts.Nagle)
	fmt.Fprintf(&b, "max_queued_messages %d\n", orDefault(opts.MaxQueued, 100000))
	fmt.Fprintf(&b, "persistence %v\npersistence_location %s/\n", opts.Persistence, dir)
	fmt.Fprintf(&b, "log_dest file %s\nlog_type error\nlog_type warning\nlog_type notice\n", filepath.Join(dir, "mosquitto.log"))
	if opts.Registry == nil {
		b.WriteString("allow_anonymous true\n")
	} else if err := writeAuthFiles(&b, dir, opts); err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "listener %d 127.0.0.1\n", port)
	return b.String(), nil
}

func writeAuthFiles(b *strings.Builder, dir string, opts Opts) error {
	plugin, err := Plugin()
	if err != nil {
		return err
	}
	devices := filepath.Join(dir, "tabour-devices.json")
	if err := os.WriteFile(devices, opts.Registry.File(opts.MaxSessions).Marshal(), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(b, "allow_anonymous false\nplugin %s\nplugin_opt_devices %s\n", plugin, devices)
	return nil
}

var (
	pluginOnce sync.Once
	pluginPath string
	pluginErr  error
)

// Plugin builds the mosquitto plugin (tabour/mqtt/auth/mosquitto) once
// per process, into the user's cache directory, and returns its path. A
// build goes to a file of its own renamed over the last, so a mosquitto
// that loaded the last keeps it.
func Plugin() (string, error) {
	pluginOnce.Do(func() { pluginPath, pluginErr = buildPlugin() })
	return pluginPath, pluginErr
}

func buildPlugin() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "tabour")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, "tabour-auth-*.so")
	if err != nil {
		return "", err
	}
	tmp.Close()
	out, err := exec.Command("go", "build", "-buildmode=c-shared", "-o", tmp.Name(), "tabour/mqtt/auth/mosquitto").CombinedOutput()
	os.Remove(strings.TrimSuffix(tmp.Name(), ".so") + ".h")
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("mqtttest: build the mosquitto plugin (make deps installs mosquitto-dev): %v\n%s", err, out)
	}
	path := filepath.Join(dir, "tabour-auth.so")
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return path, nil
}

// Start runs mosquitto and waits until it listens.
func (m *mosq) Start() {
	m.t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cmd != nil {
		return
	}
	cmd := exec.Command(mosquittoBin, "-c", filepath.Join(m.dir, "mosquitto.conf"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		m.t.Fatalf("mqtttest: start mosquitto: %v", err)
	}
	m.cmd = cmd
	waitListening(m.t, hostPort(m.port))
}

// Stop terminates mosquitto and waits for it to exit.
func (m *mosq) Stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cmd == nil {
		return
	}
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = m.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = m.cmd.Process.Kill()
		<-done
	}
	m.cmd = nil
}

func orDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

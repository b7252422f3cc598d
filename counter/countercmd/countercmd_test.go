package countercmd

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"tabour/counter"
	"tabour/devices/keypad"
	"tabour/mqtt/mqtttest"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParse(t *testing.T) {
	pw := filepath.Join(t.TempDir(), "ctr04.pw")
	if err := os.WriteFile(pw, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	c, err := Parse([]string{"-keypad", "-broker", "tcp://10.0.0.2:1883", "-center", "ism-fayed", "-device", "ctr04",
		"-counter", "4", "-password-file", pw, "-pins", "next=GPIO5, done=GPIO6", "-light", "", "-light-active-low"},
		env(map[string]string{"TABOUR_PASSWORD": "not this"}), &out)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Keypad: true, URL: "tcp://10.0.0.2:1883", Center: "ism-fayed", Device: "ctr04", Counter: 4,
		Password: "s3cret", Light: "", ActiveLow: true}
	pins := c.Pins
	c.Pins = nil
	if !reflect.DeepEqual(c, want) || !maps.Equal(pins, map[keypad.Key]string{keypad.Next: "GPIO5", keypad.Done: "GPIO6"}) {
		t.Errorf("config %+v %v", c, pins)
	}

	// All from the environment, the default pins.
	c, err = Parse([]string{"-keypad"}, env(map[string]string{"TABOUR_BROKER": "tcp://a:1883", "TABOUR_CENTER": "ism-fayed",
		"TABOUR_DEVICE": "ctr01", "TABOUR_COUNTER": "1", "TABOUR_PASSWORD": "pw"}), &out)
	if err != nil {
		t.Fatal(err)
	}
	if c.Password != "pw" || c.Counter != 1 || c.Light != "GPIO24" || len(c.Pins) != 4 || c.Pins[keypad.NoShow] != "GPIO23" {
		t.Errorf("config from the environment %+v", c)
	}
}

func TestParseRefuses(t *testing.T) {
	full := map[string]string{"TABOUR_BROKER": "tcp://a:1883", "TABOUR_CENTER": "ism-fayed",
		"TABOUR_DEVICE": "ctr01", "TABOUR_COUNTER": "1", "TABOUR_PASSWORD": "pw"}
	without := func(k string) map[string]string {
		m := maps.Clone(full)
		delete(m, k)
		return m
	}
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{nil, full, "give -keypad"},
		{[]string{"-keypad"}, nil, "give -broker, -center, -device, -counter"},
		{[]string{"-keypad", "-counter", "x"}, full, `-counter "x"`},
		{[]string{"-keypad"}, without("TABOUR_PASSWORD"), "no bus password"},
		{[]string{"-keypad", "-password-file", "/nonexistent/pw"}, full, "password file"},
		{[]string{"-keypad", "-pins", "next=GPIO5,next=GPIO6"}, full, "next twice"},
		{[]string{"-keypad", "-pins", "skip=GPIO5"}, full, `unknown key "skip"`},
		{[]string{"-keypad", "-pins", "next"}, full, "want key=pin"},
		{[]string{"-keypad", "extra"}, full, "unexpected arguments"},
		{[]string{"-password", "x"}, full, "flag provided but not defined: -password"},
	} {
		var out bytes.Buffer
		_, err := Parse(c.args, env(c.env), &out)
		if err == nil || !strings.Contains(err.Error()+out.String(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
}

// Run exits 2 on a bad command line, 0 for -h, and otherwise runs the
// keypad it opens until its context ends.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if code := Run(context.Background(), nil, env(nil), &out, nil); code != 2 || !strings.Contains(out.String(), "counter: give -keypad") {
		t.Errorf("no flags: exit %d:\n%s", code, out.String())
	}
	if code := Run(context.Background(), []string{"-h"}, env(nil), &out, nil); code != 0 {
		t.Errorf("-h: exit %d", code)
	}

	brk := mqtttest.Start(t, mqtttest.Embedded, mqtttest.Opts{})
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	var got Config
	p := &idle{ran: make(chan struct{})}
	done := make(chan int, 1)
	var log syncBuf
	go func() {
		done <- Run(ctx, []string{"-keypad", "-broker", brk.URL(), "-center", "ism-fayed", "-device", "ctr01", "-counter", "1"},
			env(map[string]string{"TABOUR_PASSWORD": "pw"}), &log, func(c Config) (counter.Keypad, error) {
				mu.Lock()
				got = c
				mu.Unlock()
				return p, nil
			})
	}()
	select {
	case <-p.ran:
	case <-time.After(10 * time.Second):
		t.Fatal("the keypad was not run")
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d:\n%s", code, log.String())
	}
	mu.Lock()
	defer mu.Unlock()
	if got.Device != "ctr01" || got.Password != "pw" || got.Pins[keypad.Next] != "GPIO17" {
		t.Errorf("opened with %+v", got)
	}
}

// On a machine without GPIO, or with other pin names, opening fails with
// an error (which counter.Run logs and retries), never a panic.
func TestOpenGPIOUnknownPin(t *testing.T) {
	_, err := OpenGPIO(Config{Pins: map[keypad.Key]string{keypad.Next: "NO_SUCH_PIN"}})
	if err == nil {
		t.Fatal("a pin that does not exist was opened")
	}
}

type idle struct {
	once sync.Once
	ran  chan struct{}
}

func (p *idle) Run(ctx context.Context, _ chan<- keypad.Key) error {
	p.once.Do(func() { close(p.ran) })
	<-ctx.Done()
	return nil
}

func (p *idle) Light(bool) error { return nil }

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }

func (s *syncBuf) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"tabour/mqtt/auth"
	"tabour/mqtt/client"
	"tabour/mqtt/mqtttest"
)

const center = "c1"

func registry(t *testing.T) *auth.Registry {
	t.Helper()
	reg, err := auth.NewRegistry(center, []auth.Device{
		{ID: "kiosk1", Role: auth.RoleAppliance, PasswordSHA256: auth.HashPassword("k")},
		{ID: "ctr01", Role: auth.RoleCounter, Counter: 1, PasswordSHA256: auth.HashPassword("good")},
		{ID: "hall1", Role: auth.RoleDisplay, PasswordSHA256: auth.HashPassword("h")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func mosquitto(t *testing.T, maxSessions int) string {
	t.Helper()
	if _, err := exec.LookPath("mosquitto"); err != nil {
		t.Fatal("mosquitto is not installed (make deps installs it)")
	}
	return mqtttest.Start(t, mqtttest.Mosquitto, mqtttest.Opts{Registry: registry(t), MaxSessions: maxSessions}).URL()
}

// mosquitto with the plugin lets a device in only with a client id of its
// own and its password; anonymous clients, wrong passwords and another's
// client id are refused.
func TestPluginAdmits(t *testing.T) {
	url := mosquitto(t, 0)
	for _, c := range []struct {
		user, pass, cid string
		want            bool
	}{
		{"ctr01", "good", "ctr01", true},
		{"ctr01", "good", "ctr01-console", true},
		{"kiosk1", "k", "kiosk1-bus", true},
		{"ctr01", "bad", "ctr01", false},
		{"ctr01", "", "ctr01", false},
		{"", "", "ctr01-x", false},
		{"nobody", "good", "nobody", false},
		{"hall1", "h", "kiosk1-bus", false},
		{"hall1", "h", "ctr01", false},
		{"ctr01", "good", "ctr01x", false},
		{"ctr01", "good", "ctr0", false},
	} {
		if _, got := mqtttest.TryConnect(t, url, c.user, c.pass, c.cid); got != c.want {
			t.Errorf("%s/%q as %q: let in %v, want %v", c.user, c.pass, c.cid, got, c.want)
		}
	}
}

// A device credential holds at most max_sessions connections at once on
// mosquitto too; one more is refused until one of them closes, one with
// the client id of a connection it holds replaces that one, and the
// appliance's own credential is not bounded.
func TestPluginSessionLimit(t *testing.T) {
	url := mosquitto(t, 2)
	first, ok := mqtttest.TryConnect(t, url, "ctr01", "good", "ctr01-a")
	if !ok {
		t.Fatal("the first connection was refused")
	}
	if _, ok := mqtttest.TryConnect(t, url, "ctr01", "good", "ctr01-b"); !ok {
		t.Fatal("the second connection was refused")
	}
	if _, ok := mqtttest.TryConnect(t, url, "ctr01", "good", "ctr01-b"); !ok {
		t.Fatal("a connection that takes its own client id back was refused")
	}
	if _, ok := mqtttest.TryConnect(t, url, "ctr01", "good", "ctr01-c"); ok {
		t.Fatal("a third connection was let in")
	}
	first.Close(10 * time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, ok := mqtttest.TryConnect(t, url, "ctr01", "good", "ctr01-c"); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("refused after one of the connections closed")
		}
	}
	for i := range 5 {
		if _, ok := mqtttest.TryConnect(t, url, "kiosk1", "k", fmt.Sprintf("kiosk1-%d", i)); !ok {
			t.Fatalf("the appliance's connection %d was refused", i)
		}
	}
}

// Each device reads and writes only what its role's rules allow: a counter
// cannot publish another counter's commands nor read another's results,
// and a display publishes nothing but its own status.
func TestPluginRules(t *testing.T) {
	url := mosquitto(t, 0)
	p := "tabour/v1/" + center + "/"
	got := make(chan string, 16)
	spy := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID("kiosk1-spy").SetUsername("kiosk1").SetPassword("k"))
	if tok := spy.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("connect: %v", tok.Error())
	}
	defer spy.Disconnect(10)
	if tok := spy.Subscribe(p+"#", 1, func(_ paho.Client, m paho.Message) { got <- m.Topic() }); !tok.WaitTimeout(5 * time.Second) {
		t.Fatal("no SUBACK")
	}
	ctr, _ := mqtttest.TryConnect(t, url, "ctr01", "good", "ctr01-t")
	hall, _ := mqtttest.TryConnect(t, url, "hall1", "h", "hall1-t")
	for _, m := range []struct {
		c     *client.Client
		topic string
		want  bool
	}{
		{ctr, p + "cmd/ctr01/next", true},
		{ctr, p + "cmd/ctr02/next", false},
		{ctr, p + "ack/kiosk1", false},
		{hall, p + "status/hall1", true},
		{hall, p + "serving/1", false},
		{hall, p + "cmd/ctr01/next", false},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := m.c.PublishWait(ctx, client.Message{Topic: m.topic, Payload: []byte("{}"), QoS: 1})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		select {
		case topic := <-got:
			if !m.want || topic != m.topic {
				t.Errorf("%s reached the bus (want %v)", topic, m.want)
			}
		case <-time.After(300 * time.Millisecond):
			if m.want {
				t.Errorf("%s did not reach the bus", m.topic)
			}
		}
	}
	res := make(chan string, 4)
	sub := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID("ctr01-sub").SetUsername("ctr01").SetPassword("good"))
	if tok := sub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("connect: %v", tok.Error())
	}
	defer sub.Disconnect(10)
	tok := sub.Subscribe(p+"res/#", 1, func(_ paho.Client, m paho.Message) { res <- m.Topic() })
	tok.WaitTimeout(5 * time.Second)
	if st, ok := tok.(*paho.SubscribeToken); !ok || st.Result()[p+"res/#"] != 0x80 {
		t.Errorf("a counter's subscription to every result was granted: %v", tok.(*paho.SubscribeToken).Result())
	}
	spy.Publish(p+"res/ctr02/x", 1, false, "{}").WaitTimeout(5 * time.Second)
	select {
	case topic := <-res:
		t.Errorf("ctr01 read %s", topic)
	case <-time.After(300 * time.Millisecond):
	}
}

// A devices file mosquitto cannot use stops it at start, with the file and
// the cause in its log.
func TestPluginBadDevicesFile(t *testing.T) {
	if _, err := exec.LookPath("mosquitto"); err != nil {
		t.Fatal("mosquitto is not installed (make deps installs it)")
	}
	plugin, err := mqtttest.Plugin()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range []struct{ name, body, extra, want string }{
		{"missing", "", "", "no such file or directory"},
		{"garbage.json", "{not json", "", "invalid device"},
		{"unknown.json", `{"center":"c1","devices":[],"passwords":{}}`, "", `unknown field "passwords"`},
		{"empty.json", `{"center":"c1","devices":[]}`, "", "no devices"},
		{"badhash.json", `{"center":"c1","devices":[{"id":"d1","role":"display","password_sha256":"x"}]}`, "", "password_sha256 must be 64 hex digits"},
		{"ok.json", string(registry(t).File(0).Marshal()), "plugin_opt_max_sessions lots\n", `plugin_opt_max_sessions "lots" is not a positive number`},
		{"ok2.json", string(registry(t).File(0).Marshal()), "plugin_opt_password_file x\n", "unknown option plugin_opt_password_file"},
	} {
		path := filepath.Join(dir, c.name)
		if c.name != "missing" {
			if err := os.WriteFile(path, []byte(c.body), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		conf := filepath.Join(dir, "m.conf")
		body := fmt.Sprintf("listener 0 127.0.0.1\nlog_dest stderr\nallow_anonymous false\nplugin %s\nplugin_opt_devices %s\n%s", plugin, path, c.extra)
		if os.Geteuid() == 0 {
			body = "user root\n" + body
		}
		if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		out, err := exec.CommandContext(ctx, "mosquitto", "-c", conf).CombinedOutput()
		timedOut := ctx.Err() != nil
		cancel()
		if err == nil || timedOut {
			t.Errorf("%s: mosquitto started (%v):\n%s", c.name, err, out)
			continue
		}
		if !strings.Contains(string(out), c.want) || (c.extra == "" && !strings.Contains(string(out), path)) {
			t.Errorf("%s: mosquitto's log does not say %q and name the file:\n%s", c.name, c.want, out)
		}
	}
}

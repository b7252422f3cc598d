package mqtt_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

// hijack connects once with a display's credential and the appliance's
// own client id; it reports whether the broker accepted the connection.
func hijack(t *testing.T, url string) bool {
	t.Helper()
	o := paho.NewClientOptions().AddBroker(url).SetClientID("kiosk1-bus").SetUsername("hall1").
		SetPassword(password("hall1")).SetAutoReconnect(false).SetConnectRetry(false).SetConnectTimeout(5 * time.Second)
	c := paho.NewClient(o)
	tok := c.Connect()
	if !tok.WaitTimeout(10 * time.Second) {
		t.Fatal("no CONNACK to the hijacker")
	}
	if tok.Error() != nil {
		return false
	}
	c.Disconnect(10)
	return true
}

// statusWatch records every state published on the appliance's status.
func statusWatch(t *testing.T, e *env) func() []string {
	t.Helper()
	var mu sync.Mutex
	var states []string
	w := e.client(e.url, "server")
	err := w.Handle(e.topics.Status("kiosk1"), 1, func(m client.Message) {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range []string{contract.Online, contract.Offline, contract.Lost} {
			if strings.Contains(string(m.Payload), `"state":"`+s+`"`) {
				states = append(states, s)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), states...)
	}
}

// A device may use only client ids of its own, on the embedded broker and
// on mosquitto with the plugin: a display that connects as the
// appliance's bus client is refused, the appliance stays online and a
// counter's commands meanwhile are all answered.
func TestClientIDTakeoverRefused(t *testing.T) {
	for _, kind := range mqtttest.Kinds() {
		t.Run(string(kind), func(t *testing.T) { clientIDTakeoverRefused(t, kind) })
	}
}

func clientIDTakeoverRefused(t *testing.T, kind mqtttest.Kind) {
	e := newEnv(t, kind, envOpts{upstreamDisabled: true})
	states := statusWatch(t, e)
	c1 := e.counter("ctr01")
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for range 10 {
			for _, name := range []string{contract.CmdPause, contract.CmdResume} {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				res, err := c1.Send(ctx, name, contract.Args{Reason: "break"})
				cancel()
				if err == nil && !res.OK {
					err = fmt.Errorf("%s refused: %s", name, res.Code)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}
	}()
	for range 5 {
		if hijack(t, e.url) {
			t.Fatal("a display connected with the appliance's client id")
		}
	}
	if err := <-errs; err != nil {
		t.Fatalf("a command during the attempts: %v", err)
	}
	e.waitRetained(e.topics.Status("kiosk1"), `"state":"online"`)
	for _, s := range states() {
		if s != contract.Online {
			t.Fatalf("the appliance's status went %s during the attempts: %v", s, states())
		}
	}
}

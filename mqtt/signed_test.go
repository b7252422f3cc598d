package mqtt_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

// newEnvWith is newEnv with a last say on the bus's configuration.
func newEnvWith(t testing.TB, kind mqtttest.Kind, o envOpts, edit func(*mqtt.Config)) *env {
	t.Helper()
	e := &env{t: t, ctx: t.Context(), kind: kind, clock: &testClock{}, topics: contract.Topics{Center: center}}
	e.eng = openEngine(t, e.clock)
	reg, devs := registry(t)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test", Devices: devs,
		QueueInterval: 20 * time.Millisecond, HealthEvery: time.Second}
	cfg.Upstream = mqtt.UpstreamConfig{Disabled: o.upstreamDisabled, AckTimeout: orDur(o.ackTimeout, time.Second),
		Retry: 100 * time.Millisecond}
	e.setupBrokers(kind, o, reg, &cfg)
	edit(&cfg)
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))
	return e
}

func newKey(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	must(t, err)
	return pub, priv
}

// serverSend signs (with priv, unless nil) and sends a command of actor
// "server" to ctr01.
func serverSend(t *testing.T, k *client.Commander, priv ed25519.PrivateKey, name string, cmd contract.Command) contract.Result {
	t.Helper()
	if priv != nil {
		cmd = contract.SignCommand(priv, center, "ctr01", name, cmd)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	res, err := k.SendCommand(ctx, name, cmd)
	must(t, err)
	return res
}

func wantRefused(t *testing.T, res contract.Result, code string) {
	t.Helper()
	if res.OK || res.Code != code || res.Error == "" {
		t.Fatalf("want refusal %s, got %+v", code, res)
	}
}

// Commands of actor "server" run only with a good signature by a listed
// key, unexpired and never seen; counters' unsigned commands still run.
func TestSignedServerCommands(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		pub, priv := newKey(t)
		_, other := newKey(t)
		e := newEnvWith(t, kind, envOpts{upstreamDisabled: true}, func(c *mqtt.Config) {
			c.ServerKeys = []string{base64.StdEncoding.EncodeToString(pub)}
		})
		e.issue("BLD")
		e.issue("BLD")
		srv, err := client.NewCommander(e.client(e.url, "server"), center, "ctr01", contract.ActorServer)
		must(t, err)
		srv.SetClock(e.clock)
		newCmd := func(args any) contract.Command {
			cmd, err := srv.New(args)
			must(t, err)
			return cmd
		}

		good := newCmd(nil)
		first := serverSend(t, srv, priv, contract.CmdNext, good)
		if !first.OK || first.Result == nil {
			t.Fatalf("signed next refused: %+v", first)
		}
		before := e.snapshot()

		tampered := contract.SignCommand(priv, center, "ctr01", contract.CmdPause, newCmd(contract.Args{Reason: "break"}))
		tampered.Args = json.RawMessage(`{"reason":"lunch"}`)
		wantRefused(t, serverSend(t, srv, nil, contract.CmdPause, tampered), contract.CodeBadSignature)
		wrongTopic := contract.SignCommand(priv, center, "ctr01", contract.CmdPause, newCmd(contract.Args{Reason: "break"}))
		wantRefused(t, serverSend(t, srv, nil, contract.CmdClose, wrongTopic), contract.CodeBadSignature)
		wantRefused(t, serverSend(t, srv, other, contract.CmdNext, newCmd(nil)), contract.CodeUnknownKey)
		wantRefused(t, serverSend(t, srv, nil, contract.CmdNext, newCmd(nil)), contract.CodeNoSignature)
		now := e.clock.Now()
		old := newCmd(nil)
		old.IssuedAt, old.ExpiresAt = contract.At(now.Add(-8*time.Minute)), contract.At(now.Add(-4*time.Minute))
		wantRefused(t, serverSend(t, srv, priv, contract.CmdNext, old), contract.CodeExpired)
		replay := serverSend(t, srv, priv, contract.CmdNext, good)
		wantRefused(t, replay, contract.CodeReplayed)
		if replay.Result == nil || *replay.Result != *first.Result {
			t.Fatalf("a replay's answer carries the first result %+v, got %+v", first.Result, replay.Result)
		}
		if after := e.snapshot(); !reflect.DeepEqual(before, after) {
			t.Fatalf("a refused server command changed the engine:\n%+v\n%+v", before, after)
		}

		mustOK(t, e.counter("ctr01"), contract.CmdNext, nil) // the LAN's unsigned command
	})
}

// A forged or mistyped key list is refused at New.
func TestServerKeysValidated(t *testing.T) {
	cfg := mqtt.Config{Center: center, Device: "kiosk1", ServerKeys: []string{"bm90IGEga2V5"},
		Broker: mqtt.BrokerConfig{StoreDir: t.TempDir()}}
	if err := cfg.Validate(); err == nil {
		t.Fatal("accepted a key of 9 bytes")
	}
	cfg.ServerKeys, cfg.NotifyKey = nil, "x"
	if err := cfg.Validate(); err == nil {
		t.Fatal("accepted a notify key that is not base64")
	}
}

// A signed command of the workflow server may be one of the manager's,
// on a counter device's topic: it changes that device's counter.
func TestSignedManagerCommand(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		pub, priv := newKey(t)
		e := newEnvWith(t, kind, envOpts{upstreamDisabled: true}, func(c *mqtt.Config) {
			c.ServerKeys = []string{base64.StdEncoding.EncodeToString(pub)}
		})
		srv, err := client.NewCommander(e.client(e.url, "server"), center, "ctr01", contract.ActorServer)
		must(t, err)
		srv.SetClock(e.clock)
		cmd, err := srv.New(contract.Args{Services: []contract.ServiceWeight{{Code: "SHOP", Weight: 3}}})
		must(t, err)
		if res := serverSend(t, srv, priv, contract.CmdSetServices, cmd); !res.OK || res.Result.Counter != 1 {
			t.Fatalf("signed set_services: %+v", res)
		}
		list, err := e.eng.CountersToday(e.ctx)
		must(t, err)
		if c := list[0]; c.Number != 1 || !c.Override || len(c.Services) != 1 || c.Services[0].Code != "SHOP" || c.Services[0].Weight != 3 {
			t.Fatalf("counter 1 today: %+v", c)
		}
	})
}

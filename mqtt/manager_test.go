package mqtt_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tabour/lang"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// The manager's commands, sent by the console's device as the web console
// sends them (Commander.SendAs): ticker and announce reach the retained
// hall topic, set_services changes the routing of the day; each is an
// audited event naming the console and the manager. A counter device
// sending them is refused not_allowed and changes nothing; the workflow
// server's device may send them. A restarted
// appliance publishes the day's hall state again.
func TestManagerCommands(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e, cfg := newRestartableEnv(t, kind)
		e.waitRetained(e.topics.Hall(), "{}") // published at start, empty on a new day

		con := e.counter("con1")
		send := func(actor, name string, args contract.Args) contract.Result {
			t.Helper()
			ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
			defer cancel()
			res, err := con.SendAs(ctx, actor, name, args)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		// sendBad sends a command the contract refuses on purpose.
		sendBad := func(name string, args contract.Args) contract.Result {
			t.Helper()
			cmd, err := con.NewAs("manager", args)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(cmd)
			e.rec.Exempt(b)
			ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
			defer cancel()
			res, err := con.SendCommand(ctx, name, cmd)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}

		// A counter device may not send them: nothing changes.
		ctr := e.counter("ctr02")
		before := e.snapshot()
		for _, c := range []struct {
			name string
			args contract.Args
		}{
			{contract.CmdTicker, contract.Args{Text: &contract.Text{AR: "مغلق", EN: "Closed"}}},
			{contract.CmdAnnounce, contract.Args{Text: &contract.Text{AR: "مغلق", EN: "Closed"}}},
			{contract.CmdSetServices, contract.Args{Services: []contract.ServiceWeight{{Code: "BLD", Weight: 1}}}},
		} {
			ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
			res, err := ctr.Send(ctx, c.name, c.args)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			if res.OK || res.Code != contract.CodeNotAllowed || res.Error == "" {
				t.Errorf("%s from a counter device: %+v, want not_allowed", c.name, res)
			}
		}
		if after := e.snapshot(); after.events != before.events {
			t.Fatalf("%d events after refused commands", after.events-before.events)
		}

		// ticker
		line := contract.Text{AR: "يغلق المركز الساعة الثانية اليوم", EN: "The center closes at 2 pm today"}
		if res := send("manager", contract.CmdTicker, contract.Args{Text: &line}); !res.OK {
			t.Fatalf("ticker: %+v", res)
		}
		hall := decodeHall(t, e.waitRetained(e.topics.Hall(), line.EN))
		if hall.Ticker == nil || *hall.Ticker != line || hall.Announcement != nil {
			t.Fatalf("hall after ticker: %+v", hall)
		}
		// refusals: personal data, too long, an empty announcement
		for _, c := range []struct {
			name string
			text contract.Text
			code string
		}{
			{contract.CmdTicker, contract.Text{EN: "call 01012345678"}, contract.CodePersonalData},
			{contract.CmdAnnounce, contract.Text{AR: strings.Repeat("ا", contract.MaxTextRunes+1)}, contract.CodeInvalidArgs},
			{contract.CmdAnnounce, contract.Text{}, contract.CodeInvalidArgs},
		} {
			if res := sendBad(c.name, contract.Args{Text: &c.text}); res.OK || res.Code != c.code {
				t.Errorf("%s %q: %+v, want %s", c.name, c.text, res, c.code)
			}
		}

		// announce
		msg := contract.Text{AR: "برجاء تجهيز الأوراق قبل النداء", EN: "Please have your papers ready"}
		if res := send("manager", contract.CmdAnnounce, contract.Args{Text: &msg}); !res.OK {
			t.Fatalf("announce: %+v", res)
		}
		hall = decodeHall(t, e.waitRetained(e.topics.Hall(), msg.EN))
		if a := hall.Announcement; a == nil || a.Text != msg || a.ID == "" || a.At.IsZero() || hall.Ticker == nil {
			t.Fatalf("hall after announce: %+v", hall)
		}

		// set_services: counter 2 (SHOP only) takes building permits today.
		tk := e.issue("BLD")
		if res := send("manager", contract.CmdSetServices, contract.Args{Counter: 2,
			Services: []contract.ServiceWeight{{Code: "BLD", Weight: 2}, {Code: "SHOP", Weight: 1}}}); !res.OK || res.Result.Counter != 2 {
			t.Fatalf("set_services: %+v", res)
		}
		for _, c := range []struct {
			args contract.Args
			code string
		}{
			{contract.Args{Counter: 2, Services: []contract.ServiceWeight{{Code: "NOPE", Weight: 1}}}, contract.CodeUnknownService},
			{contract.Args{Counter: 2, Services: []contract.ServiceWeight{{Code: "BLD", Weight: 10}}}, contract.CodeInvalidArgs},
			{contract.Args{Counter: 7, Services: []contract.ServiceWeight{{Code: "BLD", Weight: 1}}}, contract.CodeUnknownCounter},
			{contract.Args{Counter: 2}, contract.CodeInvalidArgs},
		} {
			if res := sendBad(contract.CmdSetServices, c.args); res.OK || res.Code != c.code {
				t.Errorf("set_services %+v: %+v, want %s", c.args, res, c.code)
			}
		}
		ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
		res, err := ctr.Send(ctx, contract.CmdNext, nil)
		cancel()
		if err != nil || !res.OK || res.Result.Ticket != tk.Label {
			t.Fatalf("next at counter 2 after set_services: %+v %v, want %s", res, err, tk.Label)
		}

		// Audited: one event each, naming the console and the manager.
		want := map[string]int{queue.EvHallTicker: 1, queue.EvAnnounced: 1, queue.EvCounterServices: 1}
		for _, ev := range allEvents(t, e.eng) {
			if _, ok := want[ev.Type]; !ok {
				continue
			}
			want[ev.Type]--
			var d struct {
				IssuedBy string `json:"issued_by"`
				Actor    string `json:"actor"`
			}
			if err := json.Unmarshal([]byte(ev.Data), &d); err != nil || d.IssuedBy != "con1" || d.Actor != "manager" {
				t.Errorf("%s: data %s, want issued by con1 for manager", ev.Type, ev.Data)
			}
		}
		for typ, n := range want {
			if n != 0 {
				t.Errorf("%s: %d events too few", typ, n)
			}
		}
		if rep, err := e.eng.Verify(e.ctx); err != nil || !rep.OK() {
			t.Fatalf("audit verify: %+v %v", rep, err)
		}

		// The workflow server's own device may send them too.
		srv := e.counter("server")
		byServer := contract.Text{AR: "رسالة من الإدارة", EN: "A word from head office"}
		ctx, cancel = context.WithTimeout(e.ctx, 10*time.Second)
		res, err = srv.SendAs(ctx, "ops-desk", contract.CmdTicker, contract.Args{Text: &byServer})
		cancel()
		if err != nil || !res.OK {
			t.Fatalf("ticker from the server's device: %+v %v", res, err)
		}
		e.waitRetained(e.topics.Hall(), byServer.EN)

		// A restart publishes the day's hall state again, from the events.
		e.stop()
		later := lang.Text{AR: "المركز مفتوح حتى الرابعة", EN: "Open until 4 pm"}
		if err := e.eng.SetHallTicker(e.ctx, later); err != nil {
			t.Fatal(err)
		}
		e.start(cfg)
		hall = decodeHall(t, e.waitRetained(e.topics.Hall(), later.EN))
		if hall.Announcement == nil || hall.Announcement.Text != msg {
			t.Fatalf("hall after a restart: %+v", hall)
		}
	})
}

func decodeHall(t *testing.T, b []byte) contract.Hall {
	t.Helper()
	var h contract.Hall
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatalf("hall payload %s: %v", b, err)
	}
	return h
}

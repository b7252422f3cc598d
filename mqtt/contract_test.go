package mqtt_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// craft returns a valid chain of n events of device d.
func craft(n int) []contract.Event {
	prev := queue.GenesisHash
	out := make([]contract.Event, n)
	for i := range out {
		ev := queue.Event{Seq: int64(i + 1), ID: "0190a1b2-c3d4-7e5f-8a6b-" + strings.Repeat("0", 11) + string(rune('a'+i)),
			Device: "kiosk9", BootID: "boot", Type: queue.EvIssued, Ticket: "A001", Service: "BLD",
			Data: `{"kind":"submit"}`, At: time.Date(2026, 11, 22, 7, 0, i, 0, time.UTC), PrevHash: prev}
		ev.Hash = ev.ComputeHash()
		prev = ev.Hash
		out[i] = wire.EventFrom(ev)
	}
	return out
}

// The AsyncAPI document compiles and accepts each payload type; every
// test's recorder also validates every payload published during the test.
func TestAsyncAPIContract(t *testing.T) {
	c, err := mqtttest.LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	tp := contract.Topics{Center: center}
	now := contract.At(time.Now())
	ewt := int64(300)
	good := map[string]any{
		tp.Status("kiosk1"):                   contract.Status{State: contract.Online, BootID: "b", Version: "1", Since: now},
		tp.Status("kiosk2"):                   contract.Status{State: contract.Online, BootID: "b", Version: "1", Since: now, Printer: "paper_out"},
		tp.Status("kiosk3"):                   contract.Status{State: contract.Online, BootID: "b", Version: "1", Since: now, HeartbeatAt: now, EveryS: 5},
		tp.Health("kiosk1"):                   contract.Health{Printer: "ok", Outbox: &contract.OutboxHealth{Count: 1, Oldest: &now, AgeS: 3}, Upstream: "connected", AsOf: now},
		tp.Health("kiosk2"):                   contract.Health{Upstream: contract.UpstreamNoAcks + now.Format(contract.TimeLayout), AsOf: now},
		tp.Queue("BLD"):                       contract.Queue{Service: "BLD", Waiting: 2, EWTS: &ewt, AsOf: now},
		tp.Queue("SHOP"):                      contract.Queue{Service: "SHOP", Waiting: 0, AsOf: now, Name: &contract.Text{AR: "محل", EN: "Shop"}},
		tp.Serving(1):                         contract.Serving{Counter: 1, Ticket: "A001", Service: "BLD", State: "called", CounterState: "open", Since: now},
		tp.Serving(2):                         contract.Serving{Counter: 2, State: "idle", CounterState: "open", Since: now, Label: &contract.Text{AR: "شباك ٢", EN: "Window 2"}},
		tp.Events("kiosk1"):                   craft(1)[0],
		tp.Ack("kiosk1"):                      contract.Ack{Acked: []string{"x"}},
		tp.Cmd("ctr01", "call"):               contract.Command{CmdID: "c1", Actor: "a", IssuedAt: now, ExpiresAt: now, Args: json.RawMessage(`{"ticket":"A001","reason":"returned","note":"documents ready"}`)},
		tp.Cmd("ctr01", "pause"):              contract.Command{CmdID: "c2", Actor: "a", IssuedAt: now, ExpiresAt: now, Args: json.RawMessage(`{"reason":"prayer"}`)},
		tp.Res("ctr01", "c1"):                 contract.Result{CmdID: "c1", OK: true, Result: &contract.CommandResult{Counter: 1, Ticket: "A001", State: "called", Reason: "manual"}},
		tp.ConfigDesired("hall1"):             map[string]any{"version": 3, "config": map[string]any{}},
		tp.Hall():                             contract.Hall{Ticker: &contract.Text{AR: "مرحبا", EN: "Welcome"}, Announcement: &contract.Announcement{ID: "x", Text: contract.Text{AR: "ا", EN: "a"}, At: now}},
		tp.Cmd("con1", "set_services"):        contract.Command{CmdID: "c3", Actor: "a", IssuedAt: now, ExpiresAt: now, Args: json.RawMessage(`{"counter":2,"services":[{"code":"BLD","weight":3}]}`)},
		tp.Cmd("con1", "announce"):            contract.Command{CmdID: "c4", Actor: "a", IssuedAt: now, ExpiresAt: now, Args: json.RawMessage(`{"text":{"ar":"ا","en":"a"}}`)},
		tp.Res("con1", "c4"):                  contract.Result{CmdID: "c4", OK: true, Result: &contract.CommandResult{}},
		tp.Cmd("kiosk2", "rate"):              contract.Command{CmdID: "c5", Actor: "citizen", IssuedAt: now, ExpiresAt: now, Args: json.RawMessage(`{"ticket":"A001","score":4,"reasons":["quick","polite"]}`)},
		tp.Res("kiosk2", "c5"):                contract.Result{CmdID: "c5", Code: contract.CodeAlreadyRated, Error: "x"},
		tp.Res("ctr01", contract.MalformedID): contract.Result{CmdID: contract.MalformedID, Code: contract.CodeMalformed, Error: "x"},
	}
	for topic, v := range good {
		b, _ := json.Marshal(v)
		if err := c.Validate(topic, b); err != nil {
			t.Errorf("%v", err)
		}
	}
	for _, st := range contract.PrinterStates {
		for topic, v := range map[string]any{
			tp.Status("kiosk1"): contract.Status{State: contract.Online, BootID: "b", Version: "1", Since: now, Printer: st},
			tp.Health("kiosk1"): contract.Health{Printer: st, AsOf: now},
		} {
			b, _ := json.Marshal(v)
			if err := c.Validate(topic, b); err != nil {
				t.Errorf("printer %s: %v", st, err)
			}
		}
	}
	for _, st := range contract.ScannerStates {
		b, _ := json.Marshal(contract.Health{Scanner: st, AsOf: now})
		if err := c.Validate(tp.Health("kiosk1"), b); err != nil {
			t.Errorf("scanner %s: %v", st, err)
		}
	}
	bad := map[string]string{
		tp.Status("kiosk1"):            `{"state":"asleep","boot_id":"b","version":"1","since":"2026-11-22T07:00:00.000Z"}`,
		tp.Serving(1):                  `{"counter":1,"state":"called","counter_state":"open","since":"2026-11-22T07:00:00Z"}`,
		tp.Queue("BLD"):                `{"service":"BLD","waiting":1}`,
		tp.Hall():                      `{"announcement":{"id":"x","text":{"ar":"","en":""}}}`,
		tp.Cmd("con1", "set_services"): `{"cmd_id":"c","actor":"a","issued_at":"2026-11-22T07:00:00.000Z","expires_at":"2026-11-22T07:00:00.000Z","args":{"services":[{"code":"B","weight":10}]}}`,
		tp.Health("kiosk1"):            `{"upstream":"no acks since yesterday","as_of":"2026-11-22T07:00:00.000Z"}`,
		tp.Cmd("kiosk2", "rate"):       `{"cmd_id":"c","actor":"a","issued_at":"2026-11-22T07:00:00.000Z","expires_at":"2026-11-22T07:00:00.000Z","args":{"ticket":"A001","score":6}}`,
		tp.Cmd("kiosk3", "rate"):       `{"cmd_id":"c","actor":"a","issued_at":"2026-11-22T07:00:00.000Z","expires_at":"2026-11-22T07:00:00.000Z","args":{"ticket":"A001","score":3,"reasons":["bored"]}}`,
		tp.Cmd("kiosk4", "rate"):       `{"cmd_id":"c","actor":"a","issued_at":"2026-11-22T07:00:00.000Z","expires_at":"2026-11-22T07:00:00.000Z","args":{"ticket":"A001","score":3,"reasons":["slow","slow"]}}`,
		tp.Health("kiosk2"):            `{"printer":"jammed","as_of":"2026-11-22T07:00:00.000Z"}`,
		tp.Res("ctr01", "x"):           `{"cmd_id":"x","ok":false,"national_id":"1"}`,
		"tabour/v1/x/nope/y":           `{}`,
	}
	for topic, p := range bad {
		if c.Validate(topic, []byte(p)) == nil {
			t.Errorf("accepted %s on %s", p, topic)
		}
	}
}

// Every event type the queue engine writes (its Ev... constants) is in the
// contract: an event the schema refuses would still be relayed, and every
// consumer that validates would reject it.
func TestContractKnowsEveryEventType(t *testing.T) {
	c, err := mqtttest.LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	types := queueEventTypes(t)
	if len(types) < 10 {
		t.Fatalf("found only %d event types in package queue: %v", len(types), types)
	}
	for _, typ := range types {
		ev := craft(1)[0]
		ev.Type = typ
		b, _ := json.Marshal(ev)
		if err := c.Validate(contract.Topics{Center: center}.Events("kiosk1"), b); err != nil {
			t.Errorf("event type %s: %v", typ, err)
		}
	}
}

// queueEventTypes reads the values of package queue's Ev... string
// constants from its source.
func queueEventTypes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "queue", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, eventConsts(f)...)
	}
	return types
}

func eventConsts(f *ast.File) []string {
	var out []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if !strings.HasPrefix(n.Name, "Ev") || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					v, _ := strconv.Unquote(lit.Value)
					out = append(out, v)
				}
			}
		}
	}
	return out
}

package mqtt_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"tabour/mqtt/contract"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// hashCases are events whose hash the contract must compute as the engine
// does: Arabic text, characters encoding/json escapes (<, >, &, U+2028),
// quotes and backslashes in data, zero and negative values, times before
// 1970 and at the zero time.
var hashCases = []queue.Event{
	{Seq: 1, ID: "0190a1b2-c3d4-7e5f-8a6b-00000000000a", Device: "kiosk1", BootID: "boot", Type: queue.EvIssued,
		TicketID: 7, Ticket: "A001", Service: "BLD", Data: `{"kind":"submit"}`,
		At: time.Date(2026, 11, 22, 7, 0, 0, 0, time.UTC), PrevHash: queue.GenesisHash},
	{Seq: 42, ID: "معرّف", Device: "كشك-١", BootID: "تشغيل", Type: queue.EvCalled, TicketID: 1 << 40,
		Ticket: "أ٠٠١", Service: "ترخيص أعمال بناء", Counter: 3, Reason: "يدوي — «عاجل»",
		Data: `{"note":"مراجعة <b>&amp;</b> \"x\" \\ y"}`, At: time.Date(2026, 3, 1, 23, 59, 59, 999_999_999, time.FixedZone("EET", 2*3600)),
		PrevHash: "ab"},
	{Seq: -1, ID: "<script>&</script>", Device: "a&b", BootID: "<>", Type: "x>y", TicketID: -5, Ticket: "&lt;",
		Service: "\u2028\u2029", Counter: -2, Reason: "\x00\t\n\"", Data: "<&>",
		At: time.Date(1969, 12, 31, 23, 59, 59, 500_000_001, time.UTC), PrevHash: "<&>"},
	{}, // every field zero, At the zero time
	{Seq: 1 << 62, Counter: 1 << 30, At: time.Unix(-1, 1), Data: "\xff\xfe invalid UTF-8"},
}

// The contract computes an event's hash exactly as the engine does, so a
// consumer that imports only the contract can check what the appliance
// sent. Two values are pinned, as a verifier in another language computes
// them: a plain event, and one whose <, > and & are escaped as \u003c,
// \u003e and \u0026.
func TestEventHashAgrees(t *testing.T) {
	for _, ev := range hashCases {
		checkHashAgrees(t, ev)
	}
	for i, want := range map[int]string{
		0: "57879ed8d0056de84bc4f259f7f9249054a31227b0a644859c1450cd626fc9f1",
		2: "2f8021c3decfaa4b6762f530b7bf6adab758396d94f140e0ba89f33a5e29dbee",
	} {
		if got := wire.EventFrom(hashCases[i]).ComputeHash(); got != want {
			t.Errorf("hash of %+v = %s, want %s", hashCases[i], got, want)
		}
	}
}

// Every event a real engine logs passes the contract's check.
func TestEngineEventsPassContractHash(t *testing.T) {
	eng := openEngine(t, &testClock{})
	ctx := context.Background()
	for _, svc := range []string{"BLD", "SHOP", "BLD"} {
		if _, err := eng.Issue(ctx, queue.IssueRequest{Service: svc}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := eng.CallNext(ctx, 1); err != nil {
		t.Fatal(err)
	}
	evs := allEvents(t, eng)
	if len(evs) < 7 {
		t.Fatalf("%d events", len(evs))
	}
	for _, ev := range evs {
		if e := wire.EventFrom(ev); !e.HashOK() {
			t.Errorf("event %d (%s): contract hash %s, engine %s", ev.Seq, ev.Type, e.ComputeHash(), ev.Hash)
		}
	}
}

func FuzzEventHashAgrees(f *testing.F) {
	for _, ev := range hashCases {
		f.Add(ev.Seq, ev.ID, ev.Device, ev.BootID, ev.Type, ev.TicketID, ev.Ticket, ev.Service, ev.Counter,
			ev.Reason, ev.Data, ev.At.Unix(), int64(ev.At.Nanosecond()), ev.PrevHash)
	}
	f.Fuzz(func(t *testing.T, seq int64, id, device, bootID, typ string, ticketID int64, ticket, service string,
		counter int, reason, data string, sec, nsec int64, prev string) {
		checkHashAgrees(t, queue.Event{Seq: seq, ID: id, Device: device, BootID: bootID, Type: typ, TicketID: ticketID,
			Ticket: ticket, Service: service, Counter: counter, Reason: reason, Data: data, At: time.Unix(sec, nsec),
			PrevHash: prev})
	})
}

// checkHashAgrees checks that the contract's hash of ev equals the
// engine's, that HashOK accepts the engine's hash and refuses another,
// and, for an event the wire carries unchanged (valid UTF-8, a year the
// contract's time format writes), that the hash survives the JSON a
// consumer receives.
func checkHashAgrees(t *testing.T, ev queue.Event) {
	t.Helper()
	want := ev.ComputeHash()
	ev.Hash = want
	e := wire.EventFrom(ev)
	if got := e.ComputeHash(); got != want {
		t.Fatalf("contract hash %s, engine %s, of %+v", got, want, ev)
	}
	if !e.HashOK() {
		t.Fatalf("HashOK refuses the engine's hash of %+v", ev)
	}
	e.Seq++
	if e.HashOK() {
		t.Fatalf("HashOK accepts a changed seq of %+v", ev)
	}
	e.Seq--
	if !wireSafe(ev) {
		return
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back contract.Event
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	if !back.HashOK() {
		t.Fatalf("the hash does not survive the wire: %s", b)
	}
}

// wireSafe reports whether JSON carries ev's strings and time unchanged.
func wireSafe(ev queue.Event) bool {
	for _, s := range []string{ev.ID, ev.Device, ev.BootID, ev.Type, ev.Ticket, ev.Service, ev.Reason, ev.Data, ev.PrevHash, ev.Hash} {
		if !utf8.ValidString(s) {
			return false
		}
	}
	y := ev.At.UTC().Year()
	return y >= 1 && y <= 9999
}

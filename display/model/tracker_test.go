package model_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"tabour/display/model"
	"tabour/mqtt/contract"
)

const (
	center    = "ism-fayed"
	appliance = "kiosk1"
)

var (
	tp = contract.Topics{Center: center}
	t0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
)

func at(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }

func newTracker() *model.Tracker {
	return model.NewTracker(model.TrackerOpts{Center: center, Appliance: appliance})
}

// step is one input to a tracker: a message (topic and payload), a
// connection change or a tick, at a time.
type step struct {
	topic   string
	payload any // marshalled to JSON; a string or []byte is sent as is
	conn    string
	at      time.Time
}

func serving(counter int, ticket, state string, since time.Time) step {
	return servingIn(counter, ticket, state, "open", since)
}

func servingIn(counter int, ticket, state, counterState string, since time.Time) step {
	return step{topic: tp.Serving(counter), payload: contract.Serving{Counter: counter, Ticket: ticket, Service: "BLD",
		State: state, CounterState: counterState, Since: contract.At(since)}, at: since}
}

func called(counter int, ticket string, since time.Time) step {
	return serving(counter, ticket, contract.AtCounterCalled, since)
}

func idle(counter int, since time.Time) step {
	return serving(counter, "", contract.AtCounterIdle, since)
}

// arriving makes s arrive at a given time.
func (s step) arriving(t time.Time) step { s.at = t; return s }

func statusAt(state string, beat time.Time) step {
	return step{topic: tp.Status(appliance), payload: contract.Status{State: state, BootID: "b1", Version: "1",
		Since: contract.At(t0), HeartbeatAt: contract.At(beat), EveryS: 5}, at: beat}
}

func conn(what string, t time.Time) step { return step{conn: what, at: t} }

func tick(t time.Time) step { return step{conn: "tick", at: t} }

func payload(t testing.TB, v any) []byte {
	switch v := v.(type) {
	case string:
		return []byte(v)
	case []byte:
		return v
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run feeds steps and returns the calls announced, as "A001@1" and
// "A001@1 recall".
func run(t *testing.T, tr *model.Tracker, steps []step) []string {
	t.Helper()
	var got []string
	for i, s := range steps {
		switch s.conn {
		case "up":
			tr.Connected(s.at)
			continue
		case "down":
			tr.Disconnected(s.at)
			continue
		case "tick":
			tr.Tick(s.at)
			continue
		}
		up, err := tr.Feed(s.topic, payload(t, s.payload), s.at)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if c := up.Announce; c != nil {
			a := fmt.Sprintf("%s@%d", c.Ticket, c.Counter)
			if c.Recall {
				a += " recall"
			}
			got = append(got, a)
		}
	}
	return got
}

func tickets(h model.Hall) []string {
	var out []string
	if h.Newest != nil {
		out = append(out, fmt.Sprintf("%s@%d", h.Newest.Ticket, h.Newest.Counter))
	}
	for _, c := range h.Recent {
		out = append(out, fmt.Sprintf("%s@%d", c.Ticket, c.Counter))
	}
	return out
}

func TestAnnouncements(t *testing.T) {
	tests := []struct {
		name     string
		steps    []step
		announce []string
		shown    []string // newest first
	}{
		{name: "nothing", shown: nil},
		{name: "a call", steps: []step{called(1, "A001", at(1))}, announce: []string{"A001@1"}, shown: []string{"A001@1"}},
		{name: "two counters", steps: []step{called(1, "A001", at(1)), called(2, "B001", at(2))},
			announce: []string{"A001@1", "B001@2"}, shown: []string{"B001@2", "A001@1"}},
		{name: "next ticket at the same counter",
			steps:    []step{called(1, "A001", at(1)), called(1, "A002", at(5))},
			announce: []string{"A001@1", "A002@1"}, shown: []string{"A002@1", "A001@1"}},
		{name: "recall", steps: []step{called(1, "A001", at(1)), called(1, "A001", at(20))},
			announce: []string{"A001@1", "A001@1 recall"}, shown: []string{"A001@1"}},
		{name: "recall after serving", steps: []step{called(1, "A001", at(1)),
			serving(1, "A001", contract.AtCounterServing, at(5)), called(1, "A001", at(20))},
			announce: []string{"A001@1", "A001@1 recall"}, shown: []string{"A001@1"}},
		{name: "duplicate delivery", steps: []step{called(1, "A001", at(1)), called(1, "A001", at(1)).arriving(at(2)),
			called(1, "A001", at(1)).arriving(at(3))},
			announce: []string{"A001@1"}, shown: []string{"A001@1"}},
		{name: "retained copy after a reconnect", steps: []step{conn("up", at(0)), called(1, "A001", at(1)),
			conn("down", at(10)), conn("up", at(12)), called(1, "A001", at(1)).arriving(at(12))},
			announce: []string{"A001@1"}, shown: []string{"A001@1"}},
		{name: "a call made while disconnected", steps: []step{conn("up", at(0)), called(1, "A001", at(1)),
			conn("down", at(10)), conn("up", at(30)), called(1, "A002", at(20)).arriving(at(30))},
			announce: []string{"A001@1", "A002@1"}, shown: []string{"A002@1", "A001@1"}},
		{name: "out of order at one counter", steps: []step{called(1, "A002", at(5)), called(1, "A001", at(1)).arriving(at(6))},
			announce: []string{"A002@1"}, shown: []string{"A002@1"}},
		{name: "idle then a late call", steps: []step{called(1, "A001", at(1)), idle(1, at(5)),
			called(1, "A001", at(1)).arriving(at(6))},
			announce: []string{"A001@1"}, shown: []string{"A001@1"}},
		{name: "out of order across counters", steps: []step{called(2, "B001", at(5)), called(1, "A001", at(3)).arriving(at(6))},
			announce: []string{"B001@2", "A001@1"}, shown: []string{"B001@2", "A001@1"}},
		{name: "transfer", steps: []step{called(1, "A001", at(1)), idle(1, at(10)), called(3, "A001", at(30))},
			announce: []string{"A001@1", "A001@3"}, shown: []string{"A001@3"}},
		{name: "transfer, the old window's idle delivered last", steps: []step{called(1, "A001", at(1)),
			called(3, "A001", at(30)), idle(1, at(29)).arriving(at(31))},
			announce: []string{"A001@1", "A001@3"}, shown: []string{"A001@3"}},
		{name: "transfer then recall at the new window", steps: []step{called(1, "A001", at(1)), idle(1, at(10)),
			called(3, "A001", at(30)), called(3, "A001", at(50))},
			announce: []string{"A001@1", "A001@3", "A001@3 recall"}, shown: []string{"A001@3"}},
		{name: "transfer delivered before the first call", steps: []step{called(3, "A001", at(30)),
			called(1, "A001", at(1)).arriving(at(31))},
			announce: []string{"A001@3"}, shown: []string{"A001@3"}},
		{name: "old calls at start are shown, not announced", steps: []step{
			called(1, "A001", at(1)).arriving(at(200)), called(2, "B001", at(150)).arriving(at(200)),
			called(3, "A002", at(210))},
			announce: []string{"B001@2", "A002@3"}, shown: []string{"A002@3", "B001@2", "A001@1"}},
		{name: "a ticket served at start is listed, not announced", steps: []step{
			serving(1, "A001", contract.AtCounterServing, at(100)).arriving(at(101))},
			shown: []string{"A001@1"}},
		{name: "served after its call: no second announcement", steps: []step{called(1, "A001", at(1)),
			serving(1, "A001", contract.AtCounterServing, at(5)), serving(1, "A001", contract.AtCounterServing, at(5))},
			announce: []string{"A001@1"}, shown: []string{"A001@1"}},
		{name: "the counter pauses under its called ticket", steps: []step{called(1, "A001", at(1)),
			servingIn(1, "A001", contract.AtCounterCalled, "paused", at(5))},
			announce: []string{"A001@1"}, shown: []string{"A001@1"}},
		{name: "idle and counter state changes are no calls", steps: []step{idle(1, at(1)),
			servingIn(1, "", contract.AtCounterIdle, "paused", at(2)), servingIn(1, "", contract.AtCounterIdle, "closed", at(3))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTracker()
			got := run(t, tr, tc.steps)
			if !reflect.DeepEqual(got, tc.announce) {
				t.Errorf("announced %q, want %q", got, tc.announce)
			}
			if shown := tickets(tr.Snapshot(at(300))); !reflect.DeepEqual(shown, tc.shown) {
				t.Errorf("shown %q, want %q", shown, tc.shown)
			}
		})
	}
}

// A call delivered live is announced whatever its since says (the
// appliance's clock may be behind the display's, or set back) and listed
// first; one delivered as a retained copy only if it is recent and newer
// than the counter's. Duplicates are dropped either way.
func TestLiveCallsAreAnnouncedWhateverTheirAge(t *testing.T) {
	tr := newTracker()
	msg := func(ticket string, since time.Time, live bool) model.Message {
		m, err := model.Decode(center, appliance, tp.Serving(1), payload(t, contract.Serving{Counter: 1, Ticket: ticket,
			State: "called", CounterState: "open", Since: contract.At(since)}))
		if err != nil {
			t.Fatal(err)
		}
		m.Live = live
		return m
	}
	now := at(3600)
	if up := tr.Apply(msg("A001", at(1), false), now); up.Announce != nil || !up.Changed {
		t.Errorf("an old retained call: %+v", up)
	}
	if up := tr.Apply(msg("A002", at(2), true), now); up.Announce == nil || up.Announce.Ticket != "A002" {
		t.Errorf("an old live call: %+v", up)
	}
	if up := tr.Apply(msg("A002", at(2), true), now); up.Announce != nil || up.Changed {
		t.Errorf("the same live call again: %+v", up)
	}
	if up := tr.Apply(msg("A003", at(1), false), now); up.Announce != nil || up.Changed {
		t.Errorf("a retained call older than the counter's: %+v", up)
	}
	// The appliance's clock was set back: its live calls are still the
	// newest.
	if up := tr.Apply(msg("A004", at(1), true), now); up.Announce == nil || up.Announce.Ticket != "A004" {
		t.Errorf("a live call older than the counter's: %+v", up)
	}
	if got := tickets(tr.Snapshot(now)); !reflect.DeepEqual(got, []string{"A004@1", "A002@1", "A001@1"}) {
		t.Errorf("shown %q", got)
	}
}

func TestRecentKeepsMaxRecentDistinctCalls(t *testing.T) {
	tr := newTracker()
	var steps []step
	for i := 1; i <= 12; i++ {
		steps = append(steps, called(1+i%3, fmt.Sprintf("A%03d", i), at(i)))
	}
	steps = append(steps, called(3, "A011", at(20))) // a recall moves it to the front
	run(t, tr, steps)
	h := tr.Snapshot(at(30))
	if len(h.Recent) != model.MaxRecent {
		t.Fatalf("%d recent calls, want %d", len(h.Recent), model.MaxRecent)
	}
	want := []string{"A011@3", "A012@1", "A010@2", "A009@1", "A008@3", "A007@2", "A006@1", "A005@3"}
	if got := tickets(h); !reflect.DeepEqual(got, want) {
		t.Errorf("shown %q, want %q", got, want)
	}
	if !h.Newest.Recall {
		t.Error("the newest call is a recall")
	}
	// A call older than all shown is neither listed nor announced.
	if up := tr.Serving(contract.Serving{Counter: 9, Ticket: "C001", State: "called", CounterState: "open",
		Since: contract.At(at(2))}, at(30)); up.Announce != nil {
		t.Errorf("announced %+v, older than every call shown", *up.Announce)
	}
	if got := tickets(tr.Snapshot(at(31))); !reflect.DeepEqual(got, want) {
		t.Errorf("shown %q, want %q", got, want)
	}
}

func TestCallCarriesWindowAndService(t *testing.T) {
	tr := newTracker()
	label := contract.Text{AR: "شباك ٤", EN: "Window 4"}
	s := contract.Serving{Counter: 4, Ticket: "A023", Service: "BLD", State: "called", CounterState: "open",
		Since: contract.At(at(1)), Label: &label}
	up, err := tr.Feed(tp.Serving(4), payload(t, s), at(2))
	if err != nil {
		t.Fatal(err)
	}
	want := model.Call{Ticket: "A023", Counter: 4, Window: label, Service: "BLD", At: at(1)}
	if up.Announce == nil || *up.Announce != want {
		t.Fatalf("announced %+v, want %+v", up.Announce, want)
	}
	if h := tr.Snapshot(at(3)); h.Newest == nil || *h.Newest != want || len(h.Recent) != 0 {
		t.Errorf("hall %+v", h)
	}
	// The window's new name replaces the old one without a new call.
	label2 := contract.Text{AR: "شباك ٤ب", EN: "Window 4B"}
	s.Label = &label2
	up, err = tr.Feed(tp.Serving(4), payload(t, s), at(4))
	if err != nil || up.Announce != nil || !up.Changed {
		t.Fatalf("renamed window: %+v, %v", up, err)
	}
	if h := tr.Snapshot(at(5)); h.Newest.Window != label2 {
		t.Errorf("window %+v, want %+v", h.Newest.Window, label2)
	}
}

// Calls older than KeepFor are no longer shown: the morning does not open
// on yesterday's calls.
func TestOldCallsAreForgotten(t *testing.T) {
	tr := newTracker()
	run(t, tr, []step{called(1, "A001", at(1)), called(2, "A002", at(3600))})
	if got := tickets(tr.Snapshot(at(12 * 3600))); !reflect.DeepEqual(got, []string{"A002@2", "A001@1"}) {
		t.Errorf("shown %q", got)
	}
	if got := tickets(tr.Snapshot(at(2 + 12*3600))); !reflect.DeepEqual(got, []string{"A002@2"}) {
		t.Errorf("shown %q", got)
	}
	if h := tr.Snapshot(at(3601 + 12*3600)); h.Newest != nil || len(h.Recent) != 0 {
		t.Errorf("hall %+v", h)
	}
}

func TestOpen(t *testing.T) {
	tr := newTracker()
	if tr.Snapshot(at(0)).Open {
		t.Error("open with no counter")
	}
	run(t, tr, []step{servingIn(1, "", "idle", "closed", at(1)), servingIn(2, "", "idle", "paused", at(1))})
	if tr.Snapshot(at(2)).Open {
		t.Error("open with counters closed and paused")
	}
	run(t, tr, []step{servingIn(2, "", "idle", "open", at(3))})
	if !tr.Snapshot(at(4)).Open {
		t.Error("not open with counter 2 open")
	}
	run(t, tr, []step{servingIn(2, "", "idle", "closed", at(5))})
	if tr.Snapshot(at(6)).Open {
		t.Error("open after the last counter closed")
	}
}

func TestLines(t *testing.T) {
	tr := newTracker()
	ewt := int64(600)
	name := contract.Text{AR: "ترخيص", EN: "Permit"}
	qs := []contract.Queue{
		{Service: "SHOP", Waiting: 2, AsOf: contract.At(at(1))},
		{Service: "BLD", Waiting: 5, EWTS: &ewt, AsOf: contract.At(at(1)), Name: &name},
	}
	for _, q := range qs {
		up, err := tr.Feed(tp.Queue(q.Service), payload(t, q), at(2))
		if err != nil || !up.Changed {
			t.Fatalf("%s: %+v, %v", q.Service, up, err)
		}
	}
	want := []model.Line{{Service: "BLD", Name: name, Waiting: 5, Wait: 10 * time.Minute},
		{Service: "SHOP", Waiting: 2, Wait: -1}}
	if got := tr.Snapshot(at(3)).Lines; !reflect.DeepEqual(got, want) {
		t.Errorf("lines %+v, want %+v", got, want)
	}
	// An older figure delivered late is dropped; the same figures with a
	// newer as_of change nothing shown.
	old := contract.Queue{Service: "SHOP", Waiting: 9, AsOf: contract.At(at(0))}
	if up, _ := tr.Feed(tp.Queue("SHOP"), payload(t, old), at(4)); up.Changed {
		t.Error("an older queue message changed the hall")
	}
	same := qs[0]
	same.AsOf = contract.At(at(5))
	if up, _ := tr.Feed(tp.Queue("SHOP"), payload(t, same), at(5)); up.Changed {
		t.Error("the same figures changed the hall")
	}
	if got := tr.Snapshot(at(6)).Lines; !reflect.DeepEqual(got, want) {
		t.Errorf("lines %+v, want %+v", got, want)
	}
}

func TestLink(t *testing.T) {
	type check struct {
		link  model.Link
		since time.Time
	}
	tests := []struct {
		name  string
		steps []step
		at    time.Time
		want  check
	}{
		{name: "connecting", at: at(1), want: check{model.Connecting, at(1)}},
		{name: "a failed first attempt is still connecting", steps: []step{conn("down", at(1))}, at: at(2),
			want: check{model.Connecting, at(2)}},
		{name: "live", steps: []step{conn("up", at(1)), statusAt("online", at(2))}, at: at(3),
			want: check{model.Live, at(2)}},
		{name: "connected, waiting for the status", steps: []step{conn("up", at(1))}, at: at(3),
			want: check{model.Connecting, at(1)}},
		{name: "connected, no status", steps: []step{conn("up", at(1)), tick(at(4)), tick(at(7))}, at: at(8),
			want: check{model.ApplianceLost, at(7)}},
		{name: "bus lost", steps: []step{conn("up", at(1)), statusAt("online", at(2)), conn("down", at(10))}, at: at(20),
			want: check{model.BusLost, at(10)}},
		{name: "bus back", steps: []step{conn("up", at(1)), statusAt("online", at(2)), conn("down", at(10)),
			conn("up", at(15)), statusAt("online", at(15))}, at: at(20), want: check{model.Live, at(15)}},
		{name: "offline", steps: []step{conn("up", at(1)), statusAt("online", at(2)), statusAt("offline", at(9))},
			at: at(10), want: check{model.ApplianceLost, at(9)}},
		{name: "lost", steps: []step{conn("up", at(1)), statusAt("online", at(2)), statusAt("lost", at(9))},
			at: at(10), want: check{model.ApplianceLost, at(9)}},
		{name: "stale heartbeat", steps: []step{conn("up", at(1)), statusAt("online", at(2)), tick(at(10)), tick(at(18))},
			at: at(19), want: check{model.ApplianceLost, at(18)}},
		{name: "fresh heartbeats", steps: []step{conn("up", at(1)), statusAt("online", at(2)), statusAt("online", at(7)),
			statusAt("online", at(12)), tick(at(18))}, at: at(19), want: check{model.Live, at(2)}},
		{name: "an old heartbeat delivered late", steps: []step{conn("up", at(1)), statusAt("online", at(20)),
			statusAt("online", at(2)).arriving(at(21))}, at: at(22), want: check{model.Live, at(20)}},
		{name: "back after a stale heartbeat", steps: []step{conn("up", at(1)), statusAt("online", at(2)), tick(at(18)),
			statusAt("online", at(25))}, at: at(26), want: check{model.Live, at(25)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTracker()
			run(t, tr, tc.steps)
			h := tr.Snapshot(tc.at)
			if got := (check{h.Link, h.Since}); got != tc.want {
				t.Errorf("link %v since %v, want %v since %v", got.link, got.since.Sub(t0), tc.want.link, tc.want.since.Sub(t0))
			}
			if !h.Now.Equal(tc.at) {
				t.Errorf("now %v, want %v", h.Now, tc.at)
			}
		})
	}
}

// A message the hall must refuse is refused with an error and changes
// nothing.
func TestRefused(t *testing.T) {
	good := contract.Serving{Counter: 1, Ticket: "A001", Service: "BLD", State: "called", CounterState: "open",
		Since: contract.At(at(1))}
	mod := func(f func(*contract.Serving)) []byte {
		s := good
		f(&s)
		b, _ := json.Marshal(s)
		return b
	}
	long := contract.Text{EN: strings.Repeat("x", model.MaxName+1)}
	ctrl := contract.Text{AR: "شباك\u0007"}
	neg := int64(-1)
	tests := []struct {
		name, topic string
		payload     []byte
	}{
		{"not JSON", tp.Serving(1), []byte("garbage")},
		{"not UTF-8", tp.Serving(1), []byte("{\"ticket\":\"\xff\"}")},
		{"two objects", tp.Serving(1), append(mod(func(*contract.Serving) {}), []byte(`{}`)...)},
		{"empty", tp.Serving(1), nil},
		{"array", tp.Serving(1), []byte(`[1,2]`)},
		{"wrong counter", tp.Serving(2), mod(func(*contract.Serving) {})},
		{"counter topic not a number", tp.Serving(1)[:len(tp.Serving(1))-1] + "x", mod(func(*contract.Serving) {})},
		{"counter topic 01", tp.Serving(1)[:len(tp.Serving(1))-1] + "01", mod(func(*contract.Serving) {})},
		{"bad state", tp.Serving(1), mod(func(s *contract.Serving) { s.State = "dancing" })},
		{"bad counter state", tp.Serving(1), mod(func(s *contract.Serving) { s.CounterState = "" })},
		{"no since", tp.Serving(1), mod(func(s *contract.Serving) { s.Since = contract.Time{} })},
		{"called without a ticket", tp.Serving(1), mod(func(s *contract.Serving) { s.Ticket = "" })},
		{"idle with a ticket", tp.Serving(1), mod(func(s *contract.Serving) { s.State = "idle" })},
		{"ticket with markup", tp.Serving(1), mod(func(s *contract.Serving) { s.Ticket = "<b>A1" })},
		{"long ticket", tp.Serving(1), mod(func(s *contract.Serving) { s.Ticket = strings.Repeat("A", 40) })},
		{"long label", tp.Serving(1), mod(func(s *contract.Serving) { s.Label = &long })},
		{"control in label", tp.Serving(1), mod(func(s *contract.Serving) { s.Label = &ctrl })},
		{"huge payload", tp.Serving(1), append(mod(func(*contract.Serving) {}), make([]byte, model.MaxPayload)...)},
		{"other center", contract.Topics{Center: "other"}.Serving(1), mod(func(*contract.Serving) {})},
		{"other kind", tp.Health(appliance), []byte(`{}`)},
		{"not a topic", "foo/bar", mod(func(*contract.Serving) {})},
		{"another device's status", tp.Status("kiosk2"), payload(t, contract.Status{State: "online", Since: contract.At(at(1))})},
		{"bad status", tp.Status(appliance), []byte(`{"state":"asleep"}`)},
		{"queue of another service", tp.Queue("BLD"), payload(t, contract.Queue{Service: "SHOP", AsOf: contract.At(at(1))})},
		{"negative queue", tp.Queue("BLD"), payload(t, contract.Queue{Service: "BLD", Waiting: -1, AsOf: contract.At(at(1))})},
		{"negative estimate", tp.Queue("BLD"), payload(t, contract.Queue{Service: "BLD", EWTS: &neg, AsOf: contract.At(at(1))})},
		{"queue without as_of", tp.Queue("BLD"), []byte(`{"service":"BLD","waiting":1}`)},
		{"bad time", tp.Serving(1), []byte(`{"counter":1,"ticket":"A1","state":"called","counter_state":"open","since":"yesterday"}`)},
		{"hall not JSON", tp.Hall(), []byte(`ticker`)},
		{"long ticker", tp.Hall(), payload(t, contract.Hall{Ticker: &contract.Text{EN: strings.Repeat("x", model.MaxNotice+1)}})},
		{"control in ticker", tp.Hall(), payload(t, contract.Hall{Ticker: &ctrl})},
		{"announcement without id", tp.Hall(), payload(t, contract.Hall{Announcement: &contract.Announcement{Text: contract.Text{EN: "x"}, At: contract.At(at(1))}})},
		{"announcement without time", tp.Hall(), []byte(`{"announcement":{"id":"a","text":{"ar":"","en":"x"}}}`)},
		{"empty announcement", tp.Hall(), payload(t, contract.Hall{Announcement: &contract.Announcement{ID: "a", Text: contract.Text{EN: " "}, At: contract.At(at(1))}})},
		{"another center's hall", contract.Topics{Center: "other"}.Hall(), []byte(`{}`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTracker()
			run(t, tr, []step{conn("up", at(0)), statusAt("online", at(1)), called(2, "B001", at(1))})
			before := tr.Snapshot(at(2))
			up, err := tr.Feed(tc.topic, tc.payload, at(2))
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, model.ErrRefused) {
				t.Errorf("error %v is not ErrRefused", err)
			}
			if up != (model.Update{}) {
				t.Errorf("update %+v", up)
			}
			if after := tr.Snapshot(at(2)); !reflect.DeepEqual(before, after) {
				t.Errorf("hall changed:\n%+v\n%+v", before, after)
			}
		})
	}
}

func hallStep(h contract.Hall, t time.Time) step { return step{topic: tp.Hall(), payload: h, at: t} }

// The hall topic: its ticker replaces the configured line while set; a
// new announcement shows for NoticeFor and is chimed once; one found
// retained is shown (and chimed) only while young; the same one again
// changes nothing.
func TestHallTickerAndNotice(t *testing.T) {
	tr := newTracker()
	run(t, tr, []step{conn("up", at(0)), statusAt("online", at(1))})
	line := contract.Text{AR: "مغلق غدًا", EN: "Closed tomorrow"}
	up, err := tr.Feed(tp.Hall(), payload(t, contract.Hall{Ticker: &line}), at(2))
	if err != nil || !up.Changed || up.Notice != nil {
		t.Fatalf("ticker: %+v %v", up, err)
	}
	if h := tr.Snapshot(at(2)); h.Ticker == nil || *h.Ticker != line || h.Notice != nil {
		t.Fatalf("hall with a ticker: %+v", h)
	}
	msg := contract.Hall{Ticker: &line, Announcement: &contract.Announcement{ID: "n1",
		Text: contract.Text{AR: "إعلان", EN: "Notice"}, At: contract.At(at(3))}}
	up, err = tr.Feed(tp.Hall(), payload(t, msg), at(4))
	if err != nil || up.Notice == nil || up.Notice.ID != "n1" {
		t.Fatalf("announcement: %+v %v", up, err)
	}
	if h := tr.Snapshot(at(4)); h.Notice == nil || h.Notice.Text != msg.Announcement.Text {
		t.Fatalf("hall with a notice: %+v", h)
	}
	if again, _ := tr.Feed(tp.Hall(), payload(t, msg), at(5)); again.Notice != nil || again.Changed {
		t.Fatalf("the same announcement again: %+v", again)
	}
	if h := tr.Snapshot(at(3).Add(model.NoticeFor)); h.Notice != nil {
		t.Fatalf("the notice still shows after %v", model.NoticeFor)
	}
	// Cleared: the configured line again.
	if up, _ := tr.Feed(tp.Hall(), payload(t, contract.Hall{Announcement: msg.Announcement}), at(30)); !up.Changed {
		t.Fatal("clearing the ticker changed nothing")
	}
	if h := tr.Snapshot(at(30)); h.Ticker != nil {
		t.Fatalf("ticker after clearing: %+v", h.Ticker)
	}

	// A display that starts after an announcement finds it retained: an
	// old one is neither shown nor chimed, a young one is.
	late := newTracker()
	old := contract.Hall{Announcement: &contract.Announcement{ID: "n2", Text: contract.Text{EN: "x"}, At: contract.At(at(0))}}
	if up := late.Hall(old, at(60)); up.Notice != nil || late.Snapshot(at(60)).Notice != nil {
		t.Fatalf("an old retained announcement: %+v", up)
	}
	young := contract.Hall{Announcement: &contract.Announcement{ID: "n3", Text: contract.Text{EN: "y"}, At: contract.At(at(55))}}
	if up := late.Hall(young, at(60)); up.Notice == nil || late.Snapshot(at(70)).Notice == nil || late.Snapshot(at(75)).Notice != nil {
		t.Fatalf("a young retained announcement: %+v", up)
	}
	// Live, it shows for NoticeFor from its arrival, whatever the
	// appliance's clock says (within reason).
	skewed := newTracker()
	m := model.Message{Kind: model.KindHall, Live: true, Hall: &contract.Hall{Announcement: &contract.Announcement{
		ID: "n4", Text: contract.Text{EN: "z"}, At: contract.At(at(0))}}}
	if up := skewed.Apply(m, at(120)); up.Notice == nil || skewed.Snapshot(at(135)).Notice == nil {
		t.Fatalf("a live announcement from a clock 2 minutes behind: %+v", up)
	}
	m.Hall.Announcement.ID = "n5"
	if up := skewed.Apply(m, at(3600)); up.Notice != nil {
		t.Fatalf("a live announcement an hour old: %+v", up)
	}
}

package model_test

import (
	"reflect"
	"testing"

	"tabour/display/model"
)

// FuzzFeed feeds arbitrary payloads on each topic the hall follows, after
// a few good messages: a payload is either refused with an error,
// changing nothing, or accepted, leaving a hall that lists each ticket
// once, newest first, and announcing (or chiming for) nothing when it
// comes again.
func FuzzFeed(f *testing.F) {
	f.Add(uint8(0), []byte(`{"counter":1,"ticket":"A002","service":"BLD","state":"called","counter_state":"open","since":"2026-11-22T09:00:05.000Z"}`))
	f.Add(uint8(0), []byte(`{"counter":1,"state":"idle","counter_state":"paused","since":"2026-11-22T09:00:05Z","label":{"ar":"ش","en":"W"}}`))
	f.Add(uint8(1), []byte(`{"service":"BLD","waiting":3,"longest_wait_s":60,"ewt_s":null,"served_today":1,"last_called":"A001","open_counters":1,"as_of":"2026-11-22T09:00:05.000Z"}`))
	f.Add(uint8(2), []byte(`{"state":"online","boot_id":"b1","version":"1","since":"2026-11-22T09:00:00.000Z","heartbeat_at":"2026-11-22T09:00:04.000Z","every_s":5}`))
	f.Add(uint8(3), []byte(`{}`))
	f.Add(uint8(0), []byte(`{"counter":1,"ticket":"A001","state":"called","counter_state":"open","since":"2026-11-22T09:00:01Z"}{}`))
	f.Add(uint8(0), []byte("\xff\xfe"))
	f.Add(uint8(6), []byte(`{"ticker":{"ar":"مغلق غدًا","en":"Closed tomorrow"}}`))
	f.Add(uint8(6), []byte(`{"announcement":{"id":"0193a3c0-0000-7000-8000-000000000001","text":{"ar":"إعلان","en":"Notice"},"at":"2026-11-22T09:00:08.000Z"}}`))
	f.Add(uint8(6), []byte(`{"ticker":null,"announcement":{"id":"","text":{"ar":"","en":""},"at":null}}`))
	f.Add(uint8(6), []byte(`{}`))
	topics := []string{tp.Serving(1), tp.Queue("BLD"), tp.Status(appliance), tp.Serving(2), tp.Health(appliance), "x", tp.Hall()}
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		tr := newTracker()
		run(t, tr, []step{conn("up", at(0)), statusAt("online", at(1)), called(1, "A001", at(1)), called(2, "B001", at(2))})
		topic := topics[int(which)%len(topics)]
		before := tr.Snapshot(at(10))
		up, err := tr.Feed(topic, b, at(10))
		after := tr.Snapshot(at(10))
		if err != nil {
			if up != (model.Update{}) || !reflect.DeepEqual(before, after) {
				t.Fatalf("refused (%v) but changed the hall:\n%+v\n%+v", err, before, after)
			}
			return
		}
		seen := map[string]bool{}
		calls := after.Recent
		if after.Newest != nil {
			calls = append([]model.Call{*after.Newest}, calls...)
		}
		if len(after.Recent) > model.MaxRecent {
			t.Fatalf("%d recent calls", len(after.Recent))
		}
		for i, c := range calls {
			if seen[c.Ticket] {
				t.Fatalf("%s listed twice", c.Ticket)
			}
			seen[c.Ticket] = true
			if i > 0 && c.At.After(calls[i-1].At) {
				t.Fatalf("calls out of order: %+v", calls)
			}
		}
		if after.Ticker != nil && len([]rune(after.Ticker.AR)) > model.MaxNotice {
			t.Fatalf("a ticker of %d characters", len([]rune(after.Ticker.AR)))
		}
		if again, err := tr.Feed(topic, b, at(11)); err != nil || again.Announce != nil || again.Notice != nil {
			t.Fatalf("the same message again: %+v, %v", again, err)
		}
	})
}

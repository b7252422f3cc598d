package model_test

import (
	"fmt"
	"time"

	"tabour/display/model"
)

func ExampleTracker() {
	tr := model.NewTracker(model.TrackerOpts{Center: "ism-fayed", Appliance: "kiosk1"})
	now := time.Date(2026, 11, 22, 9, 0, 5, 0, time.UTC)
	msg := []byte(`{"counter":4,"ticket":"A023","service":"BLD","state":"called","counter_state":"open",` +
		`"since":"2026-11-22T09:00:04.000Z","label":{"ar":"شباك ٤","en":"Window 4"}}`)
	up, err := tr.Feed("tabour/v1/ism-fayed/serving/4", msg, now)
	fmt.Println(up.Announce.Ticket, up.Announce.Window.EN, err)
	up, _ = tr.Feed("tabour/v1/ism-fayed/serving/4", msg, now.Add(time.Second)) // the retained copy again
	fmt.Println(up.Announce == nil, up.Changed)
	_, err = tr.Feed("tabour/v1/ism-fayed/serving/4", []byte(`{"counter":4,"state":"dancing"}`), now)
	fmt.Println(err)
	h := tr.Snapshot(now)
	fmt.Println(h.Newest.Ticket, len(h.Recent), h.Open, h.Link == model.Connecting)
	// Output:
	// A023 Window 4 <nil>
	// true false
	// display: message refused: tabour/v1/ism-fayed/serving/4: counter state ""
	// A023 0 true true
}

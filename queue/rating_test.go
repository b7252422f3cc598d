package queue_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"tabour/queue"
)

// done issues a ticket of service, has counter call and finish it.
func (f *fixture) done(service string, counter int) queue.Ticket {
	f.t.Helper()
	f.issue(service, "")
	f.call(counter)
	f.clock.Advance(time.Minute)
	t, err := f.Done(f.ctx, counter)
	f.must(err)
	return t
}

// lastSeq is the seq of the last event.
func (f *fixture) lastSeq() int64 {
	f.t.Helper()
	evs, err := f.Events(f.ctx, 0, 100000)
	f.must(err)
	if len(evs) == 0 {
		return 0
	}
	return evs[len(evs)-1].Seq
}

func TestRateStoresTheRatingAndItsEvent(t *testing.T) {
	f := newFixture(t, nil)
	tk := f.done("BLD", 1)
	f.clock.Advance(30 * time.Second)
	ctx := queue.WithIssuer(f.ctx, "kiosk-2", "c-9", "citizen")
	r, err := f.Rate(ctx, tk.ID, 4, []string{"quick", "polite"})
	f.must(err)
	want := queue.Rating{TicketID: tk.ID, Label: tk.Label, Service: "BLD", Counter: 1, Score: 4,
		Reasons: []string{"quick", "polite"}, At: f.clock.Now().UTC()}
	if !sameRating(r, want) {
		t.Fatalf("Rate = %+v, want %+v", r, want)
	}
	list, err := f.Ratings(f.ctx, "")
	f.must(err)
	if len(list) != 1 || !sameRating(list[0], want) {
		t.Fatalf("Ratings = %+v, want [%+v]", list, want)
	}

	evs := f.eventsOf(queue.EvRated)
	if len(evs) != 1 {
		t.Fatalf("%d ticket.rated events, want 1", len(evs))
	}
	ev := evs[0]
	if ev.TicketID != tk.ID || ev.Ticket != tk.Label || ev.Service != "BLD" || ev.Counter != 1 || ev.Reason != "" {
		t.Fatalf("event = %+v", ev)
	}
	var d struct {
		IssuedBy string   `json:"issued_by"`
		CmdID    string   `json:"cmd_id"`
		Actor    string   `json:"actor"`
		Score    int      `json:"score"`
		Reasons  []string `json:"reasons"`
	}
	f.must(json.Unmarshal([]byte(ev.Data), &d))
	if d.IssuedBy != "kiosk-2" || d.CmdID != "c-9" || d.Actor != "citizen" || d.Score != 4 || !slices.Equal(d.Reasons, []string{"quick", "polite"}) {
		t.Fatalf("event data = %s", ev.Data)
	}

	// Without reasons, the event still lists them (empty).
	tk2 := f.done("SHOP", 2)
	r2, err := f.Rate(f.ctx, tk2.ID, 1, nil)
	f.must(err)
	if r2.Score != 1 || len(r2.Reasons) != 0 {
		t.Fatalf("Rate without reasons = %+v", r2)
	}
	if evs := f.eventsOf(queue.EvRated); len(evs) != 2 || evs[1].Data != `{"score":1,"reasons":[]}` {
		t.Fatalf("ticket.rated events = %+v", evs)
	}
	f.verify()
}

func sameRating(a, b queue.Rating) bool {
	return a.TicketID == b.TicketID && a.Label == b.Label && a.Service == b.Service && a.Counter == b.Counter &&
		a.Score == b.Score && slices.Equal(a.Reasons, b.Reasons) && a.At.Equal(b.At)
}

func TestRateRefusalsChangeNothing(t *testing.T) {
	f := newFixture(t, nil)
	old := f.done("BLD", 1)
	f.clock.Advance(24 * time.Hour) // the next service day
	tk := f.done("BLD", 1)
	f.must2(f.Rate(f.ctx, tk.ID, 5, []string{"helpful"}))
	waiting := f.issue("SHOP", "")
	other := f.issue("OUT", "")
	called := f.call(2)
	if called.ID == waiting.ID {
		waiting = other
	}
	tk2 := f.done("BLD", 3)

	cases := []struct {
		name    string
		id      int64
		score   int
		reasons []string
		want    error
	}{
		{"score 0", tk2.ID, 0, nil, queue.ErrInvalid},
		{"score 6", tk2.ID, 6, nil, queue.ErrInvalid},
		{"unknown reason", tk2.ID, 3, []string{"quick", "bored"}, queue.ErrInvalid},
		{"reason twice", tk2.ID, 3, []string{"slow", "slow"}, queue.ErrInvalid},
		{"five reasons", tk2.ID, 3, []string{"quick", "polite", "clear", "helpful", "documents"}, queue.ErrInvalid},
		{"unknown ticket", 9999, 3, nil, queue.ErrUnknownTicket},
		{"waiting", waiting.ID, 3, nil, queue.ErrWrongState},
		{"called", called.ID, 3, nil, queue.ErrWrongState},
		{"yesterday's", old.ID, 3, nil, queue.ErrWrongState},
		{"rated twice", tk.ID, 1, []string{"rude"}, queue.ErrAlreadyRated},
	}
	seq := f.lastSeq()
	for _, c := range cases {
		if _, err := f.Rate(f.ctx, c.id, c.score, c.reasons); !errors.Is(err, c.want) {
			t.Errorf("%s: Rate = %v, want %v", c.name, err, c.want)
		}
	}
	if got := f.lastSeq(); got != seq {
		t.Errorf("refusals appended events: seq %d, want %d", got, seq)
	}
	list, err := f.Ratings(f.ctx, "")
	f.must(err)
	if len(list) != 1 || list[0].TicketID != tk.ID || list[0].Score != 5 || !slices.Equal(list[0].Reasons, []string{"helpful"}) {
		t.Errorf("Ratings = %+v, want the first rating only", list)
	}
	// Four distinct reasons are allowed.
	f.must2(f.Rate(f.ctx, tk2.ID, 3, []string{"quick", "polite", "clear", "helpful"}))
	f.verify()
}

func (f *fixture) must2(_ queue.Rating, err error) {
	f.t.Helper()
	f.must(err)
}

func TestRatingsByDayInOrderOfTime(t *testing.T) {
	f := newFixture(t, nil)
	a := f.done("BLD", 1)
	b := f.done("SHOP", 2)
	f.clock.Advance(time.Minute)
	f.must2(f.Rate(f.ctx, b.ID, 2, []string{"slow"}))
	f.clock.Advance(time.Minute)
	f.must2(f.Rate(f.ctx, a.ID, 5, nil))
	day := f.Today()

	f.clock.Advance(24 * time.Hour)
	c := f.done("OUT", 2)
	f.must2(f.Rate(f.ctx, c.ID, 4, []string{"clear"}))

	list, err := f.Ratings(f.ctx, day)
	f.must(err)
	if len(list) != 2 || list[0].TicketID != b.ID || list[1].TicketID != a.ID || list[0].Counter != 2 || list[1].Label != a.Label {
		t.Fatalf("Ratings(%s) = %+v, want %s then %s", day, list, b.Label, a.Label)
	}
	today, err := f.Ratings(f.ctx, "")
	f.must(err)
	if len(today) != 1 || today[0].TicketID != c.ID || today[0].Service != "OUT" {
		t.Fatalf("Ratings today = %+v", today)
	}
	if none, err := f.Ratings(f.ctx, "2020-01-01"); err != nil || len(none) != 0 {
		t.Fatalf("Ratings of a day without any = %+v, %v", none, err)
	}
}

func TestLastDone(t *testing.T) {
	f := newFixture(t, nil)
	if _, err := f.LastDone(f.ctx, 1); !errors.Is(err, queue.ErrUnknownTicket) {
		t.Fatalf("LastDone before any = %v, want ErrUnknownTicket", err)
	}
	f.done("BLD", 1)
	b := f.done("SHOP", 1)
	f.done("OUT", 2)
	f.issue("BLD", "")
	f.call(1) // called, not done: not the last done
	got, err := f.LastDone(f.ctx, 1)
	f.must(err)
	if got.ID != b.ID || got.State != queue.Done {
		t.Fatalf("LastDone(1) = %s %s, want %s", got.Label, got.State, b.Label)
	}
	f.clock.Advance(24 * time.Hour)
	if _, err := f.LastDone(f.ctx, 1); !errors.Is(err, queue.ErrUnknownTicket) {
		t.Fatalf("LastDone the next day = %v, want ErrUnknownTicket", err)
	}
}

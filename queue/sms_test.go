package queue_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"tabour/queue"
)

// sealedBox stands in for a sealed box: base64 of more bytes than a box's
// overhead.
func sealedBox(c byte) string {
	return base64.StdEncoding.EncodeToString([]byte(strings.Repeat(string(c), 60)))
}

// A ticket's sealed box is written with the ticket, or not at all; the
// notices sent are recorded once each.
func TestSMSBoxWithTheTicket(t *testing.T) {
	f := newFixture(t, func(o *queue.Options) { o.DedupWindow = time.Hour })
	a, err := f.Issue(f.ctx, queue.IssueRequest{Service: "BLD", NIDHash: "h1", SMSBox: sealedBox('a')})
	f.must(err)
	// A repeat ticket is refused: its box is not stored with anything.
	if _, err := f.Issue(f.ctx, queue.IssueRequest{Service: "BLD", NIDHash: "h1", SMSBox: sealedBox('b')}); !errors.Is(err, queue.ErrDuplicate) {
		t.Fatalf("repeat: %v", err)
	}
	if _, err := f.Issue(f.ctx, queue.IssueRequest{Service: "BLD", SMSBox: "01012345678"}); !errors.Is(err, queue.ErrInvalid) {
		t.Fatalf("a number in clear: %v", err)
	}
	boxes, err := f.SMSBoxes(f.ctx)
	f.must(err)
	if len(boxes) != 1 || boxes[0] != (queue.SMSBox{TicketID: a.ID, Sealed: sealedBox('a')}) {
		t.Fatalf("boxes %+v", boxes)
	}
	f.must(f.KeepSMSBox(f.ctx, a.ID, sealedBox('c')))
	for _, c := range []struct {
		kind string
		want bool
	}{{queue.NoticeNear, true}, {queue.NoticeNear, false}, {queue.NoticeCalled, true}, {queue.NoticeCalled, false}} {
		got, err := f.MarkSMSSent(f.ctx, a.ID, c.kind)
		f.must(err)
		if got != c.want {
			t.Errorf("mark %s: %v, want %v", c.kind, got, c.want)
		}
	}
	boxes, err = f.SMSBoxes(f.ctx)
	f.must(err)
	if len(boxes) != 1 || boxes[0] != (queue.SMSBox{TicketID: a.ID, Sealed: sealedBox('c'), Near: true, Called: true}) {
		t.Fatalf("boxes %+v", boxes)
	}
	f.must(f.DropSMSBox(f.ctx, a.ID))
	if boxes, _ := f.SMSBoxes(f.ctx); len(boxes) != 0 {
		t.Fatalf("boxes after drop %+v", boxes)
	}
	if err := f.KeepSMSBox(f.ctx, 999, sealedBox('d')); !errors.Is(err, queue.ErrUnknownTicket) {
		t.Fatalf("box for an unknown ticket: %v", err)
	}
}

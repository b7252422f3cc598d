package escpos_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"tabour/devices/printer"
	"tabour/devices/printer/escpostest"
)

// statusCases are the DLE EOT answers of each state (Epson reference
// values, escpostest) and what they must mean.
var statusCases = []struct {
	name    string
	replies escpostest.Replies
	state   printer.State
	detail  string // a part of Status.Detail
	queries []byte // DLE EOT n asked
}{
	{"online", escpostest.Online, printer.OK, "online", []byte{1, 2, 4}},
	{"paper near end", escpostest.PaperNearEnd, printer.PaperLow, "near end", []byte{1, 2, 4}},
	{"paper out", escpostest.PaperOut, printer.PaperOut, "paper out", []byte{1, 2, 4}},
	{"cover open", escpostest.CoverOpen, printer.CoverOpen, "cover open", []byte{1, 2, 4}},
	{"cutter error", escpostest.CutterError, printer.CutterErr, "autocutter", []byte{1, 2, 4, 3}},
	{"unrecoverable error", escpostest.Unrecoverable, printer.CutterErr, "unrecoverable", []byte{1, 2, 4, 3}},
	{"recoverable error", escpostest.Recoverable, printer.CutterErr, "recoverable", []byte{1, 2, 4, 3}},
	{"auto-recoverable error", escpostest.AutoRecover, printer.CutterErr, "automatically", []byte{1, 2, 4, 3}},
	{"feed button", escpostest.FeedButton, printer.Offline, "feed button", []byte{1, 2, 4}},
	{"no answer", escpostest.Silent, printer.Offline, "no answer to DLE EOT 1", []byte{1}},
	{"garbage", escpostest.Garbage, printer.Offline, "garbage 0xff", []byte{1}},
	{"garbage zero", escpostest.GarbageZero, printer.Offline, "garbage 0x00", []byte{1}},
	{"error cause silent", escpostest.Replies{0x1A, 0x52, escpostest.NoReply, 0x12}, printer.CutterErr, "cause not reported", []byte{1, 2, 4, 3}},
	{"paper out silent on 4", escpostest.Replies{0x1A, 0x32, 0x12, escpostest.NoReply}, printer.Offline, "DLE EOT 4", []byte{1, 2, 4}},
}

// TestStatus asks a fake printer in every state.
func TestStatus(t *testing.T) {
	for _, c := range statusCases {
		t.Run(c.name, func(t *testing.T) {
			dev, conn := newDev(t, c.replies, testOpts(576))
			st, err := dev.Status(ctxT(t))
			if err != nil {
				t.Fatal(err)
			}
			if st.State != c.state || !strings.Contains(st.Detail, c.detail) {
				t.Errorf("status %+v, want %s with %q", st, c.state, c.detail)
			}
			if q := conn.Queries(); !slices.Equal(q, c.queries) {
				t.Errorf("asked DLE EOT %v, want %v", q, c.queries)
			}
		})
	}
}

// TestPrintRefused: a printer that cannot print gets no print data and
// Print says why, as a *printer.Error; one that can, prints.
func TestPrintRefused(t *testing.T) {
	for _, c := range statusCases {
		t.Run(c.name, func(t *testing.T) {
			dev, conn := newDev(t, c.replies, testOpts(384))
			err := dev.Print(ctxT(t), escpostest.EnglishTicket)
			if c.state.CanPrint() {
				if err != nil || len(conn.Data()) == 0 {
					t.Fatalf("Print: %v, %d bytes sent; want printed", err, len(conn.Data()))
				}
				return
			}
			var pe *printer.Error
			if !errors.Is(err, printer.ErrCannotPrint) || !errors.As(err, &pe) || pe.State != c.state {
				t.Fatalf("Print: %v; want a *printer.Error{State: %s}", err, c.state)
			}
			if n := len(conn.Data()); n != 0 {
				t.Errorf("%d bytes of print data sent to a printer that cannot print", n)
			}
		})
	}
}

func TestPaperOutMessage(t *testing.T) {
	dev, _ := newDev(t, escpostest.PaperOut, testOpts(576))
	err := dev.Print(ctxT(t), escpostest.ArabicTicket)
	if got, want := err.Error(), "printer: paper_out: escpos: paper out"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}

// TestStatusTimeout: a silent printer is Offline after StatusTimeout, not
// later, even though the link's Read never returns.
func TestStatusTimeout(t *testing.T) {
	o := testOpts(576)
	o.StatusTimeout = 80 * time.Millisecond
	dev, _ := newDev(t, escpostest.Silent, o)
	start := time.Now()
	st, err := dev.Status(ctxT(t))
	if err != nil || st.State != printer.Offline {
		t.Fatalf("Status = %+v, %v; want offline", st, err)
	}
	if d := time.Since(start); d < o.StatusTimeout || d > 10*o.StatusTimeout {
		t.Errorf("took %v with a %v timeout", d, o.StatusTimeout)
	}
}

// TestStatusRecovers: the same Dev follows the printer as its paper is
// replaced.
func TestStatusRecovers(t *testing.T) {
	dev, conn := newDev(t, escpostest.PaperOut, testOpts(576))
	for _, step := range []struct {
		r    escpostest.Replies
		want printer.State
	}{{escpostest.PaperOut, printer.PaperOut}, {escpostest.CoverOpen, printer.CoverOpen},
		{escpostest.Silent, printer.Offline}, {escpostest.Online, printer.OK}} {
		conn.SetReplies(step.r)
		if st, _ := dev.Status(ctxT(t)); st.State != step.want {
			t.Errorf("replies %x: state %s, want %s", step.r, st.State, step.want)
		}
	}
}

// TestStatusContextCancelled: the caller's context ends the wait.
func TestStatusContextCancelled(t *testing.T) {
	o := testOpts(576)
	o.StatusTimeout = time.Minute
	dev, _ := newDev(t, escpostest.Silent, o)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	st, err := dev.Status(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || st.State != printer.Offline {
		t.Errorf("Status = %+v, %v; want offline and the context's error", st, err)
	}
}

// TestLinkFailure: a write that fails is an Offline *printer.Error wrapping
// the cause, and breaks the Dev; so does a link that closes under it.
func TestLinkFailure(t *testing.T) {
	cause := errors.New("usb unplugged")
	dev, conn := newDev(t, escpostest.Online, testOpts(576))
	conn.FailWrites(cause)
	err := dev.Print(ctxT(t), escpostest.EnglishTicket)
	var pe *printer.Error
	if !errors.As(err, &pe) || pe.State != printer.Offline || !errors.Is(err, cause) {
		t.Fatalf("Print: %v; want offline caused by %v", err, cause)
	}
	if !errors.Is(dev.Err(), cause) {
		t.Errorf("Err() = %v, want %v", dev.Err(), cause)
	}

	dev, conn = newDev(t, escpostest.Online, testOpts(576))
	conn.Close()
	if st, err := dev.Status(ctxT(t)); err == nil || st.State != printer.Offline || dev.Err() == nil {
		t.Errorf("closed link: Status = %+v, %v, Err() = %v; want offline with errors", st, err, dev.Err())
	}
}

// TestSkipStatus prints blind to a printer that cannot answer.
func TestSkipStatus(t *testing.T) {
	o := testOpts(576)
	o.SkipStatus = true
	dev, conn := newDev(t, escpostest.Silent, o)
	if err := dev.Print(ctxT(t), escpostest.EnglishTicket); err != nil {
		t.Fatal(err)
	}
	if len(conn.Queries()) != 0 || len(conn.Data()) == 0 {
		t.Errorf("queries %v, %d bytes; want no query and the ticket", conn.Queries(), len(conn.Data()))
	}
}

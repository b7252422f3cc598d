package escpos_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

// goldenTickets: the sample tickets as the kiosk fills them (with the
// reference), and a senior citizen's, with the kiosk's full "where to go"
// sentence, which wraps before the window number.
var goldenTickets = []struct {
	name   string
	ticket printer.Ticket
}{
	{"ar", withRef(escpostest.ArabicTicket)},
	{"en", withRef(escpostest.EnglishTicket)},
	{"ar-priority", withPriority(escpostest.ArabicTicket,
		"انتظر ظهور رقمك على الشاشة ثم توجه إلى الشباك ٣", "أولوية: كبار السن")},
	{"en-priority", withPriority(escpostest.EnglishTicket,
		"Wait for your number on the screen, then go to window 3", "Priority: senior citizen")},
}

func withRef(t printer.Ticket) printer.Ticket {
	t.Ref = "20261122-A023"
	return t
}

func withPriority(t printer.Ticket, counter, priority string) printer.Ticket {
	t.Counter, t.Priority = counter, priority
	return withRef(t)
}

// TestGoldenTickets prints each ticket through a Dev, decodes the bytes it
// wrote back into pixels and compares them with testdata/ticket-*.png.
func TestGoldenTickets(t *testing.T) {
	for _, g := range goldenTickets {
		for _, width := range []int{576, 384} {
			t.Run(fmt.Sprintf("%s-%d", g.name, width), func(t *testing.T) {
				job := printAndDecode(t, g.ticket, testOpts(width))
				checkGolden(t, filepath.Join("testdata", fmt.Sprintf("ticket-%s-%d.png", g.name, width)), job)
				if got := readQR(t, job.Image); got != g.ticket.QR {
					t.Errorf("QR reads %q, want %q", got, g.ticket.QR)
				}
			})
		}
	}
}

// printAndDecode prints tk on an online fake printer and decodes what the
// driver sent.
func printAndDecode(t *testing.T, tk printer.Ticket, o *escpos.Opts) *escpostest.Job {
	t.Helper()
	dev, conn := newDev(t, escpostest.Online, o)
	if err := dev.Print(ctxT(t), tk); err != nil {
		t.Fatal(err)
	}
	if q := conn.Queries(); !slices.Equal(q, []byte{1, 2, 4}) {
		t.Errorf("status queries %v, want [1 2 4]", q)
	}
	job, err := escpostest.Decode(conn.Data())
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, job, o)
	return job
}

// checkShape checks the command sequence around the raster.
func checkShape(t *testing.T, job *escpostest.Job, o *escpos.Opts) {
	t.Helper()
	if len(job.Ops) < 4 || job.Ops[0] != "ESC @" {
		t.Fatalf("ops %v: want ESC @ first", job.Ops)
	}
	end := job.Ops[len(job.Ops)-2:]
	if want := []string{fmt.Sprintf("ESC d %d", o.FeedLines), "GS V 1"}; !slices.Equal(end, want) {
		t.Errorf("job ends %v, want %v", end, want)
	}
	h := job.Image.Bounds().Dy()
	if want := (h + o.BandHeight - 1) / o.BandHeight; !o.NativeQR && job.Bands != want {
		t.Errorf("%d bands for %d rows, want %d", job.Bands, h, want)
	}
	if w := job.Image.Bounds().Dx(); w != o.Width {
		t.Errorf("raster %d dots wide, want %d", w, o.Width)
	}
}

func checkGolden(t *testing.T, name string, job *escpostest.Job) {
	t.Helper()
	if *update {
		writePNG(t, name, job.Image)
		return
	}
	want := readPNG(t, name)
	if n := diffPixels(job.Image, want); n != 0 {
		writePNG(t, filepath.Join(t.TempDir(), "got.png"), job.Image)
		t.Errorf("%s: %d pixels differ (size %v, golden %v); rerun with -update after looking at both",
			name, n, job.Image.Bounds(), want.Bounds())
	}
}

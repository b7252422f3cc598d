package escpostest

import (
	"fmt"
	"image"
)

// Job is what an ESC/POS byte stream asks a printer to do.
type Job struct {
	// Image is everything printed as graphics, top to bottom: GS v 0
	// bands and QR symbols, each placed as ESC a aligned it. Feeds are
	// not drawn. Nil if nothing was printed.
	Image   *image.Gray
	Ops     []string // every command in order, e.g. "ESC @", "GS v 0 72x255"
	Bands   int      // GS v 0 commands
	Inits   int      // ESC @
	Feeds   []Feed
	Cuts    []Cut
	QRs     []QR   // QR symbols printed (GS ( k fn 181), with their settings
	Queries []byte // DLE EOT n, the n of each
}

// Feed is a paper feed: ESC d n or LF (Lines) or ESC J n (Dots).
type Feed struct{ Lines, Dots int }

// Cut is a GS V cut; Feed is the n of GS V 65/66 n (0 otherwise).
type Cut struct {
	Partial bool
	Feed    int
}

// QR is a QR symbol the printer was asked to print.
type QR struct {
	Data   string
	Model  int  // 1 or 2
	Module int  // dots per module, 1–16
	Level  byte // error correction: 'L', 'M', 'Q' or 'H'
}

// maxPixels bounds the decoded image, so garbage cannot exhaust memory.
const maxPixels = 1 << 26

// Decode reads b as ESC/POS commands. On error it returns what it decoded
// before the bad byte, and an error naming the offset.
func Decode(b []byte) (*Job, error) {
	d := &decoder{b: b, job: &Job{}, qr: QR{Model: 2, Module: 3, Level: 'L'}}
	for d.pos < len(b) {
		if err := d.command(); err != nil {
			d.finish()
			return d.job, err
		}
	}
	return d.job, d.finish()
}

// piece is one printed graphic and the justification it was printed with.
type piece struct {
	img   *image.Gray
	align int // 0 left, 1 centre, 2 right
}

type decoder struct {
	b      []byte
	pos    int
	job    *Job
	align  int
	qr     QR // settings so far and the stored data
	stored bool
	pieces []piece
}

func (d *decoder) op(format string, args ...any) {
	d.job.Ops = append(d.job.Ops, fmt.Sprintf(format, args...))
}

// take returns the next n bytes of a command that started at start.
func (d *decoder) take(n int, start int, what string) ([]byte, error) {
	if n < 0 || len(d.b)-d.pos < n {
		return nil, fmt.Errorf("escpostest: truncated %s at offset %d", what, start)
	}
	p := d.b[d.pos : d.pos+n]
	d.pos += n
	return p, nil
}

func (d *decoder) command() error {
	start := d.pos
	switch c := d.b[d.pos]; c {
	case 0x1b:
		d.pos++
		return d.esc(start)
	case 0x1d:
		d.pos++
		return d.gs(start)
	case 0x10:
		d.pos++
		return d.dle(start)
	case 0x0a:
		d.pos++
		d.op("LF")
		d.job.Feeds = append(d.job.Feeds, Feed{Lines: 1})
		return nil
	default:
		return fmt.Errorf("escpostest: unknown byte 0x%02x at offset %d", c, start)
	}
}

// dle decodes DLE EOT n, the real-time status query.
func (d *decoder) dle(start int) error {
	p, err := d.take(2, start, "DLE EOT")
	if err != nil {
		return err
	}
	if p[0] != 0x04 || p[1] < 1 || p[1] > 4 {
		return fmt.Errorf("escpostest: unknown command DLE 0x%02x 0x%02x at offset %d", p[0], p[1], start)
	}
	d.op("DLE EOT %d", p[1])
	d.job.Queries = append(d.job.Queries, p[1])
	return nil
}

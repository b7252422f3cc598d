package escpos

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"tabour/devices/printer"
	"tabour/internal/atomicfile"
)

// StatusFile is the file in a virtual printer's directory that sets its
// state: one of ok, paper_low, paper_out, cover_open, error, offline. A
// missing or empty file means ok. To simulate paper out:
//
//	echo paper_out > var/printer/STATUS
const StatusFile = "STATUS"

// Virtual is a printer that writes each ticket into a directory instead of
// onto paper, for the simulated centre and for tests: DIR/<time>-<number>.png
// is the raster and DIR/<time>-<number>.bin the exact ESC/POS bytes a Dev
// with the same Opts would send after its status query. Its state is read
// from DIR/STATUS on every Print and Status. It is safe for concurrent use.
type Virtual struct {
	dir  string
	opts Opts
	mu   sync.Mutex // names files one ticket at a time
}

var _ printer.Printer = (*Virtual)(nil)

// NewVirtual returns a virtual printer writing into dir, which it creates.
// A nil opts means DefaultOpts.
func NewVirtual(dir string, opts *Opts) (*Virtual, error) {
	if dir == "" {
		return nil, errors.New("escpos: virtual printer has no directory")
	}
	o, err := withDefaults(opts)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("escpos: virtual printer: %w", err)
	}
	return &Virtual{dir: dir, opts: o}, nil
}

// Status reports the state written in DIR/STATUS.
func (v *Virtual) Status(ctx context.Context) (printer.Status, error) {
	b, err := os.ReadFile(filepath.Join(v.dir, StatusFile))
	if errors.Is(err, fs.ErrNotExist) {
		return printer.Status{State: printer.OK, Detail: "virtual"}, nil
	}
	if err != nil {
		return printer.Status{State: printer.Offline, Detail: err.Error()}, fmt.Errorf("escpos: virtual printer: %w", err)
	}
	return parseVirtualState(strings.TrimSpace(string(b))), nil
}

func parseVirtualState(s string) printer.Status {
	switch st := printer.State(strings.ToLower(s)); st {
	case "":
		return printer.Status{State: printer.OK, Detail: "virtual"}
	case printer.OK, printer.PaperLow, printer.PaperOut, printer.CoverOpen, printer.CutterErr, printer.Offline:
		return printer.Status{State: st, Detail: "virtual: " + StatusFile + " says " + string(st)}
	}
	return printer.Status{State: printer.Offline, Detail: fmt.Sprintf("virtual: unknown state %q in %s", s, StatusFile)}
}

// Print writes t's raster and ESC/POS bytes, unless STATUS forbids it.
func (v *Virtual) Print(ctx context.Context, t printer.Ticket) error {
	st, err := v.Status(ctx)
	if err != nil {
		return &printer.Error{State: st.State, Err: err}
	}
	if !st.State.CanPrint() {
		return &printer.Error{State: st.State, Err: fmt.Errorf("escpos: %s", st.Detail)}
	}
	job, err := Encode(t, &v.opts)
	if err != nil {
		return err
	}
	var img bytes.Buffer
	if err := png.Encode(&img, job.Image); err != nil {
		return fmt.Errorf("escpos: virtual printer: %w", err)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	// Each file is written whole before it appears, so a watcher never
	// sees half a ticket.
	base := v.freeNameLocked(t.Number)
	for _, f := range []struct {
		name string
		data []byte
	}{{base + ".png", img.Bytes()}, {base + ".bin", job.Bytes}} {
		if err := atomicfile.Write(f.name, f.data, 0o644); err != nil {
			return &printer.Error{State: printer.Offline, Err: fmt.Errorf("escpos: virtual printer: %w", err)}
		}
	}
	return nil
}

// Close does nothing; it lets a Virtual stand where a link is closed.
func (v *Virtual) Close() error { return nil }

// freeNameLocked is DIR/<time>-<number>, with -2, -3… if taken.
func (v *Virtual) freeNameLocked(number string) string {
	base := filepath.Join(v.dir, v.opts.now().Format("20060102-150405.000")+"-"+safeName(number))
	name := base
	for i := 2; ; i++ {
		if _, err := os.Stat(name + ".bin"); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

// safeName keeps letters and digits (any script) and replaces the rest.
func safeName(s string) string {
	if s == "" {
		return "ticket"
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return '_'
	}, s)
}

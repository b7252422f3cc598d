package escpos_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
)

func newVirtual(t *testing.T) (*escpos.Virtual, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "printer")
	o := escpos.DefaultOpts
	o.Now = func() time.Time { return time.Date(2026, 11, 22, 10, 15, 0, 0, time.UTC) }
	v, err := escpos.NewVirtual(dir, &o)
	if err != nil {
		t.Fatal(err)
	}
	return v, dir
}

// TestVirtualPrint: each ticket leaves a PNG and the ESC/POS bytes, which
// decode to the same picture.
func TestVirtualPrint(t *testing.T) {
	v, dir := newVirtual(t)
	for range 2 {
		if err := v.Print(ctxT(t), escpostest.ArabicTicket); err != nil {
			t.Fatal(err)
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	want := []string{"20261122-101500.000-A023-2.bin", "20261122-101500.000-A023-2.png",
		"20261122-101500.000-A023.bin", "20261122-101500.000-A023.png"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	bin, err := os.ReadFile(filepath.Join(dir, want[2]))
	if err != nil {
		t.Fatal(err)
	}
	job, err := escpostest.Decode(bin)
	if err != nil {
		t.Fatal(err)
	}
	if n := diffPixels(job.Image, readPNG(t, filepath.Join(dir, want[3]))); n != 0 {
		t.Errorf(".bin and .png differ by %d pixels", n)
	}
}

// TestVirtualStatus: writing a state into STATUS makes the printer report
// it and refuse tickets it could not print.
func TestVirtualStatus(t *testing.T) {
	v, dir := newVirtual(t)
	for _, c := range []struct {
		file  string // "" = no STATUS file
		state printer.State
	}{
		{"", printer.OK}, {"\n", printer.OK}, {"paper_out\n", printer.PaperOut},
		{"paper_low", printer.PaperLow}, {"COVER_OPEN", printer.CoverOpen},
		{"error", printer.CutterErr}, {"offline", printer.Offline}, {"jammed", printer.Offline},
	} {
		status := filepath.Join(dir, escpos.StatusFile)
		os.Remove(status)
		if c.file != "" {
			if err := os.WriteFile(status, []byte(c.file), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		st, err := v.Status(ctxT(t))
		if err != nil || st.State != c.state {
			t.Errorf("STATUS %q: %+v, %v; want %s", c.file, st, err, c.state)
		}
		err = v.Print(ctxT(t), escpostest.EnglishTicket)
		var pe *printer.Error
		if c.state.CanPrint() != (err == nil) || (err != nil && (!errors.As(err, &pe) || pe.State != c.state)) {
			t.Errorf("STATUS %q: Print: %v", c.file, err)
		}
	}
}

// TestOpenURIVirtual: virtual:DIR is a Virtual printer in DIR.
func TestOpenURIVirtual(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "var", "printer")
	p, closer, err := escpos.OpenURI(ctxT(t), "virtual:"+dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	if err := p.Print(ctxT(t), escpostest.EnglishTicket); err != nil {
		t.Fatal(err)
	}
	if bins, _ := filepath.Glob(filepath.Join(dir, "*-A023.bin")); len(bins) != 1 {
		t.Errorf("found %v in %s, want one ticket", bins, dir)
	}
}

package escpostest

import (
	"slices"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	stream := []byte{
		0x10, 0x04, 0x01, // DLE EOT 1
		0x1b, '@', // ESC @
		0x1b, 'a', '1', // ESC a 1
		0x1d, 'v', '0', 0, 1, 0, 2, 0, 0xf0, 0x0f, // GS v 0: 8×2
		0x1b, 'a', 0,
		0x1d, 'v', '0', 0, 2, 0, 1, 0, 0x80, 0x01, // GS v 0: 16×1
		0x1b, 'd', 3, 0x1b, 'J', 20, 0x0a, // feeds
		0x1d, 'V', 66, 5, 0x1d, 'V', '0', // cuts
	}
	job, err := Decode(stream)
	if err != nil {
		t.Fatal(err)
	}
	wantOps := []string{"DLE EOT 1", "ESC @", "ESC a 1", "GS v 0 1x2", "ESC a 0", "GS v 0 2x1",
		"ESC d 3", "ESC J 20", "LF", "GS V 66 5", "GS V 48"}
	if !slices.Equal(job.Ops, wantOps) {
		t.Errorf("ops %q\nwant %q", job.Ops, wantOps)
	}
	if !slices.Equal(job.Feeds, []Feed{{Lines: 3}, {Dots: 20}, {Lines: 1}}) ||
		!slices.Equal(job.Cuts, []Cut{{Partial: true, Feed: 5}, {}}) ||
		!slices.Equal(job.Queries, []byte{1}) || job.Bands != 2 || job.Inits != 1 {
		t.Errorf("job %+v", job)
	}
	// 16×3: the 8-dot band centred (x 4–11) over a 16-dot band.
	want := []string{
		"....####........",
		"........####....",
		"#..............#",
	}
	if got := picture(job); !slices.Equal(got, want) {
		t.Errorf("image\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func picture(job *Job) []string {
	var rows []string
	r := job.Image.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		var b strings.Builder
		for x := r.Min.X; x < r.Max.X; x++ {
			if job.Image.GrayAt(x, y).Y == 0 {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		rows = append(rows, b.String())
	}
	return rows
}

func TestDecodeQR(t *testing.T) {
	data := "https://tabour.example/t/1"
	n := len(data) + 3
	stream := []byte{0x1d, '(', 'k', 4, 0, 49, 65, 50, 0, 0x1d, '(', 'k', 3, 0, 49, 67, 4,
		0x1d, '(', 'k', 3, 0, 49, 69, 51, 0x1d, '(', 'k', byte(n), 0, 49, 80, 48}
	stream = append(stream, data...)
	stream = append(stream, 0x1d, '(', 'k', 3, 0, 49, 81, 48)
	job, err := Decode(stream)
	if err != nil {
		t.Fatal(err)
	}
	if len(job.QRs) != 1 || job.QRs[0] != (QR{Data: data, Model: 2, Module: 4, Level: 'H'}) {
		t.Errorf("QRs %+v", job.QRs)
	}
	if s := job.Image.Bounds().Dx(); s%4 != 0 || s < 21*4 {
		t.Errorf("QR drawn %d dots wide, want a whole number of 4-dot modules", s)
	}
}

// TestDecodeErrors: bad bytes are errors naming where they are.
func TestDecodeErrors(t *testing.T) {
	for _, c := range []struct {
		stream []byte
		err    string
	}{
		{[]byte{0x1b, '@', 'A'}, "unknown byte 0x41 at offset 2"},
		{[]byte{0x1b, '@', 0x1b, 'Z'}, "unknown command ESC 0x5a at offset 2"},
		{[]byte{0x1d, 'v', '0', 0, 2, 0, 2, 0, 1, 2, 3}, "truncated GS v 0 data at offset 0"},
		{[]byte{0x1d, 'v', '0', 3, 1, 0, 1, 0, 1}, "unsupported GS v 0x30 mode 3 at offset 0"},
		{[]byte{0x1d, 'v', '0', 0, 0, 0, 1, 0}, "empty GS v 0 0x1 at offset 0"},
		{[]byte{0x0a, 0x1d, 'V', 7}, "unknown cut GS V 7 at offset 1"},
		{[]byte{0x1d, 'V', 65}, "truncated GS V at offset 0"},
		{[]byte{0x10, 0x04, 9}, "unknown command DLE 0x04 0x09 at offset 0"},
		{[]byte{0x1d, '(', 'k', 3, 0, 49, 81, 48}, "QR print with no data stored at offset 0"},
		{[]byte{0x1d, '(', 'k', 3, 0, 48, 81, 48}, "unsupported GS ( k symbol at offset 0"},
		{[]byte{0x1d, '(', 'k', 3, 0, 49, 67, 17}, "bad GS ( k QR function 67 at offset 0"},
		{[]byte{0x1d, '(', 'k', 9, 0, 49}, "truncated GS ( k parameters at offset 0"},
		{[]byte{0x1b, 'a', 7}, "bad ESC a 7 at offset 0"},
		{[]byte{0x1b}, "truncated ESC at offset 0"},
	} {
		_, err := Decode(c.stream)
		if err == nil || err.Error() != "escpostest: "+c.err {
			t.Errorf("% x: error %v, want %q", c.stream, err, c.err)
		}
	}
}

// FuzzDecode: no input makes Decode panic or return an image it should
// not.
func FuzzDecode(f *testing.F) {
	f.Add([]byte{0x1b, '@', 0x1d, 'v', '0', 0, 1, 0, 1, 0, 0xaa, 0x1b, 'd', 4, 0x1d, 'V', 1})
	f.Add([]byte{0x1d, '(', 'k', 6, 0, 49, 80, 48, 'a', 'b', 'c', 0x1d, '(', 'k', 3, 0, 49, 81, 48})
	f.Add([]byte{0x10, 0x04, 0x02, 0x1b, 'a', 2, 0x0a})
	f.Fuzz(func(t *testing.T, b []byte) {
		job, err := Decode(b)
		if job == nil {
			t.Fatal("nil job")
		}
		if err != nil && !strings.HasPrefix(err.Error(), "escpostest: ") {
			t.Fatalf("error %q", err)
		}
		if job.Image != nil && job.Image.Bounds().Dx()*job.Image.Bounds().Dy() > maxPixels {
			t.Fatalf("image %v", job.Image.Bounds())
		}
	})
}

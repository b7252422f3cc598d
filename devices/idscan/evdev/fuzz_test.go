package evdev

import (
	"slices"
	"testing"
	"time"
)

// FuzzDecoder: any byte stream decodes without panic, the same whether
// fed whole or in pieces, and never yields a scan longer than the limit.
func FuzzDecoder(f *testing.F) {
	for _, rec := range recordings {
		f.Add(rec.make(), uint8(7))
	}
	f.Fuzz(func(t *testing.T, stream []byte, chunk uint8) {
		whole := decodeAll(stream, len(stream)+1)
		pieces := decodeAll(stream, int(chunk)+1)
		if !slices.Equal(whole, pieces) {
			t.Fatalf("whole %q, in chunks of %d %q", whole, int(chunk)+1, pieces)
		}
		for _, s := range whole {
			if s[0] != '!' && len(s) > 16 {
				t.Fatalf("scan %q over the limit", s)
			}
		}
	})
}

func decodeAll(stream []byte, chunk int) []string {
	d := NewDecoder(16, 300*time.Millisecond)
	var out []string
	for len(stream) > 0 {
		n := min(chunk, len(stream))
		for _, r := range d.Feed(stream[:n]) {
			if r.Err != nil {
				out = append(out, "!"+describe(r))
			} else {
				out = append(out, r.Scan)
			}
		}
		stream = stream[n:]
	}
	return out
}

package voice

import (
	"encoding/json"
	"io/fs"
	"testing"

	"tabour/devices/audio"
)

// TestPackMatchesTable: the generated files are those of the current clip
// table; rerun go generate when this fails.
func TestPackMatchesTable(t *testing.T) {
	b, err := fs.ReadFile(FS(), "manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m audio.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	clips := audio.Clips()
	if len(m.Clips) != len(clips) {
		t.Fatalf("manifest has %d clips, the table %d: run go generate ./devices/audio/voice", len(m.Clips), len(clips))
	}
	for i, c := range clips {
		if e := m.Clips[i]; e.ID != c.ID || e.Text != c.Text || e.File != string(c.ID)+".wav" {
			t.Errorf("manifest entry %+v, table %+v: run go generate", e, c)
		}
	}
	if m.Format != audio.DefaultFormat {
		t.Errorf("format %v", m.Format)
	}
}

// TestEveryCall renders every ticket number and counter 1–999 in both
// languages and both letter styles from the default pack.
func TestEveryCall(t *testing.T) {
	p, err := Pack()
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []audio.LetterStyle{audio.LatinNames, audio.ArabicNames} {
		c := audio.Composer{ArabicLetters: style}
		for n := 1; n <= 999; n++ {
			label := string(rune('A'+n%26)) + pad(n)
			seq, err := c.ComposeAll([]string{"ar", "en"}, label, n)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range seq {
				if !p.Has(id) {
					t.Fatalf("%s at %d: no clip %s", label, n, id)
				}
			}
		}
	}
}

func pad(n int) string {
	return string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
}

// TestSize keeps the built-in pack small enough to commit and embed.
func TestSize(t *testing.T) {
	var total int64
	fs.WalkDir(FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			total += info.Size()
		}
		return nil
	})
	if total > 3<<20 {
		t.Errorf("voice pack is %d bytes, over 3 MiB", total)
	}
	t.Logf("voice pack: %d bytes", total)
}

func TestRenderAnnouncement(t *testing.T) {
	p, err := Pack()
	if err != nil {
		t.Fatal(err)
	}
	seq, err := audio.Compose("ar", "A023", 4)
	if err != nil {
		t.Fatal(err)
	}
	wav, err := p.Render(seq)
	if err != nil {
		t.Fatal(err)
	}
	f, pcm, err := audio.ParseWAV(wav)
	if err != nil || f != audio.DefaultFormat {
		t.Fatalf("rendered %v, %v", f, err)
	}
	if d := len(pcm) / 2; d < 2*16000 || d > 10*16000 {
		t.Errorf("announcement of %d samples; want 2–10 s", d)
	}
}

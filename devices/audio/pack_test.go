package audio

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// tone is n frames of 16-bit mono PCM whose samples count up from base.
func tone(base, n int) []byte {
	var b []byte
	for i := range n {
		b = binary.LittleEndian.AppendUint16(b, uint16(base+i))
	}
	return b
}

// testPack is a pack of three clips of 100, 250 and 7 frames.
func testPack(t *testing.T, edit func(fstest.MapFS, *Manifest)) (*Pack, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	m := Manifest{Format: DefaultFormat}
	for i, c := range []struct {
		id ClipID
		n  int
	}{{"chime", 100}, {"en.ticket", 250}, {"en.n.1", 7}} {
		file := string(c.id) + ".wav"
		fsys[file] = &fstest.MapFile{Data: EncodeWAV(DefaultFormat, tone(1000*i, c.n))}
		m.Clips = append(m.Clips, ManifestEntry{ID: c.id, File: file})
	}
	if edit != nil {
		edit(fsys, &m)
	}
	b, _ := json.Marshal(m)
	fsys["manifest.json"] = &fstest.MapFile{Data: b}
	return LoadPack(fsys)
}

func TestRenderLength(t *testing.T) {
	p, err := testPack(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	seq := []ClipID{"chime", "en.ticket", "en.n.1", "en.n.1"}
	for _, gap := range []time.Duration{0, DefaultGap} {
		p.Gap = gap
		wav, err := p.Render(seq)
		if err != nil {
			t.Fatal(err)
		}
		f, pcm, err := ParseWAV(wav)
		if err != nil || f != DefaultFormat {
			t.Fatal(f, err)
		}
		gapBytes := 2 * int(gap*16000/time.Second) // 60 ms at 16 kHz = 960 frames
		if want := 2*(100+250+7+7) + 3*gapBytes; len(pcm) != want {
			t.Errorf("gap %v: %d bytes of PCM, want %d", gap, len(pcm), want)
		}
		if !bytes.Equal(pcm[:200], tone(0, 100)) || !bytes.Equal(pcm[len(pcm)-14:], tone(2000, 7)) {
			t.Errorf("gap %v: clips not in order", gap)
		}
	}
	if d := p.Duration("en.ticket"); d.Microseconds() != 15625 {
		t.Errorf("Duration = %v, want 15.625ms", d)
	}
}

func TestRenderMissing(t *testing.T) {
	p, _ := testPack(t, nil)
	if _, err := p.Render([]ClipID{"chime", "ar.n.5"}); !errors.Is(err, ErrNoClip) {
		t.Fatalf("Render = %v, want ErrNoClip", err)
	}
}

func TestLoadPackRejects(t *testing.T) {
	for name, edit := range map[string]func(fstest.MapFS, *Manifest){
		"other rate": func(fs fstest.MapFS, m *Manifest) {
			fs["en.n.1.wav"].Data = EncodeWAV(Format{Rate: 22050, Channels: 1, Bits: 16}, tone(0, 10))
		},
		"stereo": func(fs fstest.MapFS, m *Manifest) {
			fs["en.n.1.wav"].Data = EncodeWAV(Format{Rate: 16000, Channels: 2, Bits: 16}, tone(0, 10))
		},
		"missing file": func(fs fstest.MapFS, m *Manifest) { delete(fs, "chime.wav") },
		"not wav":      func(fs fstest.MapFS, m *Manifest) { fs["chime.wav"].Data = []byte("ID3 mp3") },
		"duplicate":    func(fs fstest.MapFS, m *Manifest) { m.Clips = append(m.Clips, m.Clips[0]) },
	} {
		if _, err := testPack(t, edit); err == nil || !strings.HasPrefix(err.Error(), "audio: pack") {
			t.Errorf("%s: LoadPack = %v", name, err)
		}
	}
	if _, err := LoadPack(fstest.MapFS{"manifest.json": {Data: []byte("{")}}); err == nil {
		t.Error("bad manifest accepted")
	}
}

func TestWAVRoundTrip(t *testing.T) {
	pcm := tone(5, 33)
	wav := EncodeWAV(DefaultFormat, pcm)
	if len(wav) != 44+len(pcm) {
		t.Fatalf("%d bytes", len(wav))
	}
	f, got, err := ParseWAV(wav)
	if err != nil || f != DefaultFormat || !bytes.Equal(got, pcm) {
		t.Fatalf("ParseWAV = %v, %d bytes, %v", f, len(got), err)
	}
}

// TestWAVChunks: a header with extra chunks (LIST, odd-sized) as sox and
// editors write.
func TestWAVChunks(t *testing.T) {
	pcm := tone(0, 4)
	canon := EncodeWAV(DefaultFormat, pcm)
	var b []byte
	b = append(b, canon[:36]...) // RIFF, WAVE, fmt chunk
	b = append(b, "LIST"...)
	b = binary.LittleEndian.AppendUint32(b, 3)
	b = append(b, 'a', 'b', 'c', 0) // odd size, padded
	b = append(b, canon[36:]...)
	f, got, err := ParseWAV(b)
	if err != nil || f != DefaultFormat || !bytes.Equal(got, pcm) {
		t.Fatalf("ParseWAV = %v, % x, %v", f, got, err)
	}
}

func TestWAVRejects(t *testing.T) {
	canon := EncodeWAV(DefaultFormat, tone(0, 4))
	float := bytes.Clone(canon)
	float[20] = 3 // IEEE float
	for name, b := range map[string][]byte{
		"empty":     nil,
		"not riff":  []byte("RIFX0000WAVE"),
		"truncated": canon[:50],
		"no data":   canon[:36],
		"float":     float,
		"data only": append([]byte("RIFF\x00\x00\x00\x00WAVE"), canon[36:]...),
	} {
		if _, _, err := ParseWAV(b); !errors.Is(err, ErrWAV) {
			t.Errorf("%s: ParseWAV = %v", name, err)
		}
	}
}

// FuzzParseWAV: never panics, and PCM it returns is whole frames.
func FuzzParseWAV(f *testing.F) {
	f.Add(EncodeWAV(DefaultFormat, tone(0, 3)))
	f.Add(EncodeWAV(Format{Rate: 8000, Channels: 2, Bits: 24}, []byte{1, 2, 3, 4, 5, 6, 7}))
	f.Fuzz(func(t *testing.T, b []byte) {
		fm, pcm, err := ParseWAV(b)
		if err == nil && len(pcm)%fm.frameSize() != 0 {
			t.Fatalf("%d bytes of %v", len(pcm), fm)
		}
	})
}

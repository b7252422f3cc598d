package audio

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// Manifest describes a clip pack: its one sample format and its clips.
// It is the pack directory's manifest.json.
type Manifest struct {
	Format    Format          `json:"format"`
	Generator string          `json:"generator,omitempty"` // how the clips were made
	Clips     []ManifestEntry `json:"clips"`
}

// ManifestEntry is one clip of a pack.
type ManifestEntry struct {
	ID   ClipID `json:"id"`
	File string `json:"file"`
	Text string `json:"text"`
}

// Pack is a set of clips in one format, ready to render announcements.
type Pack struct {
	Format Format
	// Gap is the silence put between clips.
	Gap   time.Duration
	clips map[ClipID]clip
}

type clip struct {
	format Format
	pcm    []byte
}

// DefaultGap separates the trimmed clips so words do not run together.
const DefaultGap = 60 * time.Millisecond

// LoadPack reads manifest.json and every clip it names from fsys. Every
// clip must be a PCM WAV file in the manifest's format.
func LoadPack(fsys fs.FS) (*Pack, error) {
	b, err := fs.ReadFile(fsys, "manifest.json")
	if err != nil {
		return nil, fmt.Errorf("audio: pack: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("audio: pack manifest: %w", err)
	}
	p := &Pack{Format: m.Format, Gap: DefaultGap, clips: map[ClipID]clip{}}
	for _, e := range m.Clips {
		if err := p.load(fsys, e); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// load reads one clip into p.
func (p *Pack) load(fsys fs.FS, e ManifestEntry) error {
	if _, dup := p.clips[e.ID]; dup {
		return fmt.Errorf("audio: pack: clip %s twice", e.ID)
	}
	b, err := fs.ReadFile(fsys, e.File)
	if err != nil {
		return fmt.Errorf("audio: pack: clip %s: %w", e.ID, err)
	}
	f, pcm, err := ParseWAV(b)
	if err != nil {
		return fmt.Errorf("audio: pack: clip %s (%s): %w", e.ID, e.File, err)
	}
	if f != p.Format {
		return fmt.Errorf("audio: pack: clip %s is %v, the pack %v", e.ID, f, p.Format)
	}
	p.clips[e.ID] = clip{format: f, pcm: pcm}
	return nil
}

// Has reports whether the pack holds id.
func (p *Pack) Has(id ClipID) bool { _, ok := p.clips[id]; return ok }

// Duration is how long id plays (0 if the pack lacks it).
func (p *Pack) Duration(id ClipID) time.Duration {
	c := p.clips[id]
	if c.format.Rate == 0 {
		return 0
	}
	return time.Duration(len(c.pcm)/c.format.frameSize()) * time.Second / time.Duration(c.format.Rate)
}

// ErrNoClip is matched when a sequence names a clip the pack lacks.
var ErrNoClip = errors.New("audio: clip not in pack")

// Render concatenates the clips of seq, Gap apart, into one WAV file.
func (p *Pack) Render(seq []ClipID) ([]byte, error) {
	pcm, err := p.PCM(seq)
	if err != nil {
		return nil, err
	}
	return EncodeWAV(p.Format, pcm), nil
}

// PCM is Render without the WAV header.
func (p *Pack) PCM(seq []ClipID) ([]byte, error) {
	gap := make([]byte, p.gapFrames()*p.Format.frameSize())
	var out []byte
	for i, id := range seq {
		c, ok := p.clips[id]
		if !ok {
			return nil, fmt.Errorf("%w: %s", ErrNoClip, id)
		}
		if c.format != p.Format {
			return nil, fmt.Errorf("audio: clip %s is %v, the pack %v", id, c.format, p.Format)
		}
		if i > 0 {
			out = append(out, gap...)
		}
		out = append(out, c.pcm...)
	}
	return out, nil
}

func (p *Pack) gapFrames() int { return int(p.Gap * time.Duration(p.Format.Rate) / time.Second) }

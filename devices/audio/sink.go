package audio

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Sink plays sound. Play returns when the sound has played, or at once
// with an error; the Announcer never calls it twice at the same time.
type Sink interface {
	Play(ctx context.Context, wav []byte) error
}

// Aplay plays WAV data by piping it to ALSA's aplay (alsa-utils), which
// needs no cgo and no sound library in the binary.
type Aplay struct {
	Path   string // the aplay binary
	Device string // ALSA device for -D, e.g. "plughw:1,0"; "" means the default
}

var _ Sink = (*Aplay)(nil)

// NewAplay finds aplay on PATH; it is an error if it is missing (install
// alsa-utils).
func NewAplay(device string) (*Aplay, error) {
	path, err := exec.LookPath("aplay")
	if err != nil {
		return nil, fmt.Errorf("audio: aplay not found (install alsa-utils): %w", err)
	}
	return &Aplay{Path: path, Device: device}, nil
}

// Play runs aplay -q [-D device] - with wav on its standard input, and
// waits for it. Ending ctx kills aplay.
func (a *Aplay) Play(ctx context.Context, wav []byte) error {
	args := []string{"-q"}
	if a.Device != "" {
		args = append(args, "-D", a.Device)
	}
	cmd := exec.CommandContext(ctx, a.Path, append(args, "-")...)
	cmd.Stdin = bytes.NewReader(wav)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return fmt.Errorf("audio: aplay: %w: %s", err, msg)
		}
		return fmt.Errorf("audio: aplay: %w", err)
	}
	return nil
}

// Dir is a sink that writes each announcement to a numbered WAV file in a
// directory instead of playing it (announce-0001.wav, …): the simulated
// center's speaker, as its printer writes each ticket to a file. The
// files last as long as a sound would: Play waits the WAV's duration, so
// announcements follow one another as they would be heard.
type Dir struct {
	Path string
	mu   sync.Mutex
	n    int
}

var _ Sink = (*Dir)(nil)

// Play writes wav to the next file and waits as long as it plays.
func (d *Dir) Play(ctx context.Context, wav []byte) error {
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return fmt.Errorf("audio: %w", err)
	}
	d.mu.Lock()
	d.n++
	name := filepath.Join(d.Path, fmt.Sprintf("announce-%04d.wav", d.n))
	d.mu.Unlock()
	if err := os.WriteFile(name, wav, 0o644); err != nil {
		return fmt.Errorf("audio: %w", err)
	}
	dur, err := Duration(wav)
	if err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(dur):
		return nil
	}
}

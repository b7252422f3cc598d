package audio

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
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

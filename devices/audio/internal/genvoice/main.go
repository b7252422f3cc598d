// Command genvoice makes Tabour's default voice pack: every clip of
// audio.Clips spoken by espeak-ng, trimmed of silence and resampled to
// 16 kHz mono 16-bit by sox, written as canonical WAV files with a
// manifest.json. The chime is synthesised here. Run it through go
// generate in devices/audio/voice:
//
//	go generate ./devices/audio/voice
//
// It needs espeak-ng and sox (Debian packages espeak-ng and sox). The
// output depends only on the clip table and the tools' versions, which
// the manifest records.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"tabour/devices/audio"
)

var (
	out   = flag.String("out", ".", "directory to write the pack into")
	speed = flag.Int("speed", 160, "espeak-ng words per minute")
)

var voices = map[string]string{"ar": "ar", "en": "en"}

func main() {
	log.SetFlags(0)
	log.SetPrefix("genvoice: ")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "genvoice")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := run(tmp); err != nil {
		log.Fatal(err)
	}
}

func run(tmp string) error {
	gen, err := generator()
	if err != nil {
		return err
	}
	m := audio.Manifest{Format: audio.DefaultFormat, Generator: gen}
	for _, c := range audio.Clips() {
		pcm, err := render(tmp, c)
		if err != nil {
			return fmt.Errorf("clip %s: %w", c.ID, err)
		}
		file := string(c.ID) + ".wav"
		if err := os.WriteFile(filepath.Join(*out, file), audio.EncodeWAV(audio.DefaultFormat, pcm), 0o644); err != nil {
			return err
		}
		m.Clips = append(m.Clips, audio.ManifestEntry{ID: c.ID, File: file, Text: c.Text})
	}
	if err := removeStale(m); err != nil {
		return err
	}
	b, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(*out, "manifest.json"), append(b, '\n'), 0o644)
}

// generator names the tools and settings, for the manifest.
func generator() (string, error) {
	v, err := exec.Command("espeak-ng", "--version").Output()
	if err != nil {
		return "", fmt.Errorf("espeak-ng: %w (install espeak-ng)", err)
	}
	s, err := exec.Command("sox", "--version").Output()
	if err != nil {
		return "", fmt.Errorf("sox: %w (install sox)", err)
	}
	ver := strings.Fields(string(v))
	return fmt.Sprintf("genvoice: espeak-ng %s -s %d, %s", ver[min(3, len(ver)-1)], *speed, strings.TrimSpace(strings.TrimPrefix(string(s), "sox:"))), nil
}

// render returns c's PCM in audio.DefaultFormat.
func render(tmp string, c audio.Clip) ([]byte, error) {
	if c.ID == audio.Chime {
		return chime(audio.DefaultFormat.Rate), nil
	}
	raw, clip := filepath.Join(tmp, "raw.wav"), filepath.Join(tmp, "clip.wav")
	if err := command("espeak-ng", "-v", voices[c.Lang], "-s", fmt.Sprint(*speed), "-w", raw, c.Say); err != nil {
		return nil, err
	}
	// Trim leading and trailing silence (below 1 % for 10 ms), then
	// resample without dither so runs are repeatable.
	err := command("sox", "-D", raw, "-b", "16", "-c", "1", clip,
		"silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse",
		"rate", "-h", fmt.Sprint(audio.DefaultFormat.Rate))
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(clip)
	if err != nil {
		return nil, err
	}
	f, pcm, err := audio.ParseWAV(b)
	if err != nil || f != audio.DefaultFormat {
		return nil, fmt.Errorf("sox made %v: %v", f, err)
	}
	return pcm, nil
}

func command(name string, args ...string) error {
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// removeStale deletes WAV files in the output that the manifest no longer
// names.
func removeStale(m audio.Manifest) error {
	keep := map[string]bool{}
	for _, e := range m.Clips {
		keep[e.File] = true
	}
	old, err := filepath.Glob(filepath.Join(*out, "*.wav"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if !keep[filepath.Base(f)] {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	return nil
}

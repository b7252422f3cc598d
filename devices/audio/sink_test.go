package audio

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeAplay writes a script standing in for aplay: it saves its arguments
// and standard input, and fails when told to.
func fakeAplay(t *testing.T, fail bool) (*Aplay, string) {
	dir := t.TempDir()
	script := "#!/bin/sh\necho \"$@\" > \"$0.args\"\ncat > \"$0.in\"\n"
	if fail {
		script += "echo 'aplay: main:831: audio open error: No such file or directory' >&2\nexit 1\n"
	}
	path := filepath.Join(dir, "aplay")
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return &Aplay{Path: path, Device: "plughw:1,0"}, path
}

func TestAplayPipes(t *testing.T) {
	a, path := fakeAplay(t, false)
	wav := EncodeWAV(DefaultFormat, tone(0, 1000))
	if err := a.Play(context.Background(), wav); err != nil {
		t.Fatal(err)
	}
	in, _ := os.ReadFile(path + ".in")
	args, _ := os.ReadFile(path + ".args")
	if string(in) != string(wav) || strings.TrimSpace(string(args)) != "-q -D plughw:1,0 -" {
		t.Fatalf("aplay got %d bytes, args %q", len(in), args)
	}
}

func TestAplayFails(t *testing.T) {
	a, _ := fakeAplay(t, true)
	err := a.Play(context.Background(), EncodeWAV(DefaultFormat, nil))
	if err == nil || err.Error() != "audio: aplay: exit status 1: aplay: main:831: audio open error: No such file or directory" {
		t.Fatalf("Play = %v", err)
	}
}

func TestAplayMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := NewAplay(""); err == nil || !strings.HasPrefix(err.Error(), "audio: aplay not found") {
		t.Fatalf("NewAplay = %v", err)
	}
}

// Dir writes each sound to the next numbered file and takes as long as
// the sound.
func TestDirSink(t *testing.T) {
	d := &Dir{Path: filepath.Join(t.TempDir(), "hall")}
	wav := EncodeWAV(Format{Rate: 16000, Channels: 1, Bits: 16}, make([]byte, 3200)) // 0.1 s
	start := time.Now()
	for range 2 {
		if err := d.Play(context.Background(), wav); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(start); took < 200*time.Millisecond {
		t.Errorf("two 0.1 s sounds took %v", took)
	}
	for _, name := range []string{"announce-0001.wav", "announce-0002.wav"} {
		got, err := os.ReadFile(filepath.Join(d.Path, name))
		if err != nil || !bytes.Equal(got, wav) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := d.Play(context.Background(), []byte("not a wav")); err == nil {
		t.Error("a file that is no WAV was played")
	}
}

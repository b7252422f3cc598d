package evdev

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGrabRegularFile: EVIOCGRAB on a file that is not an evdev node
// fails, and Run says so instead of reading it.
func TestGrabRegularFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not-a-device")
	writeFile(t, path, (&recorder{}).typ(nid).b)
	d, err := New(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	scans := make(chan string, 1)
	err = d.Run(context.Background(), scans)
	if err == nil || !strings.HasPrefix(err.Error(), "evdev: grab: "+path+": ") || !errors.Is(err, syscall.ENOTTY) {
		t.Fatalf("Run = %v, want evdev: grab: %s: inappropriate ioctl for device", err, path)
	}
	if len(scans) != 0 {
		t.Fatal("a scan was read from a device that could not be grabbed")
	}
}

func TestGrabPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	d, _ := New("pipe", nil)
	err = d.run(context.Background(), r, make(chan string))
	if err == nil || !strings.HasPrefix(err.Error(), "evdev: grab: ") || !errors.Is(err, syscall.ENOTTY) {
		t.Fatalf("run = %v, want an ENOTTY grab error", err)
	}
}

func TestOpenMissing(t *testing.T) {
	d, _ := New("/dev/input/by-id/no-such-scanner-event-kbd", nil)
	err := d.Run(context.Background(), nil)
	if err == nil || !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "evdev: open ") {
		t.Fatalf("Run = %v, want evdev: open …: no such file or directory", err)
	}
}

// TestRunPipe reads a recorded stream through a pipe (with NoGrab, as a
// pipe cannot be grabbed), reports drops, and stops when ctx ends while a
// Read blocks.
func TestRunPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	dropped := make(chan error, 4)
	d, _ := New("pipe", &Opts{IdleGap: 300 * time.Millisecond, NoGrab: true, Dropped: func(err error) { dropped <- err }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	scans := make(chan string)
	go func() { done <- d.run(ctx, r, scans) }()
	w.Write(readFile(t, "testdata/idle-gap.events"))
	if got := <-scans; got != nid {
		t.Fatalf("scan %q", got)
	}
	if err := <-dropped; !strings.Contains(err.Error(), "partial") {
		t.Fatalf("dropped %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run = %v after cancel, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

func TestRunUnplugged(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	d, _ := New("pipe", &Opts{NoGrab: true})
	if err := d.run(context.Background(), r, nil); err == nil || !strings.HasPrefix(err.Error(), "evdev: read ") {
		t.Fatalf("run = %v, want a read error", err)
	}
}

func TestNewChecks(t *testing.T) {
	if _, err := New("", nil); err == nil {
		t.Error("New accepted an empty path")
	}
	if _, err := New("/dev/input/event3", &Opts{IdleGap: -1}); err == nil {
		t.Error("New accepted a negative idle gap")
	}
}

package serialscan

import (
	"context"
	"fmt"
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY returns the master of a new pseudo-terminal and the path of its
// slave, a real tty that go.bug.st/serial can open.
func openPTY(t *testing.T) (*os.File, string) {
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal device /dev/ptmx on this machine: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	rc, _ := m.SyscallConn()
	var n int
	var ioErr error
	rc.Control(func(fd uintptr) {
		if ioErr = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); ioErr == nil {
			n, ioErr = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
		}
	})
	if ioErr != nil {
		t.Skipf("the pseudo-terminal device /dev/ptmx cannot be unlocked here: %v", ioErr)
	}
	return m, fmt.Sprintf("/dev/pts/%d", n)
}

// TestRealPort reads through go.bug.st/serial on a pseudo-terminal.
func TestRealPort(t *testing.T) {
	m, slave := openPTY(t)
	d, err := New(slave, &Opts{Baud: 9600})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	scans := make(chan string)
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx, scans) }()
	if _, err := m.Write([]byte("29001011234567\r")); err != nil {
		t.Fatal(err)
	}
	if got := <-scans; got != "29001011234567" {
		t.Fatalf("scan %q", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v after cancel", err)
	}
}

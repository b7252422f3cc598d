package hallcmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"tabour/devices/leddisplay/ascii"
)

// openPTY opens a pseudo-terminal: the master end stands for the LED
// displays' RS-485 line, the slave's path is what display.leds names.
func openPTY(t *testing.T) (*os.File, string) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal device /dev/ptmx: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	rc, _ := m.SyscallConn()
	var n int
	var ioErr error
	_ = rc.Control(func(fd uintptr) {
		if ioErr = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); ioErr == nil {
			n, ioErr = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
		}
	})
	if ioErr != nil {
		t.Fatalf("the pseudo-terminal cannot be unlocked: %v", ioErr)
	}
	return m, fmt.Sprintf("/dev/pts/%d", n)
}

// display.leds opens a real serial port (go.bug.st/serial, here on a
// pseudo-terminal) and its driver puts a ticket on a counter's display:
// the bytes on the line parse as that ASCII frame.
func TestOpenLEDs(t *testing.T) {
	m, slave := openPTY(t)
	dev, closePort, err := openLEDs("ascii:" + slave + "?baud=19200&width=4")
	if err != nil {
		t.Fatal(err)
	}
	defer closePort()
	if err := dev.Show(context.Background(), 3, "A023"); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	_ = m.SetReadDeadline(time.Now().Add(5 * time.Second))
	var got []byte
	for {
		n, err := m.Read(buf)
		got = append(got, buf[:n]...)
		if f, _, perr := ascii.ParseFrame(got); perr == nil {
			if f.Addr != 3 || strings.TrimSpace(f.Text) != "A023" {
				t.Fatalf("frame %+v, want A023 at address 3", f)
			}
			break
		}
		if err != nil {
			t.Fatalf("read %q: %v", got, err)
		}
	}
	for _, bad := range []string{"ascii:/dev/no-such-port", "morse:" + slave, "ascii:" + slave + "?baud=x"} {
		if _, _, err := openLEDs(bad); err == nil {
			t.Errorf("%s opened", bad)
		}
	}
}

// The LED line is opened when first used and opened again after it
// failed: a path that is not there yet fails at once (and is not tried
// again within reopenEvery), then works once the adapter is plugged in
// (here, a link to a pseudo-terminal made afterwards).
func TestLEDLineReopens(t *testing.T) {
	link := filepath.Join(t.TempDir(), "ttyUSB0")
	l := newLEDLine("ascii:" + link)
	defer l.Close()
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	ctx := context.Background()
	if err := l.Show(ctx, 1, "A001"); err == nil {
		t.Fatal("a line that is not there showed a ticket")
	}
	m, slave := openPTY(t)
	if err := os.Symlink(slave, link); err != nil {
		t.Fatal(err)
	}
	if err := l.Show(ctx, 1, "A001"); err == nil {
		t.Fatal("the line was opened again within reopenEvery")
	}
	now = now.Add(reopenEvery)
	if err := l.Show(ctx, 1, "A001"); err != nil {
		t.Fatalf("after the adapter came: %v", err)
	}
	if err := l.Show(ctx, 1, "a?"); err == nil {
		t.Fatal("a text the display cannot show was sent")
	}
	buf := make([]byte, 64)
	_ = m.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := m.Read(buf)
	if err != nil || !strings.Contains(string(buf[:n]), "A001") {
		t.Fatalf("the line carried %q: %v", buf[:n], err)
	}
}

package serialscan

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"tabour/devices/idscan"
)

// fakePort is the read end of a pipe, standing in for a serial port.
type fakePort struct {
	*io.PipeReader
	closed chan struct{}
}

func (p *fakePort) Close() error {
	close(p.closed)
	return p.PipeReader.Close()
}

func withPort(t *testing.T) (*Dev, *io.PipeWriter, *fakePort, chan error) {
	r, w := io.Pipe()
	port := &fakePort{PipeReader: r, closed: make(chan struct{})}
	dropped := make(chan error, 4)
	d, err := New("/dev/ttyACM0", &Opts{Baud: 9600, MaxLen: 20, Dropped: func(err error) { dropped <- err }})
	if err != nil {
		t.Fatal(err)
	}
	d.open = func(path string, baud int) (io.ReadCloser, error) { return port, nil }
	return d, w, port, dropped
}

func TestRun(t *testing.T) {
	d, w, port, dropped := withPort(t)
	ctx, cancel := context.WithCancel(context.Background())
	scans := make(chan string)
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx, scans) }()
	go w.Write([]byte("29001011234567\r\n 30102030405060 \r123456789012345678901234\n42\r"))
	for _, want := range []string{"29001011234567", "30102030405060", "42"} {
		if got := <-scans; got != want {
			t.Fatalf("scan %q, want %q", got, want)
		}
	}
	if err := <-dropped; !errors.Is(err, idscan.ErrTooLong) {
		t.Fatalf("dropped %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v after cancel", err)
	}
	select {
	case <-port.closed:
	case <-time.After(time.Second):
		t.Fatal("port not closed")
	}
}

func TestRunUnplugged(t *testing.T) {
	d, w, _, _ := withPort(t)
	w.CloseWithError(errors.New("input/output error"))
	err := d.Run(context.Background(), make(chan string))
	if err == nil || err.Error() != "serialscan: read /dev/ttyACM0: input/output error" {
		t.Fatalf("Run = %v", err)
	}
}

func TestOpenFails(t *testing.T) {
	d, err := New("/dev/no-such-tty", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = d.Run(context.Background(), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "serialscan: open /dev/no-such-tty: ") {
		t.Fatalf("Run = %v", err)
	}
}

func TestNewChecks(t *testing.T) {
	if _, err := New("", nil); err == nil {
		t.Error("empty path accepted")
	}
	if _, err := New("/dev/ttyUSB0", &Opts{}); err == nil {
		t.Error("zero baud accepted")
	}
}

package escpos_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
)

// tcpPrinter is a fake network printer on a loopback port: it answers
// every DLE EOT with 0x12 (online) and counts the connections and the
// print data it got.
type tcpPrinter struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
	data  bytes.Buffer
}

func newTCPPrinter(t *testing.T) *tcpPrinter {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpPrinter{ln: ln}
	t.Cleanup(func() { ln.Close(); p.dropAll() })
	go p.serve()
	return p
}

func (p *tcpPrinter) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.conns = append(p.conns, c)
		p.mu.Unlock()
		go p.talk(c)
	}
}

// talk answers status queries; the driver waits for each answer before it
// writes again, so a query arrives as one 3-byte read.
func (p *tcpPrinter) talk(c net.Conn) {
	buf := make([]byte, 64<<10)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if n == 3 && buf[0] == 0x10 && buf[1] == 0x04 {
			c.Write([]byte{0x12})
			continue
		}
		p.mu.Lock()
		p.data.Write(buf[:n])
		p.mu.Unlock()
	}
}

// dropAll closes every connection, as a printer switched off does.
func (p *tcpPrinter) dropAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

func (p *tcpPrinter) stats() (conns, bytes int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns), p.data.Len()
}

// TestLinkReconnects: a TCP printer that drops the connection is dialled
// again on a later print; the print that met the broken link fails as
// Offline, nothing panics.
func TestLinkReconnects(t *testing.T) {
	tp := newTCPPrinter(t)
	p, closer, err := escpos.OpenURI(ctxT(t), "tcp://"+tp.ln.Addr().String(), testOpts(576))
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	if err := p.Print(ctxT(t), escpostest.EnglishTicket); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Status(ctxT(t)); err != nil { // answered once the ticket is read
		t.Fatal(err)
	}
	tp.dropAll()
	var failed int
	for range 3 {
		if err := p.Print(ctxT(t), escpostest.EnglishTicket); err != nil {
			var pe *printer.Error
			if !errors.As(err, &pe) || pe.State != printer.Offline {
				t.Fatalf("print on a dropped link: %v, want offline", err)
			}
			failed++
		}
	}
	if _, err := p.Status(ctxT(t)); err != nil { // answered after all print data is read
		t.Fatal(err)
	}
	conns, n := tp.stats()
	if conns != 2 || failed > 1 {
		t.Errorf("%d connections, %d failed prints; want 2 and at most 1", conns, failed)
	}
	job, err := escpostest.Decode(tpData(tp))
	if err != nil || len(job.Cuts) != 3-failed+1 {
		t.Errorf("printer got %d bytes, %v cuts, %v; want every print that succeeded (%d failed)", n, len(job.Cuts), err, failed)
	}
}

func tpData(p *tcpPrinter) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.data.Bytes())
}

// TestLinkUnreachable: a printer that is not there is Offline, and the
// Link keeps trying.
func TestLinkUnreachable(t *testing.T) {
	dials := 0
	dial := func(context.Context) (io.ReadWriteCloser, error) {
		dials++
		return nil, errors.New("escpos: open /dev/usb/lp0: no such file or directory")
	}
	l, err := escpos.NewLink(dial, testOpts(576))
	if err != nil {
		t.Fatal(err)
	}
	st, err := l.Status(ctxT(t))
	if err == nil || st.State != printer.Offline || !strings.Contains(st.Detail, "lp0") {
		t.Errorf("Status = %+v, %v; want offline naming the device", st, err)
	}
	perr := l.Print(ctxT(t), escpostest.EnglishTicket)
	if !errors.Is(perr, printer.ErrCannotPrint) || dials != 2 {
		t.Errorf("Print: %v after %d dials; want cannot print after 2", perr, dials)
	}
	l.Close()
	if err := l.Print(ctxT(t), escpostest.EnglishTicket); err == nil || dials != 2 {
		t.Errorf("Print after Close: %v, %d dials", err, dials)
	}
}

// TestLinkRedialsAfterUnplug: a fake USB link whose writes start failing
// is replaced by a fresh one.
func TestLinkRedialsAfterUnplug(t *testing.T) {
	var conns []*escpostest.Conn
	dial := func(context.Context) (io.ReadWriteCloser, error) {
		c := escpostest.NewConn(escpostest.Online)
		conns = append(conns, c)
		return c, nil
	}
	l, err := escpos.NewLink(dial, testOpts(384))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if st, err := l.Status(ctxT(t)); err != nil || st.State != printer.OK {
		t.Fatalf("Status = %+v, %v", st, err)
	}
	conns[0].FailWrites(errors.New("no such device"))
	if err := l.Print(ctxT(t), escpostest.EnglishTicket); !errors.Is(err, printer.ErrCannotPrint) {
		t.Fatalf("Print on unplugged link: %v", err)
	}
	if err := l.Print(ctxT(t), escpostest.EnglishTicket); err != nil || len(conns) != 2 || len(conns[1].Data()) == 0 {
		t.Errorf("Print after replug: %v with %d links", err, len(conns))
	}
}

func TestOpenURIErrors(t *testing.T) {
	for _, uri := range []string{
		"", "lpt:/dev/lp0", "usb:", "tcp://", "serial:", "serial:/dev/ttyUSB0?baud=fast",
		"virtual:", "%zz",
	} {
		if _, _, err := escpos.OpenURI(ctxT(t), uri, nil); err == nil || !strings.HasPrefix(err.Error(), "escpos: ") {
			t.Errorf("OpenURI(%q): %v, want an escpos: error", uri, err)
		}
	}
}

// TestOpenURIMissingDevices: a device that is not there opens (the
// appliance starts without it) and reports Offline with the reason.
func TestOpenURIMissingDevices(t *testing.T) {
	dir := t.TempDir()
	for _, uri := range []string{
		"usb:" + dir + "/lp9",
		"usb://" + dir + "/lp9",
		"serial:" + dir + "/ttyUSB9?baud=115200",
		"tcp://127.0.0.1:1",
	} {
		p, closer, err := escpos.OpenURI(ctxT(t), uri, testOpts(576))
		if err != nil {
			t.Errorf("OpenURI(%q): %v", uri, err)
			continue
		}
		st, err := p.Status(ctxT(t))
		if err == nil || st.State != printer.Offline || !strings.HasPrefix(st.Detail, "escpos: ") {
			t.Errorf("%s: Status = %+v, %v; want offline with an escpos: reason", uri, st, err)
		}
		closer.Close()
	}
}

// TestUSBFileEOF: a USB device read that returns nothing is not a broken
// link (usblp ends reads early on an empty packet). A plain file stands in
// for /dev/usb/lp0: the query is written, nothing is answered.
func TestUSBFileEOF(t *testing.T) {
	dev := filepath.Join(t.TempDir(), "lp0")
	if err := os.WriteFile(dev, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	p, closer, err := escpos.OpenURI(ctxT(t), "usb:"+dev, testOpts(576))
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	for range 2 {
		st, err := p.Status(ctxT(t))
		if err != nil || st.State != printer.Offline || !strings.Contains(st.Detail, "no answer") {
			t.Errorf("Status = %+v, %v; want offline, no answer, link intact", st, err)
		}
	}
	if b, _ := os.ReadFile(dev); !bytes.Equal(b, []byte{0x10, 0x04, 1, 0x10, 0x04, 1}) {
		t.Errorf("device got % x, want two DLE EOT 1 on one link", b)
	}
}

// deadlineConn records the write deadline the driver sets.
type deadlineConn struct {
	*escpostest.Conn
	mu       sync.Mutex
	deadline time.Time
}

func (c *deadlineConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	c.deadline = t
	c.mu.Unlock()
	return nil
}

// TestWriteDeadline: writes give up at the context's deadline or after
// WriteTimeout, whichever is first.
func TestWriteDeadline(t *testing.T) {
	conn := &deadlineConn{Conn: escpostest.NewConn(escpostest.Online)}
	defer conn.Close()
	o := testOpts(576)
	o.WriteTimeout = 30 * time.Second
	dev, err := escpos.New(conn, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ctxTimeout time.Duration
		want       time.Duration
	}{{time.Second, time.Second}, {time.Hour, 30 * time.Second}} {
		ctx, cancel := context.WithTimeout(context.Background(), c.ctxTimeout)
		if err := dev.Print(ctx, escpostest.EnglishTicket); err != nil {
			t.Fatal(err)
		}
		cancel()
		conn.mu.Lock()
		left := time.Until(conn.deadline)
		conn.mu.Unlock()
		if left > c.want || left < c.want-5*time.Second {
			t.Errorf("context %v: deadline in %v, want about %v", c.ctxTimeout, left, c.want)
		}
	}
}

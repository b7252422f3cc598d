package broker

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"
)

// freePort binds addr to learn its port (":0" picks one) and to report a
// taken address at once (errors.Is(err, syscall.EADDRINUSE)), then frees
// it for the server, which binds it itself.
func freePort(addr string) (host string, bound *net.TCPAddr, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("broker: listen %s: %w", addr, err)
	}
	defer ln.Close()
	host, _, _ = net.SplitHostPort(addr)
	return host, ln.Addr().(*net.TCPAddr), nil
}

// localURL is the URL a client on this machine uses to reach addr.
func localURL(scheme string, addr net.Addr) string {
	ta, ok := addr.(*net.TCPAddr)
	if !ok {
		return scheme + "://" + addr.String()
	}
	host := ta.IP.String()
	if ta.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return scheme + "://" + net.JoinHostPort(host, strconv.Itoa(ta.Port))
}

// tlsFront accepts TLS connections on the LAN address and relays each, in
// clear, to the server's loopback MQTT listener: the server has a single
// MQTT listener, which the appliance's own clients use without TLS. A
// handshake must finish within the auth timeout, and at most max
// connections are relayed at once (more are closed as they come).
type tlsFront struct {
	ln       net.Listener
	cfg      *tls.Config
	backend  string
	deadline time.Duration
	slots    chan struct{}
	wg       sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

func newTLSFront(addr, certFile, keyFile string, max int, deadline time.Duration) (*tlsFront, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("broker: tls: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("broker: listen %s: %w", addr, err)
	}
	return &tlsFront{ln: ln, deadline: deadline, slots: make(chan struct{}, max), conns: map[net.Conn]struct{}{},
		cfg: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}}, nil
}

// serve relays connections until the listener is closed.
func (f *tlsFront) serve() {
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		select {
		case f.slots <- struct{}{}:
		default:
			c.Close()
			continue
		}
		f.wg.Add(1)
		go func() {
			defer func() { <-f.slots; f.wg.Done() }()
			f.relay(c)
		}()
	}
}

func (f *tlsFront) relay(c net.Conn) {
	setNoDelay(c)
	tc := tls.Server(c, f.cfg)
	if !f.track(tc) {
		return
	}
	defer f.untrack(tc)
	_ = tc.SetDeadline(time.Now().Add(f.deadline))
	if err := tc.Handshake(); err != nil {
		return
	}
	_ = tc.SetDeadline(time.Time{})
	back, err := net.DialTimeout("tcp", f.backend, f.deadline)
	if err != nil {
		return
	}
	setNoDelay(back)
	if !f.track(back) {
		return
	}
	defer f.untrack(back)
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(back, tc)
		back.Close()
		close(done)
	}()
	_, _ = io.Copy(tc, back)
	tc.Close()
	<-done
}

// track records an open connection so close can end it; false (and the
// connection closed) once the front is closing.
func (f *tlsFront) track(c net.Conn) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conns == nil {
		c.Close()
		return false
	}
	f.conns[c] = struct{}{}
	return true
}

func (f *tlsFront) untrack(c net.Conn) {
	c.Close()
	f.mu.Lock()
	delete(f.conns, c)
	f.mu.Unlock()
}

// close stops accepting, ends every relayed connection and waits.
func (f *tlsFront) close() {
	f.ln.Close()
	f.mu.Lock()
	for c := range f.conns {
		c.Close()
	}
	f.conns = nil
	f.mu.Unlock()
	f.wg.Wait()
}

// setNoDelay turns Nagle's algorithm off (Go's default; set here so that a
// small QoS 1 message is never held back waiting for a delayed ACK).
func setNoDelay(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetNoDelay(true)
	}
}

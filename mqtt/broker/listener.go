package broker

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"
)

// serveLoopback opens a plain listener on the loopback interface for the
// appliance's own clients when the main listener speaks TLS. NATS has one
// MQTT listener, so each loopback connection is carried over TLS to it,
// trusting only the broker's own certificate.
func (b *Embedded) serveLoopback(srvTLS *tls.Config) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("broker: listen loopback: %w", err)
	}
	b.local, b.url = ln, localURL("tcp", ln.Addr())
	own := srvTLS.Certificates[0].Certificate[0]
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 || !bytes.Equal(raw[0], own) {
				return errors.New("broker: loopback: not the broker's certificate")
			}
			return nil
		}}
	target := net.JoinHostPort("127.0.0.1", strconv.Itoa(b.addr.(*net.TCPAddr).Port))
	if ip := b.addr.(*net.TCPAddr).IP; !ip.IsUnspecified() {
		target = b.addr.String()
	}
	go acceptLoop(ln, func(c net.Conn) { pipeTLS(c, target, cfg) })
	return nil
}

func acceptLoop(ln net.Listener, serve func(net.Conn)) {
	for {
		c, err := ln.Accept()
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return
		}
		go serve(c)
	}
}

// pipeTLS copies c to a TLS connection to target and back until either
// side closes.
func pipeTLS(c net.Conn, target string, cfg *tls.Config) {
	defer c.Close()
	d := &net.Dialer{Timeout: 5 * time.Second}
	up, err := tls.DialWithDialer(d, "tcp", target, cfg)
	if err != nil {
		return
	}
	defer up.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, _ = io.Copy(up, c)
		_ = up.CloseWrite()
	}()
	_, _ = io.Copy(c, up)
	c.Close()
	wg.Wait()
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

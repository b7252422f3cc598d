package broker_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tabour/mqtt/auth"
	"tabour/mqtt/broker"
	"tabour/mqtt/client"
	"tabour/mqtt/mqtttest"
)

func start(t *testing.T, opts broker.Opts) *broker.Embedded {
	t.Helper()
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if opts.StoreDir == "" {
		opts.StoreDir = t.TempDir()
	}
	b, err := broker.NewEmbedded(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return b
}

func registry(t *testing.T) *auth.Registry {
	reg, err := auth.NewRegistry("c1", []auth.Device{
		{ID: "ctr01", Role: auth.RoleCounter, Counter: 1, PasswordSHA256: auth.HashPassword("good")},
		{ID: "kiosk1", Role: auth.RoleAppliance, PasswordSHA256: auth.HashPassword("k")},
		{ID: "mon1", Role: auth.RoleMonitor, PasswordSHA256: auth.HashPassword("m")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func connects(t *testing.T, opts client.Opts) bool {
	t.Helper()
	opts.ClientID, opts.Retry = opts.Username+"-t-"+client.NewID()[:8], 50*time.Millisecond
	c := client.New(opts)
	defer c.Close(10 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	return c.WaitConnected(ctx) == nil
}

func TestEmbeddedAuthenticates(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	if !connects(t, client.Opts{URL: b.URL(), Username: "ctr01", Password: "good"}) {
		t.Fatal("the right password was refused")
	}
	for _, o := range []client.Opts{
		{URL: b.URL(), Username: "ctr01", Password: "bad"},
		{URL: b.URL()},
	} {
		if connects(t, o) {
			t.Errorf("connected: user %q will %v", o.Username, o.Will)
		}
	}
}

func TestEmbeddedTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", CertFile: certFile, KeyFile: keyFile})
	tlsURL := "ssl://" + b.Addr().String()
	if !connects(t, client.Opts{URL: tlsURL, TLS: &tls.Config{RootCAs: pool, ServerName: "localhost"}}) {
		t.Fatal("TLS client refused")
	}
	if !connects(t, client.Opts{URL: b.URL()}) {
		t.Fatal("loopback client refused")
	}
	if connects(t, client.Opts{URL: "tcp://" + b.Addr().String()}) {
		t.Fatal("plain client accepted on the TLS listener")
	}
}

func selfSigned(t *testing.T) (string, string, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "EC PRIVATE KEY", kb)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func writePEM(t *testing.T, path, typ string, b []byte) {
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A device may connect only with a client id of its own: its id, or its
// id, "-" and a suffix; never another device's, so it cannot take over
// that device's session.
func TestEmbeddedClientIDs(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	for _, tc := range []struct {
		user, pass, cid string
		want            bool
	}{
		{"ctr01", "good", "ctr01", true},
		{"ctr01", "good", "ctr01-console", true},
		{"mon1", "m", "kiosk1-bus", false},
		{"mon1", "m", "kiosk1", false},
		{"ctr01", "good", "ctr01x", false},
		{"ctr01", "good", "ctr0", false},
		{"ctr01", "good", "mon1-ctr01", false},
		{"kiosk1", "k", "kiosk1-bus", true},
	} {
		c := client.New(client.Opts{URL: b.URL(), ClientID: tc.cid, Username: tc.user, Password: tc.pass, Retry: 50 * time.Millisecond})
		ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
		got := c.WaitConnected(ctx) == nil
		cancel()
		c.Close(10 * time.Millisecond)
		if got != tc.want {
			t.Errorf("%s as %q: connected %v, want %v", tc.user, tc.cid, got, tc.want)
		}
	}
}

// A device credential holds at most MaxSessions connections at once; one
// more is refused until one of them closes. A connection that comes back
// with the client id of one the server still holds (a device reconnecting
// after its network dropped) replaces it and is let in.
func TestEmbeddedSessionLimit(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t), MaxSessions: 2})
	raw := func() net.Conn { // client id "ctr01-raw"
		c, err := net.Dial("tcp", b.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		mustWrite(t, c, connectPacket("ctr01", "good"))
		ack := make([]byte, 4)
		if _, err := io.ReadFull(c, ack); err != nil || ack[3] != 0 {
			t.Fatalf("CONNACK %x: %v", ack, err)
		}
		return c
	}
	raw()
	first, ok := mqtttest.TryConnect(t, b.URL(), "ctr01", "good", "ctr01-a")
	if !ok {
		t.Fatal("the second connection was refused")
	}
	raw() // replaces the first raw connection
	if _, ok := mqtttest.TryConnect(t, b.URL(), "ctr01", "good", "ctr01-c"); ok {
		t.Fatal("a third connection was let in")
	}
	first.Close(10 * time.Millisecond)
	if _, ok := mqtttest.TryConnect(t, b.URL(), "ctr01", "good", "ctr01-c"); !ok {
		t.Fatal("refused after one of the connections closed")
	}
	for i := range 5 { // the appliance's own credential is not bounded
		if _, ok := mqtttest.TryConnect(t, b.URL(), "kiosk1", "k", fmt.Sprintf("kiosk1-%d", i)); !ok {
			t.Fatalf("the appliance's connection %d was refused", i)
		}
	}
}

package broker_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"tabour/mqtt/broker"
	"tabour/mqtt/client"
)

// A LAN host that opens 20 000 connections and never sends CONNECT costs
// the broker nothing lasting: each connection is dropped at the auth
// timeout, and a device is then answered at once. The connections go in
// waves (two descriptors each on this side of loopback).
func TestSilentConnectionsDropped(t *testing.T) {
	const total, wave, timeout = 20000, 2000, 200 * time.Millisecond
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t), AuthTimeout: timeout, MaxConns: wave + 100})
	addr := b.Addr().String()
	begin := time.Now()
	var slowest time.Duration
	for opened := 0; opened < total; opened += wave {
		conns := make([]net.Conn, 0, wave)
		start := time.Now()
		for range wave {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatalf("dial after %d: %v", opened+len(conns), err)
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			if err := waitClosed(c, 10*time.Second); err != nil {
				t.Fatalf("a silent connection: %v", err)
			}
			c.Close()
		}
		if d := time.Since(start); d > slowest {
			slowest = d
		}
	}
	t.Logf("%d silent connections in waves of %d dropped in %v (slowest wave %v, auth timeout %v)",
		total, wave, time.Since(begin).Round(time.Millisecond), slowest.Round(time.Millisecond), timeout)
	start := time.Now()
	if !connects(t, client.Opts{URL: b.URL(), Username: "ctr01", Password: "good"}) {
		t.Fatal("a device is refused after the flood")
	}
	t.Logf("a device connected %v after the flood", time.Since(start).Round(time.Microsecond))
}

// waitClosed waits until the server closes c: a read ends in EOF or a reset.
func waitClosed(c net.Conn, within time.Duration) error {
	_ = c.SetReadDeadline(time.Now().Add(within))
	_, err := c.Read(make([]byte, 64))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return errors.New("still open")
	}
	return nil
}

// A packet that declares 250 MB is refused on its fixed header, before
// the broker buffers any of it: the connection is closed and the
// process's heap does not grow by the packet's size.
func TestHugePacketRefused(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	for _, tc := range []struct {
		name  string
		first []byte // what comes before the huge packet
		typ   byte
	}{
		{"CONNECT", nil, 0x10},
		{"PUBLISH", connectPacket("ctr01", "good"), 0x32},
	} {
		t.Run(tc.name, func(t *testing.T) {
			heap0, rss0 := memory()
			c, err := net.Dial("tcp", b.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if tc.first != nil {
				mustWrite(t, c, tc.first)
				ack := make([]byte, 4)
				if _, err := io.ReadFull(c, ack); err != nil || ack[0] != 0x20 || ack[3] != 0 {
					t.Fatalf("CONNACK %x: %v", ack, err)
				}
			}
			header := append([]byte{tc.typ}, remainingLength(250_000_000)...)
			mustWrite(t, c, header)
			// Stream a few MB of the body: the broker must not be reading them.
			chunk, sent := bytes.Repeat([]byte{'x'}, 64<<10), 0
			_ = c.SetWriteDeadline(time.Now().Add(2 * time.Second))
			for ; sent < 8<<20; sent += len(chunk) {
				if _, err := c.Write(chunk); err != nil {
					break
				}
			}
			if err := waitClosed(c, 2*time.Second); err != nil {
				t.Fatalf("the connection stays open: %v", err)
			}
			heap1, rss1 := memory()
			t.Logf("heap %d → %d KiB, RSS %d → %d KiB (%d KiB of body written before the close)",
				heap0>>10, heap1>>10, rss0>>10, rss1>>10, sent>>10)
			if grew := int64(heap1) - int64(heap0); grew > 32<<20 {
				t.Fatalf("the heap grew by %d MiB", grew>>20)
			}
		})
	}
}

func mustWrite(t *testing.T, c net.Conn, b []byte) {
	t.Helper()
	if _, err := c.Write(b); err != nil {
		t.Fatal(err)
	}
}

// memory is the live heap after a GC and the process's resident set.
func memory() (heap, rss uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	status, _ := os.ReadFile("/proc/self/status")
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			rss = kb << 10
		}
	}
	return ms.HeapAlloc, rss
}

// connectPacket is an MQTT 3.1.1 CONNECT with a username and password.
func connectPacket(user, pass string) []byte {
	var body []byte
	body = append(body, str("MQTT")...)
	body = append(body, 4, 0xC2, 0, 30) // level 4; username, password, clean session; keep alive 30 s
	body = append(body, str(user+"-raw")...)
	body = append(body, str(user)...)
	body = append(body, str(pass)...)
	return append(append([]byte{0x10}, remainingLength(len(body))...), body...)
}

func str(s string) []byte { return append(binary.BigEndian.AppendUint16(nil, uint16(len(s))), s...) }

// remainingLength is MQTT's variable-length integer.
func remainingLength(n int) []byte {
	var b []byte
	for {
		d := byte(n % 128)
		if n /= 128; n > 0 {
			d |= 0x80
		}
		b = append(b, d)
		if n == 0 {
			return b
		}
	}
}

// willPacket is a CONNECT with a retained QoS 1 will on topic.
func willPacket(user, pass, topic string) []byte {
	var body []byte
	body = append(body, str("MQTT")...)
	body = append(body, 4, 0xEE, 0, 30) // username, password, will retain, will QoS 1, will, clean session
	body = append(body, str(user+"-will")...)
	body = append(body, str(topic)...)
	body = append(body, str(`{"state":"lost"}`)...)
	body = append(body, str(user)...)
	body = append(body, str(pass)...)
	return append(append([]byte{0x10}, remainingLength(len(body))...), body...)
}

// A will fires only on a topic its client may publish: a counter's will
// on another device's status is dropped.
func TestEmbeddedWillRules(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	mon := dial(t, b.URL(), "mon1", "m", false)
	got := make(chan client.Message, 8)
	if err := mon.Handle(p+"status/#", 1, func(m client.Message) { got <- m }); err != nil {
		t.Fatal(err)
	}
	for _, topic := range []string{p + "status/ctr02", p + "status/ctr01"} {
		c, err := net.Dial("tcp", b.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		mustWrite(t, c, willPacket("ctr01", "good", topic))
		ack := make([]byte, 4)
		if _, err := io.ReadFull(c, ack); err != nil || ack[3] != 0 {
			t.Fatalf("CONNACK %x: %v", ack, err)
		}
		c.Close() // no DISCONNECT: the will fires
	}
	select {
	case m := <-got:
		if m.Topic != p+"status/ctr01" {
			t.Fatalf("a will on %s was published", m.Topic)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the permitted will did not fire")
	}
}

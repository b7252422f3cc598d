package broker_test

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/broker"
)

// go test -run Silent ./mqtt/broker -args -conns 20000 runs the issue's
// figure; each flooding process holds at most perFlooder sockets, under
// the file limit.
var conns = flag.Int("conns", 2000, "connections that never send CONNECT, in TestSilentConnectionsDropped")

const perFlooder = 5000

// TestMain makes the test binary a flooder when the parent test asks.
func TestMain(m *testing.M) {
	if addr := os.Getenv("TABOUR_FLOOD_ADDR"); addr != "" {
		n, _ := strconv.Atoi(os.Getenv("TABOUR_FLOOD_N"))
		wait, _ := time.ParseDuration(os.Getenv("TABOUR_FLOOD_WAIT"))
		os.Exit(flood(addr, n, wait))
	}
	os.Exit(m.Run())
}

// flood opens n connections to addr that never send anything, says so,
// then counts how many the broker closed within wait.
func flood(addr string, n int, wait time.Duration) int {
	cs := make([]net.Conn, 0, n)
	for range n {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			fmt.Printf("dial: %v\n", err)
			return 1
		}
		cs = append(cs, c)
	}
	fmt.Printf("dialed %d\n", n)
	deadline := time.Now().Add(wait)
	open := 0
	var one [1]byte
	for _, c := range cs {
		c.SetReadDeadline(deadline)
		if _, err := c.Read(one[:]); errors.Is(err, os.ErrDeadlineExceeded) {
			open++
		}
		c.Close()
	}
	fmt.Printf("open %d\n", open)
	return 0
}

// TestSilentConnectionsDropped: connections that never send CONNECT are
// closed at the auth timeout (those past the connection limit at once),
// and a counter then connects and is answered.
func TestSilentConnectionsDropped(t *testing.T) {
	const authTimeout = 2 * time.Second
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t), AuthTimeout: authTimeout})
	// past the auth timeout, time for the accept queue to drain: those
	// past the connection limit are closed as fast as they are accepted
	grace := 5*time.Second + time.Duration(*conns)*time.Millisecond
	began := time.Now()
	var floods []*exec.Cmd
	var outs []*bufio.Reader
	for left := *conns; left > 0; left -= perFlooder {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TABOUR_FLOOD_ADDR="+b.Addr().String(),
			"TABOUR_FLOOD_N="+strconv.Itoa(min(left, perFlooder)), "TABOUR_FLOOD_WAIT="+(authTimeout+grace).String())
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		floods, outs = append(floods, cmd), append(outs, bufio.NewReader(out))
	}
	for _, r := range outs {
		if line := readLine(t, r); !strings.HasPrefix(line, "dialed") {
			t.Fatal(line)
		}
	}
	t.Logf("%d silent connections open after %v; the broker holds %d clients", *conns, time.Since(began).Round(time.Millisecond), b.NumClients())
	open := 0
	for i, r := range outs {
		var n int
		if _, err := fmt.Sscanf(readLine(t, r), "open %d", &n); err != nil {
			t.Fatal(err)
		}
		open += n
		if err := floods[i].Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if open != 0 {
		t.Fatalf("%d of %d silent connections still open %v after the auth timeout", open, *conns, grace)
	}
	t.Logf("all closed %v after the first was opened; the broker holds %d clients", time.Since(began).Round(time.Millisecond), b.NumClients())
	answered(t, b)
}

func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("flooder: %q: %v", line, err)
	}
	return strings.TrimSpace(line)
}

// answered checks that a counter can connect, publish a command and read
// what the server answers.
func answered(t *testing.T, b *broker.Embedded) {
	t.Helper()
	began := time.Now()
	got := make(chan mqtt.Message, 1)
	ctr := client(t, mqtt.ClientOpts{URL: b.URL(), Username: "ctr01", Password: "good"})
	if err := ctr.Handle("tabour/v1/c1/res/ctr01/+", 1, func(m mqtt.Message) { got <- m }); err != nil {
		t.Fatal(err)
	}
	srv := client(t, mqtt.ClientOpts{URL: b.URL(), Username: "srv", Password: "srv"})
	if err := srv.Handle("tabour/v1/c1/cmd/+/+", 1, func(m mqtt.Message) {
		srv.Publish(mqtt.Message{Topic: "tabour/v1/c1/res/ctr01/x1", Payload: m.Payload, QoS: 1})
	}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ctr.PublishWait(ctx, mqtt.Message{Topic: "tabour/v1/c1/cmd/ctr01/call", Payload: []byte(`{"n":1}`), QoS: 1}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-got:
		t.Logf("a counter connected and was answered in %v (%s)", time.Since(began).Round(time.Millisecond), m.Payload)
	case <-ctx.Done():
		t.Fatal("the counter got no answer")
	}
}

// TestHugePacketRefused: a client declaring a 250 MB packet, before or
// after CONNECT, is cut off without the broker reserving the memory.
func TestHugePacketRefused(t *testing.T) {
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	answered(t, b) // the broker's own streams exist before measuring
	heap0, rss0 := memory()
	const huge = 250 << 20
	for i := range 8 {
		var c net.Conn
		var err error
		var packet []byte
		if i%2 == 0 { // a CONNECT of 250 MB
			c, err = net.Dial("tcp", b.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			packet = remainingLength([]byte{0x10}, huge)
		} else { // a PUBLISH of 250 MB from an authenticated counter
			c = rawConnect(t, b.Addr().String(), connectPacket{id: fmt.Sprintf("big%d", i), user: "ctr01", pass: "good"})
			packet = remainingLength([]byte{0x30}, huge)
		}
		packet = append(packet, make([]byte, 64<<10)...) // and some of it
		_, _ = c.Write(packet)
		c.SetReadDeadline(time.Now().Add(3 * time.Second))
		_, err = io.Copy(io.Discard, c)
		c.Close()
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("packet %d: still connected 3s after declaring %d bytes", i, huge)
		}
	}
	heap1, rss1 := memory()
	t.Logf("8 packets of 250 MB declared: heap %d → %d MB, RSS %d → %d MB", heap0>>20, heap1>>20, rss0>>20, rss1>>20)
	if heap1 > heap0+64<<20 {
		t.Fatalf("heap grew from %d to %d MB", heap0>>20, heap1>>20)
	}
	answered(t, b)
}

// memory is the heap in use and the process's resident set, in bytes.
func memory() (heap, rss uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse, residentSet()
}

func residentSet() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestEmbeddedReady logs how long the broker takes to start and to take
// its first client, and what it adds to the resident set.
func TestEmbeddedReady(t *testing.T) {
	_, rss0 := memory()
	began := time.Now()
	b := start(t, broker.Opts{Addr: "127.0.0.1:0", Auth: registry(t)})
	ready := time.Since(began)
	client(t, mqtt.ClientOpts{URL: b.URL(), Username: "ctr01", Password: "good"})
	first := time.Since(began)
	_, rss1 := memory()
	t.Logf("ready in %v, first client connected at %v; RSS %d → %d MB", ready.Round(time.Millisecond),
		first.Round(time.Millisecond), rss0>>20, rss1>>20)
}

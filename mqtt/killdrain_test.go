package mqtt_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/mqtt"
	"tabour/mqtt/consumer"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

const relayChildEnv = "TABOUR_RELAY_CHILD" // "DBPATH|BROKER_URL"

func relayEngineOpts() queue.Options {
	opts := queue.DefaultOptions()
	opts.Device, opts.NumberMax, opts.NumberWidth, opts.DedupWindow = "kiosk1", 999999, 4, 0
	opts.Clock = testShift
	return opts
}

// relayChild is the appliance of TestRelaySIGKILLMidDrain, run in a child
// process (see TestMain): its bus relays the engine file's outbox to the
// broker until the parent kills it.
func relayChild(spec string) {
	path, url, _ := strings.Cut(spec, "|")
	eng, err := queue.Open(context.Background(), path, relayEngineOpts())
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test",
		Broker:   mqtt.BrokerConfig{External: url, Username: "kiosk1", Password: password("kiosk1")},
		Upstream: mqtt.UpstreamConfig{AckTimeout: 500 * time.Millisecond, Retry: 100 * time.Millisecond, Window: 64}}
	bus, err := mqtt.New(eng, cfg, mqtt.Opts{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		fmt.Println("bus:", err)
		os.Exit(2)
	}
	fmt.Println("ready")
	_ = bus.Run(context.Background())
}

// TestRelaySIGKILLMidDrain kills the appliance with SIGKILL again and again
// while its relay drains a backlog to the workflow server's broker (a real
// mosquitto, and the NATS server the appliance embeds), restarts it, and
// checks that the server's consumer ends up with exactly the engine's log:
// every event, in order, once.
func TestRelaySIGKILLMidDrain(t *testing.T) {
	forKinds(t, killMidDrain)
}

func killMidDrain(t *testing.T, kind mqtttest.Kind) {
	reg, _ := registry(t)
	brk := mqtttest.Start(t, kind, mqtttest.Opts{Registry: reg})
	path := filepath.Join(t.TempDir(), "tabour.db")
	eng := backlog(t, path, 1500)
	cons, _ := runConsumer(t, brk.URL(), filepath.Join(t.TempDir(), "consumer.db"), "wf-1", nil)
	killed := 0
	for round := range 6 {
		issueMore(t, eng, 300) // more load between kills: the next drain has work
		child := startRelayChild(t, path, brk.URL())
		time.Sleep(time.Duration(20+rand.IntN(150)) * time.Millisecond)
		info, _ := eng.Outbox(context.Background())
		killRelayChild(t, child)
		if info.Count > 0 {
			killed++
		}
		t.Logf("round %d: killed with %d events in the outbox, %d stored upstream", round, info.Count, cons.Stats().Stored)
	}
	if killed < 3 {
		t.Fatal("every kill came after the drain: the backlog is too small to test anything")
	}
	child := startRelayChild(t, path, brk.URL())
	defer killRelayChild(t, child)
	waitOutboxEmpty(t, eng, cons, 60*time.Second)
	sameLog(t, eng, cons)
}

func issueMore(t *testing.T, eng *queue.Engine, n int) {
	t.Helper()
	for i := range n {
		if _, err := eng.Issue(context.Background(), queue.IssueRequest{Service: services[i%len(services)].Code}); err != nil {
			t.Fatal(err)
		}
	}
}

// backlog opens the engine file and issues n tickets without a relay.
func backlog(t *testing.T, path string, n int) *queue.Engine {
	t.Helper()
	ctx := context.Background()
	eng, err := queue.Open(ctx, path, relayEngineOpts())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if err := eng.SyncCatalog(ctx, services, counters); err != nil {
		t.Fatal(err)
	}
	issueMore(t, eng, n)
	return eng
}

func startRelayChild(t *testing.T, path, url string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), relayChildEnv+"="+path+"|"+url)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("relay child did not start: %q", line)
	}
	return cmd
}

func killRelayChild(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	_ = cmd.Process.Signal(syscall.SIGKILL)
	var exitErr *exec.ExitError
	if err := cmd.Wait(); err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("relay child: %v", err)
	}
}

// waitOutboxEmpty waits until every event is acknowledged and stored.
func waitOutboxEmpty(t *testing.T, eng *queue.Engine, cons *consumer.Consumer, within time.Duration) {
	t.Helper()
	n := len(allEvents(t, eng))
	deadline := time.Now().Add(within)
	for {
		info, err := eng.Outbox(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if info.Count == 0 && cons.Stats().Stored >= int64(n) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("not drained: %d in the outbox, %d of %d stored", info.Count, cons.Stats().Stored, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// shiftEnv passes the parent's clock shift to its child processes.
const shiftEnv = "TABOUR_TEST_SHIFT_MS"

// shiftedClock is the wall clock moved so that the test starts at midday
// of 22 November 2026, whatever the time of day it runs: no ticket can
// fall on the wrong side of a service day's end. Child processes share
// the parent's shift (shiftEnv), so their clocks agree.
type shiftedClock time.Duration

func (s shiftedClock) Now() time.Time { return time.Now().Add(time.Duration(s)) }

var testShift = newShift()

func newShift() shiftedClock {
	if v, err := strconv.ParseInt(os.Getenv(shiftEnv), 10, 64); err == nil {
		return shiftedClock(time.Duration(v) * time.Millisecond)
	}
	d := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC).Sub(time.Now())
	os.Setenv(shiftEnv, strconv.FormatInt(d.Milliseconds(), 10))
	return shiftedClock(d.Truncate(time.Millisecond))
}

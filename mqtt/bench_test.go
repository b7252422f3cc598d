package mqtt_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// BenchmarkCommandToServing measures a counter's "next" from the counter's
// publish to the display's receipt of serving/1, interleaved in the same
// run with two floors: a raw QoS 1 publish from the same counter client to
// the same display client through the same broker ("raw"), and that plus
// one fsync'd one-row SQLite insert on the same file system ("dur"): the
// least any durable command can cost. Goal: at most 2× the raw round trip,
// p99 under 16.7 ms (one frame at 60 Hz); ratio-dur shows how far the
// goal is from what durability alone costs.
// Run: go test -run '^$' -bench CommandToServing -benchtime 2000x ./mqtt
func BenchmarkCommandToServing(b *testing.B) {
	for _, kind := range mqtttest.Kinds() {
		b.Run(string(kind), func(b *testing.B) { benchCommandToServing(b, kind) })
	}
}

// benchAt sets the time of day (HH:MM on the engine's clock, UTC) the
// benchmarks start at, to show they pass at any time:
// go test -run '^$' -bench . ./mqtt -args -clock 00:30
var benchAt = flag.String("clock", "12:00", "time of day (HH:MM, UTC) the benchmarks' clock starts at")

// setBenchClock moves c to -clock on 22 November 2026; it runs on from there.
func setBenchClock(b *testing.B, c *testClock) {
	c.setAt(benchStart(b))
}

// benchStart is -clock on 22 November 2026.
func benchStart(b *testing.B) time.Time {
	at, err := time.Parse("15:04", *benchAt)
	must(b, err)
	return time.Date(2026, 11, 22, at.Hour(), at.Minute(), 0, 0, time.UTC)
}

// benchClock is a test clock that starts at -clock.
func benchClock(b *testing.B) *testClock { return &testClock{base: benchStart(b)} }

func benchCommandToServing(b *testing.B, kind mqtttest.Kind) {
	// The queue figures are published as the appliance ships (QueueInterval
	// 250ms), not at the 20ms the functional tests use to be quick.
	e := newEnv(b, kind, envOpts{upstreamDisabled: true, queueInterval: 250 * time.Millisecond})
	setBenchClock(b, e.clock)
	for range b.N + 1 {
		e.issue("BLD")
	}
	serving, raw := make(chan []byte, 16), make(chan []byte, 16)
	display := e.client(e.url, "hall1")
	must(b, display.Handle(e.topics.Serving(1), 1, func(m client.Message) { serving <- m.Payload }))
	must(b, display.Handle(e.topics.Status("ctr01"), 1, func(m client.Message) { raw <- m.Payload }))
	drain(serving, 200*time.Millisecond)
	counter := e.client(e.url, "ctr01")
	k := commandPayloads(b, e)
	status, _ := json.Marshal(contract.Status{State: contract.Online, BootID: "bench", Version: "bench", Since: contract.At(time.Now())})
	db := rawDB(b)
	var cmdLat, rawLat, durLat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		r := roundTrip(b, counter, client.Message{Topic: e.topics.Status("ctr01"), Payload: status, QoS: 1}, raw)
		rawLat, durLat = append(rawLat, r), append(durLat, r+fsyncInsert(b, db, i))
		cmdLat = append(cmdLat, roundTrip(b, counter, client.Message{Topic: e.topics.Cmd("ctr01", "next"), Payload: k(i), QoS: 1}, serving))
	}
	b.StopTimer()
	report(b, "cmd", cmdLat, "raw", rawLat)
	for _, p := range []float64{0.5, 0.99} {
		b.ReportMetric(float64(pct(durLat, p).Microseconds()), fmt.Sprintf("dur-p%d-µs", int(p*100)))
		b.ReportMetric(float64(pct(cmdLat, p))/float64(pct(durLat, p)), fmt.Sprintf("ratio-dur-p%d", int(p*100)))
	}
}

// rawDB is a SQLite file with the engine's durability settings.
func rawDB(b *testing.B) *sql.DB {
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(b.TempDir(), "raw.db")+"?_journal_mode=WAL&_synchronous=FULL")
	must(b, err)
	b.Cleanup(func() { db.Close() })
	_, err = db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
	must(b, err)
	return db
}

func fsyncInsert(b *testing.B, db *sql.DB, i int) time.Duration {
	start := time.Now()
	_, err := db.Exec("INSERT INTO t (id, v) VALUES (?, 'x')", i)
	must(b, err)
	return time.Since(start)
}

// commandPayloads returns a fresh "next" command payload per iteration.
func commandPayloads(b *testing.B, e *env) func(int) []byte {
	return func(int) []byte {
		now := e.clock.Now()
		p, err := json.Marshal(contract.Command{CmdID: client.NewID(), Actor: "bench", IssuedAt: contract.At(now),
			ExpiresAt: contract.At(now.Add(time.Minute))})
		must(b, err)
		return p
	}
}

func roundTrip(b *testing.B, c *client.Client, m client.Message, ch chan []byte) time.Duration {
	start := time.Now()
	c.Publish(m)
	select {
	case <-ch:
		return time.Since(start)
	case <-time.After(10 * time.Second):
		b.Fatalf("no answer on %s", m.Topic)
		return 0
	}
}

func drain(ch chan []byte, quiet time.Duration) {
	for {
		select {
		case <-ch:
		case <-time.After(quiet):
			return
		}
	}
}

func pct(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func report(b *testing.B, name string, got []time.Duration, floor string, base []time.Duration) {
	for _, p := range []struct {
		label string
		q     float64
	}{{"p50", 0.50}, {"p99", 0.99}} {
		g, f := pct(got, p.q), pct(base, p.q)
		b.ReportMetric(float64(g.Microseconds()), name+"-"+p.label+"-µs")
		b.ReportMetric(float64(f.Microseconds()), floor+"-"+p.label+"-µs")
		b.ReportMetric(float64(g)/float64(f), "ratio-"+p.label)
	}
	b.ReportMetric(0, "ns/op")
}

func must(b testing.TB, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

var (
	backlogOnce sync.Once
	backlogDir  string
	backlogErr  error
)

const backlogEvents = 50000

// backlogDB builds once a database whose outbox holds 50 000 events and
// returns a fresh copy of it.
func backlogDB(b *testing.B) string {
	backlogOnce.Do(func() {
		clock := &testClock{}
		setBenchClock(b, clock)
		backlogDir, backlogErr = buildBacklog(clock)
	})
	if backlogErr != nil {
		b.Fatal(backlogErr)
	}
	dst := filepath.Join(b.TempDir(), "tabour.db")
	must(b, copyFile(filepath.Join(backlogDir, "tabour.db"), dst))
	return dst
}

func buildBacklog(clock queue.Clock) (string, error) {
	dir, err := os.MkdirTemp("", "tabour-backlog")
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	opts := queue.DefaultOptions()
	opts.NumberMax, opts.NumberWidth, opts.DedupWindow = 999999, 6, 0
	opts.Clock = clock
	eng, err := queue.Open(ctx, filepath.Join(dir, "tabour.db"), opts)
	if err != nil {
		return "", err
	}
	defer eng.Close()
	if err := eng.SyncCatalog(ctx, services, counters); err != nil {
		return "", err
	}
	for i := range backlogEvents { // one event each
		if _, err := eng.Issue(ctx, queue.IssueRequest{Service: []string{"BLD", "SHOP"}[i%2]}); err != nil {
			return "", err
		}
	}
	return dir, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkOutboxDrain starts the relay on an outbox of 50 000 events and
// reports how fast the reference consumer stores and acknowledges them
// all (events/s), relay and consumer on the same broker.
// Run: go test -run '^$' -bench OutboxDrain -benchtime 1x ./mqtt
func BenchmarkOutboxDrain(b *testing.B) {
	b.Cleanup(func() {
		if backlogDir != "" {
			os.RemoveAll(backlogDir)
		}
	})
	for _, kind := range mqtttest.Kinds() {
		b.Run(string(kind), func(b *testing.B) {
			var total time.Duration
			for range b.N {
				total += drainOnce(b, kind)
			}
			b.ReportMetric(float64(backlogEvents*b.N)/total.Seconds(), "events/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func drainOnce(b *testing.B, kind mqtttest.Kind) time.Duration {
	b.StopTimer()
	defer b.StartTimer()
	path := backlogDB(b)
	clock := &testClock{}
	setBenchClock(b, clock)
	opts := queue.DefaultOptions()
	opts.Clock, opts.NumberMax, opts.NumberWidth = clock, 999999, 6
	eng, err := queue.Open(context.Background(), path, opts)
	must(b, err)
	b.Cleanup(func() { eng.Close() })
	reg, _ := registry(b)
	up := mqtttest.Start(b, kind, mqtttest.Opts{Registry: reg})
	cons, _ := runConsumer(b, up.URL(), filepath.Join(b.TempDir(), "consumer.db"), "wf-bench", nil)
	time.Sleep(500 * time.Millisecond) // let the consumer subscribe
	start := time.Now()
	e := startEnvOn(b, kind, eng, clock, up.URL())
	e.waitDrained(b, cons, 5*time.Minute)
	d := time.Since(start)
	b.Logf("%s: drained %d events in %v: %.0f events/s; relay %+v; consumer %+v", kind, backlogEvents, d,
		backlogEvents/d.Seconds(), e.bus.Relay().Stats(), cons.Stats())
	return d
}

// startEnvOn runs a bus over eng, its relay sending to upstream.
func startEnvOn(b *testing.B, kind mqtttest.Kind, eng *queue.Engine, clock *testClock, upstream string) *env {
	e := &env{t: b, ctx: context.Background(), kind: kind, clock: clock, eng: eng, topics: contract.Topics{Center: center}}
	reg, devs := registry(b)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "bench", Devices: devs}
	cfg.Upstream = mqtt.UpstreamConfig{URL: upstream, Username: "kiosk1", Password: password("kiosk1"),
		AckTimeout: 10 * time.Second, Retry: 100 * time.Millisecond}
	e.setupBrokers(kind, envOpts{}, reg, &cfg)
	e.start(cfg)
	return e
}

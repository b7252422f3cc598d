package mqtt_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

// flood is one counter sending commands as fast as it can, counting the
// answers by code.
type flood struct {
	e    *env
	c    *client.Client
	mu   sync.Mutex
	seen map[string]string // cmd_id → code ("" for ok)
	all  chan struct{}     // closed when every command sent has its answer
	want int
}

func newFlood(e *env, device string, n int) *flood {
	f := &flood{e: e, c: e.client(e.url, device), seen: map[string]string{}, all: make(chan struct{}), want: n}
	err := f.c.Handle(e.topics.ResFor(device), 1, func(m client.Message) {
		var res contract.Result
		if json.Unmarshal(m.Payload, &res) != nil {
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, dup := f.seen[res.CmdID]; dup {
			return
		}
		f.seen[res.CmdID] = res.Code
		if len(f.seen) == f.want {
			close(f.all)
		}
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return f
}

// run publishes the commands (pause, which an open or paused counter
// always accepts), waiting only for the broker's PUBACKs at the end.
func (f *flood) run(device string) error {
	toks := make([]interface{ Wait() bool }, 0, f.want)
	for range f.want {
		now := f.e.clock.Now()
		cmd := contract.Command{CmdID: client.NewID(), Actor: "clerk-" + device, IssuedAt: contract.At(now),
			ExpiresAt: contract.At(now.Add(time.Minute)), Args: json.RawMessage(`{"reason":"break"}`)}
		b, _ := json.Marshal(cmd)
		toks = append(toks, f.c.Publish(client.Message{Topic: f.e.topics.Cmd(device, contract.CmdPause), Payload: b, QoS: 1}))
	}
	for _, t := range toks {
		t.Wait()
	}
	select {
	case <-f.all:
		return nil
	case <-time.After(2 * time.Minute):
		f.mu.Lock()
		defer f.mu.Unlock()
		return fmt.Errorf("%d of %d flood commands answered", len(f.seen), f.want)
	}
}

// codes counts the answers by code.
func (f *flood) codes() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for _, code := range f.seen {
		out[code]++
	}
	return out
}

// pacer is another counter sending a command every period, timing each
// answer; every one must be ok.
func pacer(e *env, device string, period time.Duration, stop <-chan struct{}) (lat []time.Duration, err error) {
	k := e.counter(device)
	tick := time.NewTicker(period)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-stop:
			return lat, nil
		case <-tick.C:
		}
		name := []string{contract.CmdPause, contract.CmdResume}[i%2]
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		start := time.Now()
		res, err := k.Send(ctx, name, contract.Args{Reason: "break"})
		cancel()
		if err != nil {
			return lat, err
		}
		if !res.OK {
			return lat, fmt.Errorf("%s of %s refused: %s %s", name, device, res.Code, res.Error)
		}
		lat = append(lat, time.Since(start))
	}
}

// floodRun floods from ctr01 with n commands while ctr02 sends one every
// 200 ms (for at least minOther of them), and returns ctr02's answer times.
func floodRun(e *env, n, minOther int) ([]time.Duration, *flood, error) {
	f := newFlood(e, "ctr01", n)
	stop := make(chan struct{})
	type result struct {
		lat []time.Duration
		err error
	}
	other := make(chan result, 1)
	go func() {
		lat, err := pacer(e, "ctr02", 200*time.Millisecond, stop)
		other <- result{lat, err}
	}()
	floodErr := f.run("ctr01")
	time.Sleep(time.Duration(minOther) * 200 * time.Millisecond)
	close(stop)
	r := <-other
	if floodErr != nil {
		return r.lat, f, floodErr
	}
	return r.lat, f, r.err
}

// One counter flooding commands holds up nobody else: each of its
// commands is answered, ok or rate_limited, and only those ok add an
// event; the other counter's commands meanwhile are all answered ok.
func TestCommandFlood(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true, shippedLimits: true})
		before := len(allEvents(t, e.eng))
		lat, f, err := floodRun(e, 2000, 5)
		if err != nil {
			t.Fatal(err)
		}
		codes := f.codes()
		if len(codes) > 2 || codes[""]+codes[contract.CodeRateLimited] != 2000 {
			t.Fatalf("flood answers by code: %v", codes)
		}
		if codes[contract.CodeRateLimited] == 0 {
			t.Fatalf("no flood command was rate limited: %v", codes)
		}
		if got, want := len(allEvents(t, e.eng))-before, codes[""]+len(lat); got != want {
			t.Fatalf("%d events added, want %d (flood ok %d, other %d)", got, want, codes[""], len(lat))
		}
		slices.Sort(lat)
		t.Logf("flood: %v; the other counter: %d commands, all ok, slowest %v", codes, len(lat), lat[len(lat)-1])
	})
}

// BenchmarkFloodNeighbour measures how long another counter waits for its
// answers while one counter sends 10 000 commands as fast as it can: the
// other sends a command every 200 ms, and its answer times' p50 and p99
// are reported next to the same loop's with no flood (the floor), measured
// in the same run. Goal: other-p99 under 100 ms.
// Run: go test -run '^$' -bench FloodNeighbour -benchtime 1x ./mqtt
func BenchmarkFloodNeighbour(b *testing.B) {
	for _, kind := range mqtttest.Kinds() {
		b.Run(string(kind), func(b *testing.B) {
			var floor, other []time.Duration
			var limited int
			for range b.N {
				e := newEnv(b, kind, envOpts{upstreamDisabled: true, shippedLimits: true})
				setBenchClock(b, e.clock)
				quiet, err := floorRun(e, 25)
				must(b, err)
				lat, f, err := floodRun(e, 10000, 5)
				must(b, err)
				floor, other = append(floor, quiet...), append(other, lat...)
				limited += f.codes()[contract.CodeRateLimited]
			}
			b.ReportMetric(ms(floor, 0.50), "floor-p50-ms")
			b.ReportMetric(ms(floor, 0.99), "floor-p99-ms")
			b.ReportMetric(ms(other, 0.50), "other-p50-ms")
			b.ReportMetric(ms(other, 0.99), "other-p99-ms")
			b.ReportMetric(float64(len(other))/float64(b.N), "other-cmds/op")
			b.ReportMetric(float64(limited)/float64(b.N), "rate-limited/op")
		})
	}
}

// floorRun is the other counter's loop alone, for n commands.
func floorRun(e *env, n int) ([]time.Duration, error) {
	stop := make(chan struct{})
	go func() { time.Sleep(time.Duration(n)*200*time.Millisecond + 100*time.Millisecond); close(stop) }()
	return pacer(e, "ctr02", 200*time.Millisecond, stop)
}

// ms is the q-quantile of ds (see pct) in milliseconds.
func ms(ds []time.Duration, q float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	return float64(pct(ds, q)) / float64(time.Millisecond)
}

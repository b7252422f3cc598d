package idscan_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"tabour/devices/idscan"
	"tabour/devices/idscan/idscantest"
)

// fakeClock fires every wait at once, except Healthy's, which fires when
// the test says so.
type fakeClock struct {
	mu      sync.Mutex
	waits   []time.Duration
	healthy chan time.Time
}

func (c *fakeClock) after(d time.Duration) <-chan time.Time {
	if d == time.Hour {
		return c.healthy
	}
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	ch := make(chan time.Time, 1)
	ch <- time.Time{}
	return ch
}

func (c *fakeClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

func TestRunWithRetryBackoff(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	clk := &fakeClock{healthy: make(chan time.Time)}
	r := idscan.Retry{Min: time.Second, Max: 8 * time.Second, Healthy: time.Hour, After: clk.after}
	sc := idscantest.New()
	var errs []error
	for i := range 5 {
		errs = append(errs, fmt.Errorf("open /dev/input/x: no such file (%d)", i))
	}
	sc.FailNext(errs...)
	states := make(chan error, 16)
	scans := make(chan string)
	done := make(chan struct{})
	go func() { r.Run(ctx, sc, scans, func(err error) { states <- err }); close(done) }()

	for i := range 5 {
		if got := <-states; got != errs[i] {
			t.Fatalf("state %d = %v, want %v", i, got, errs[i])
		}
	}
	clk.healthy <- time.Time{} // the sixth run lasts
	if got := <-states; got != nil {
		t.Fatalf("state after a lasting run = %v, want nil", got)
	}
	if err := sc.Scan(ctx, "29001011234567"); err != nil {
		t.Fatal(err)
	}
	if got := <-scans; got != "29001011234567" {
		t.Fatalf("scan %q", got)
	}
	unplugged := errors.New("evdev: read: no such device")
	if err := sc.Fail(ctx, unplugged); err != nil {
		t.Fatal(err)
	}
	if got := <-states; got != unplugged {
		t.Fatalf("state = %v, want %v", got, unplugged)
	}
	clk.healthy <- time.Time{}
	<-states
	cancel()
	<-done

	want := []time.Duration{1, 2, 4, 8, 8, 1}
	for i := range want {
		want[i] *= time.Second
	}
	if got := clk.Waits(); !reflect.DeepEqual(got, want) {
		t.Fatalf("waits %v, want %v", got, want)
	}
	if sc.Runs() != 7 {
		t.Fatalf("%d runs, want 7", sc.Runs())
	}
}

// TestRunWithRetryStoppedRun: a Run that returns nil early is a failure.
func TestRunWithRetryStoppedRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clk := &fakeClock{healthy: make(chan time.Time)}
	r := idscan.Retry{Min: time.Second, Max: time.Second, Healthy: time.Hour, After: clk.after}
	var n int
	s := scannerFunc(func(ctx context.Context, _ chan<- string) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	})
	var states []error
	r.Run(ctx, s, nil, func(err error) { states = append(states, err) })
	if len(states) != 2 || !errors.Is(states[0], idscan.ErrStopped) {
		t.Fatalf("states %v, want 2 × ErrStopped", states)
	}
}

func TestRunWithRetryCancelDuringRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	sc := idscantest.New()
	done := make(chan struct{})
	var states []error
	go func() {
		idscan.RunWithRetry(ctx, sc, make(chan string), func(err error) { states = append(states, err) })
		close(done)
	}()
	for sc.Runs() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	if len(states) != 0 {
		t.Fatalf("states %v after a clean stop, want none", states)
	}
}

type scannerFunc func(context.Context, chan<- string) error

func (f scannerFunc) Run(ctx context.Context, scans chan<- string) error { return f(ctx, scans) }

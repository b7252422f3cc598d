package queue_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Africa/Cairo without the machine's zoneinfo

	_ "github.com/mattn/go-sqlite3"

	"tabour/lang"
	"tabour/queue"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var cairo = mustLoc("Africa/Cairo")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// testServices: building permits (A, target 30 min), shop licences (B,
// target 20 min), collection of outputs (C, target 10 min).
var testServices = []queue.Service{
	{Code: "BLD", Prefix: "A", Name: lang.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"}, Category: "building", TargetWaitMin: 30, AvgServiceMin: 10},
	{Code: "SHOP", Prefix: "B", Name: lang.Text{AR: "ترخيص تشغيل محل", EN: "Shop licence"}, Category: "licences", TargetWaitMin: 20, AvgServiceMin: 6},
	{Code: "OUT", Prefix: "C", Name: lang.Text{AR: "استلام المخرجات", EN: "Collection of outputs"}, Category: "outputs", TargetWaitMin: 10, AvgServiceMin: 2},
}

var testCounters = []queue.Counter{
	{Number: 1, Label: lang.Text{AR: "شباك 1", EN: "Window 1"}, Services: []queue.CounterService{{Code: "BLD", Weight: 1}, {Code: "SHOP", Weight: 1}}},
	{Number: 2, Label: lang.Text{AR: "شباك 2", EN: "Window 2"}, Services: []queue.CounterService{{Code: "SHOP", Weight: 1}, {Code: "OUT", Weight: 2}}},
	{Number: 3, Label: lang.Text{AR: "شباك 3", EN: "Window 3"}, Services: []queue.CounterService{{Code: "BLD", Weight: 1}}},
}

type fixture struct {
	*queue.Engine
	t     *testing.T
	clock *clock
	path  string
	ctx   context.Context
}

// newFixture opens a fresh engine on a real SQLite file at 09:00 Cairo time,
// with every counter open.
func newFixture(t *testing.T, mod func(*queue.Options)) *fixture {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 22, 9, 0, 0, 0, cairo)}
	opts := queue.DefaultOptions()
	opts.Clock, opts.Location, opts.Device = c, cairo, "kiosk1"
	if mod != nil {
		mod(&opts)
	}
	f := &fixture{t: t, clock: c, path: filepath.Join(t.TempDir(), "tabour.db"), ctx: context.Background()}
	e, err := queue.Open(f.ctx, f.path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	f.Engine = e
	if err := e.SyncCatalog(f.ctx, testServices, testCounters); err != nil {
		t.Fatal(err)
	}
	for _, c := range testCounters {
		f.must(e.SetCounterState(f.ctx, c.Number, queue.CounterOpen, ""))
	}
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) issue(service string, p queue.Priority) queue.Ticket {
	f.t.Helper()
	t, err := f.Issue(f.ctx, queue.IssueRequest{Service: service, Priority: p})
	f.must(err)
	return t
}

func (f *fixture) call(counter int) queue.Ticket {
	f.t.Helper()
	t, err := f.CallNext(f.ctx, counter)
	f.must(err)
	return t
}

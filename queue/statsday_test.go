package queue

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"tabour/lang"
)

// stepClock is a settable clock for the package's own tests.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *stepClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// scanStats computes the figures service_day and counter_day keep by
// reading every ticket of the day, as Stats did before schema 2, and the
// last ticket called in each service from the events.
func scanStats(t *testing.T, e *Engine, day string) (map[string][8]any, map[int]int) {
	t.Helper()
	ctx := context.Background()
	svc := map[string][8]any{}
	svcs, err := e.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		var waiting, called, served, noShows, within int
		var waitMS, serviceMS int64
		var last string
		err := e.db.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE state = 'waiting'),
			COUNT(*) FILTER (WHERE first_called_at > 0),
			IFNULL(SUM(first_called_at - issued_at) FILTER (WHERE first_called_at > 0), 0),
			COUNT(*) FILTER (WHERE state = 'done'),
			IFNULL(SUM(ended_at - started_at) FILTER (WHERE state = 'done'), 0),
			IFNULL(SUM(no_shows), 0),
			COUNT(*) FILTER (WHERE first_called_at > 0 AND first_called_at - issued_at <= ?)
			FROM tickets WHERE day = ? AND service = ?`, s.TargetWait().Milliseconds(), day, s.Code).
			Scan(&waiting, &called, &waitMS, &served, &serviceMS, &noShows, &within)
		if err != nil {
			t.Fatal(err)
		}
		err = e.db.QueryRowContext(ctx, `SELECT e.ticket FROM events e JOIN tickets t ON t.id = e.ticket_id
			WHERE t.day = ? AND e.service = ? AND e.type IN ('ticket.called', 'ticket.recalled')
			ORDER BY e.seq DESC LIMIT 1`, day, s.Code).Scan(&last)
		if err != nil && err != sql.ErrNoRows {
			t.Fatal(err)
		}
		svc[s.Code] = [8]any{waiting, called, waitMS, served, serviceMS, noShows, within, last}
	}
	ctr := map[int]int{}
	rows, err := e.db.QueryContext(ctx, `SELECT counter, COUNT(*) FROM tickets WHERE day = ? AND state = 'done' GROUP BY counter`, day)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, n int
		if err := rows.Scan(&c, &n); err != nil {
			t.Fatal(err)
		}
		ctr[c] = n
	}
	return svc, ctr
}

// keptStats reads the same figures from service_day and counter_day.
func keptStats(t *testing.T, e *Engine, day string) (map[string][8]any, map[int]int) {
	t.Helper()
	ctx := context.Background()
	svc := map[string][8]any{}
	svcs, err := e.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		var waiting, called, served, noShows, within int
		var waitMS, serviceMS int64
		var last string
		err := e.db.QueryRowContext(ctx, qServiceDay, day, s.Code).
			Scan(&waiting, &called, &waitMS, &served, &serviceMS, &noShows, &within, &last)
		if err != nil && err != sql.ErrNoRows {
			t.Fatal(err)
		}
		svc[s.Code] = [8]any{waiting, called, waitMS, served, serviceMS, noShows, within, last}
	}
	ctr := map[int]int{}
	rows, err := e.db.QueryContext(ctx, `SELECT counter, served FROM counter_day WHERE day = ? AND served != 0`, day)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, n int
		if err := rows.Scan(&c, &n); err != nil {
			t.Fatal(err)
		}
		ctr[c] = n
	}
	return svc, ctr
}

func checkKept(t *testing.T, e *Engine, day, when string) {
	t.Helper()
	ws, wc := scanStats(t, e, day)
	gs, gc := keptStats(t, e, day)
	if !reflect.DeepEqual(ws, gs) || !reflect.DeepEqual(wc, gc) {
		t.Fatalf("%s: kept figures differ from a scan of the day:\nkept %v %v\nscan %v %v", when, gs, gc, ws, wc)
	}
}

// mixedDay drives an engine through every kind of ticket change, in a
// reproducible random order, checking after each step when check is set.
func mixedDay(t *testing.T, e *Engine, c *stepClock, steps int, check bool) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 4))
	codes := []string{"BLD", "SHOP", "OUT"}
	var issued []int64
	for i := range steps {
		c.Add(time.Duration(1+r.IntN(90)) * time.Second)
		ctr := 1 + r.IntN(3)
		var err error
		switch op := r.IntN(12); {
		case op < 4:
			var tk Ticket
			prio := []Priority{PriorityNone, PriorityNone, PriorityNone, PriorityElderly}[r.IntN(4)]
			tk, err = e.Issue(ctx, IssueRequest{Service: codes[r.IntN(3)], Priority: prio})
			issued = append(issued, tk.ID)
		case op < 7:
			_, err = e.CallNext(ctx, ctr)
		case op == 7:
			_, err = e.Start(ctx, ctr)
		case op == 8:
			_, err = e.Done(ctx, ctr)
		case op == 9:
			_, err = e.NoShow(ctx, ctr)
		case op == 10:
			switch r.IntN(3) {
			case 0:
				_, err = e.Transfer(ctx, ctr, codes[r.IntN(3)], 0)
			case 1:
				_, err = e.Recall(ctx, ctr)
			default:
				_, err = e.Hold(ctx, ctr)
			}
		default:
			if len(issued) > 0 {
				id := issued[r.IntN(len(issued))]
				if r.IntN(2) == 0 {
					_, err = e.Return(ctx, id)
				} else {
					_, err = e.Cancel(ctx, id, "left")
				}
			}
		}
		if err != nil && !isRoutine(err) {
			t.Fatalf("step %d: %v", i, err)
		}
		if check {
			checkKept(t, e, e.Today(), "step")
		}
	}
}

// isRoutine tells the refusals a random day runs into (nothing waiting,
// the counter has no ticket, a ticket in the wrong state).
func isRoutine(err error) bool {
	var se *StateError
	return errors.Is(err, ErrNoneWaiting) || errors.Is(err, ErrCounterIdle) || errors.As(err, &se) ||
		errors.Is(err, ErrNotServedHere) || errors.Is(err, ErrWrongState)
}

func statsEngine(t *testing.T, path string, c *stepClock) *Engine {
	t.Helper()
	opts := DefaultOptions()
	opts.Clock = c
	e, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

var statsServices = []Service{
	{Code: "BLD", Prefix: "A", Name: lang.Text{AR: "بناء", EN: "Building"}, TargetWaitMin: 30, AvgServiceMin: 10},
	{Code: "SHOP", Prefix: "B", Name: lang.Text{AR: "محل", EN: "Shop"}, TargetWaitMin: 20, AvgServiceMin: 6},
	{Code: "OUT", Prefix: "C", Name: lang.Text{AR: "مخرجات", EN: "Outputs"}, TargetWaitMin: 10, AvgServiceMin: 2},
}

var statsCounters = []Counter{
	{Number: 1, Services: []CounterService{{"BLD", 1}, {"SHOP", 1}}},
	{Number: 2, Services: []CounterService{{"SHOP", 1}, {"OUT", 2}}},
	{Number: 3, Services: []CounterService{{"BLD", 1}, {"OUT", 1}}},
}

func openStatsDay(t *testing.T) (*Engine, *stepClock, string) {
	t.Helper()
	c := &stepClock{t: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "tabour.db")
	e := statsEngine(t, path, c)
	ctx := context.Background()
	if err := e.SyncCatalog(ctx, statsServices, statsCounters); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2, 3} {
		if err := e.SetCounterState(ctx, n, CounterOpen, ""); err != nil {
			t.Fatal(err)
		}
	}
	return e, c, path
}

// TestStatsKeptMatchScan: after every change of a mixed day (issue, call,
// start, done, no-show and recycle, transfer, recall, hold, return,
// cancel, passing over) the figures kept by the triggers equal a scan of
// the day's tickets.
func TestStatsKeptMatchScan(t *testing.T) {
	e, c, _ := openStatsDay(t)
	mixedDay(t, e, c, 600, true)
}

// TestStatsBackfilledOnMigration: a database written before schema 2
// gets its figures from the tickets and events already there, then keeps
// them.
func TestStatsBackfilledOnMigration(t *testing.T) {
	e, c, _ := openStatsDay(t)
	ctx := context.Background()
	mixedDay(t, e, c, 400, false)
	path := schemaOneCopy(t, e)
	e2 := statsEngine(t, path, c)
	checkKept(t, e2, e2.Today(), "after migration")
	mixedDay(t, e2, c, 200, false)
	checkKept(t, e2, e2.Today(), "after the migrated day went on")
	if _, err := e2.Stats(ctx); err != nil {
		t.Fatal(err)
	}
}

// schemaOneCopy writes a database of schema 1 holding e's rows.
func schemaOneCopy(t *testing.T, e *Engine) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "schema1.db")
	old, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	old.SetMaxOpenConns(1)
	if _, err := old.ExecContext(ctx, migrations[0]+"; PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, "ATTACH DATABASE ? AS src", e.path(t)); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"meta", "services", "counters", "counter_services", "tickets", "events", "routing"} {
		var cols string
		err := old.QueryRowContext(ctx, "SELECT group_concat(name, ',') FROM pragma_table_info(?, 'main')", table).Scan(&cols)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.ExecContext(ctx, "INSERT INTO main."+table+" ("+cols+") SELECT "+cols+" FROM src."+table); err != nil {
			t.Fatalf("copy %s: %v", table, err)
		}
	}
	return path
}

// path is the file the engine has open.
func (e *Engine) path(t *testing.T) string {
	t.Helper()
	var seq int
	var name, file string
	if err := e.db.QueryRow("PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
		t.Fatal(err)
	}
	return file
}

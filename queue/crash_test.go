package queue_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"tabour/queue"
)

const crashEnv = "TABOUR_CRASH_CHILD_DB"

// TestMain runs the crash child's load when TestCrashRecovery starts this
// test binary as a child process, and the tests otherwise.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	os.Exit(m.Run())
}

// crashChild opens the engine and loads it until the parent kills it.
func crashChild(path string) {
	ctx := context.Background()
	e, err := queue.Open(ctx, path, crashOptions())
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	if svcs, err := e.Services(ctx); err != nil || len(svcs) == 0 {
		if err := e.SyncCatalog(ctx, testServices, testCounters); err != nil {
			fmt.Println("sync:", err)
			os.Exit(2)
		}
		for _, c := range testCounters {
			_ = e.SetCounterState(ctx, c.Number, queue.CounterOpen, "")
		}
	}
	fmt.Println("ready")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // "go": every child is set up
	crashLoad(ctx, e)
}

func crashOptions() queue.Options {
	o := queue.DefaultOptions()
	o.NumberMax = 99999
	o.NumberWidth = 5
	o.Clock = testShift
	return o
}

// crashLoad issues, calls, starts, finishes, no-shows and transfers
// tickets until the process is killed.
func crashLoad(ctx context.Context, e *queue.Engine) {
	codes := []string{"BLD", "SHOP", "OUT"}
	for i := 0; ; i++ {
		// A short pause lets a second writer process take the lock now
		// and then, as the kiosk and tabourctl would.
		time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
		counter := testCounters[i%len(testCounters)].Number
		switch r := rand.IntN(10); {
		case r < 4:
			_, _ = e.Issue(ctx, queue.IssueRequest{Service: codes[rand.IntN(len(codes))], Priority: pick(r == 0)})
		case r < 7:
			_, _ = e.CallNext(ctx, counter)
		case r < 8:
			_, _ = e.Start(ctx, counter)
		case r < 9:
			_, _ = e.NoShow(ctx, counter)
		default:
			_, _ = e.Transfer(ctx, counter, "BLD", 0)
		}
	}
}

func pick(priority bool) queue.Priority {
	if priority {
		return queue.PriorityElderly
	}
	return queue.PriorityNone
}

// TestCrashRecovery SIGKILLs loaded child processes at random moments and
// checks after each kill that nothing was lost or repeated.
func TestCrashRecovery(t *testing.T) {
	rounds := 60
	if testing.Short() {
		rounds = 10
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	var last crashCounts
	for round := range rounds {
		// Odd rounds run two writers on the file, as the kiosk and tabourctl.
		killChildren(t, path, 1+round%2, time.Duration(5+rand.IntN(120))*time.Millisecond)
		c := checkCrashInvariants(t, path)
		if c.events < last.events || c.tickets < last.tickets {
			t.Fatalf("round %d: rows went missing: %+v then %+v", round, last, c)
		}
		last = c
	}
	t.Logf("%d SIGKILL rounds: %d tickets, %d events, all invariants hold", rounds, last.tickets, last.events)
	if last.tickets < int64(rounds) {
		t.Fatalf("the load made too little progress (%d tickets) for the test to mean anything", last.tickets)
	}
}

// killChildren starts n loaded child processes on the same file, waits,
// and SIGKILLs them all.
func killChildren(t *testing.T, path string, n int, after time.Duration) {
	t.Helper()
	var cmds []*exec.Cmd
	var gos []io.WriteCloser
	for range n {
		cmd, goPipe := startChild(t, path)
		cmds, gos = append(cmds, cmd), append(gos, goPipe)
	}
	for _, g := range gos {
		_, _ = io.WriteString(g, "go\n")
	}
	time.Sleep(after)
	for _, cmd := range cmds {
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		var exitErr *exec.ExitError
		if err := cmd.Wait(); !errors.As(err, &exitErr) {
			t.Fatalf("child was not killed: %v", err)
		}
	}
}

func startChild(t *testing.T, path string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "ready\n" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("child did not start: %q", line)
	}
	return cmd, in
}

type crashCounts struct{ tickets, events int64 }

// checkCrashInvariants reopens the file and checks: no number repeated in a
// service day, no gap in the event sequence, every ticket has its events
// and its state agrees with its last event, every event has its outbox row,
// and the audit chain verifies.
func checkCrashInvariants(t *testing.T, path string) crashCounts {
	t.Helper()
	ctx := context.Background()
	e, err := queue.Open(ctx, path, crashOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	db := e.DB()
	var c crashCounts
	mustScan(t, db, "SELECT COUNT(*) FROM tickets", &c.tickets)
	mustScan(t, db, "SELECT COUNT(*) FROM events", &c.events)
	expectZero(t, db, "repeated numbers", `SELECT COUNT(*) FROM (SELECT 1 FROM tickets
		GROUP BY num_service, day, number HAVING COUNT(*) > 1)`)
	expectZero(t, db, "repeated labels", `SELECT COUNT(*) FROM (SELECT 1 FROM tickets GROUP BY day, label HAVING COUNT(*) > 1)`)
	expectZero(t, db, "sequence gaps", `SELECT IFNULL(MAX(seq), 0) - COUNT(*) FROM events`)
	expectZero(t, db, "tickets whose first_seq is not their issued event", `SELECT COUNT(*) FROM tickets t
		LEFT JOIN events e ON e.seq = t.first_seq WHERE e.type IS NOT 'ticket.issued' OR e.ticket_id != t.id`)
	expectZero(t, db, "issued events without a ticket", `SELECT COUNT(*) FROM events e WHERE e.ticket_id > 0
		AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id)`)
	expectZero(t, db, "events without an outbox row", `SELECT COUNT(*) FROM events e WHERE NOT EXISTS
		(SELECT 1 FROM outbox o WHERE o.seq = e.seq)`)
	expectZero(t, db, "tickets whose state disagrees with their last event", `WITH last AS (
		SELECT ticket_id, MAX(seq) AS seq FROM events WHERE ticket_id > 0 GROUP BY ticket_id)
		SELECT COUNT(*) FROM tickets t JOIN last l ON l.ticket_id = t.id JOIN events e ON e.seq = l.seq
		WHERE NOT (t.state, e.type) IN (VALUES ('waiting','ticket.issued'), ('waiting','ticket.recycled'),
		('waiting','ticket.transferred'), ('called','ticket.called'), ('serving','ticket.started'),
		('done','ticket.done'), ('no_show','ticket.no_show'), ('not_started','ticket.not_started'))`)
	expectZero(t, db, "counters with two open tickets", `SELECT COUNT(*) FROM (SELECT 1 FROM tickets
		WHERE state IN ('called','serving') GROUP BY counter HAVING COUNT(*) > 1)`)
	rep, err := e.Verify(ctx)
	if err != nil || !rep.OK() || rep.Events != c.events {
		t.Fatalf("audit chain: %+v %v", rep, err)
	}
	return c
}

func mustScan(t *testing.T, db *sql.DB, q string, dst any) {
	t.Helper()
	if err := db.QueryRow(q).Scan(dst); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func expectZero(t *testing.T, db *sql.DB, what, q string) {
	t.Helper()
	var n int64
	mustScan(t, db, q, &n)
	if n != 0 {
		t.Fatalf("%s: %d", what, n)
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

package queue_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	_ "github.com/mattn/go-sqlite3"

	"tabour/lang"
	"tabour/queue"
)

func Example() {
	dir, _ := os.MkdirTemp("", "tabour")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	e, err := queue.Open(ctx, filepath.Join(dir, "tabour.db"), queue.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	services := []queue.Service{{Code: "BLD-PERMIT", Prefix: "A", Name: lang.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"}, TargetWaitMin: 30, AvgServiceMin: 10}}
	counters := []queue.Counter{{Number: 1, Services: []queue.CounterService{{Code: "BLD-PERMIT", Weight: 1}}}}
	if err := e.SyncCatalog(ctx, services, counters); err != nil {
		fmt.Println(err)
		return
	}
	_ = e.SetCounterState(ctx, 1, queue.CounterOpen, "")

	a, _ := e.Issue(ctx, queue.IssueRequest{Service: "BLD-PERMIT"})
	b, _ := e.Issue(ctx, queue.IssueRequest{Service: "BLD-PERMIT", Priority: queue.PriorityElderly})
	fmt.Println("issued", a.Label, b.Label)

	next, _ := e.CallNext(ctx, 1)
	fmt.Println("counter 1 calls", next.Label, "because", next.CallReason)
	done, _ := e.Done(ctx, 1)
	fmt.Println(done.Label, done.State)

	rep, _ := e.Verify(ctx)
	fmt.Println("audit chain ok:", rep.OK())
	// Output:
	// issued A001 A002
	// counter 1 calls A002 because priority
	// A002 done
	// audit chain ok: true
}

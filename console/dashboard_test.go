package console

import (
	"testing"
	"time"

	"tabour/mqtt/contract"
)

// An open counter with no ticket is idle since the bus said so; a counter
// with a ticket, or paused, is not; a pause shows its reason.
func TestCounterRowsIdle(t *testing.T) {
	now := time.Date(2026, 11, 22, 8, 41, 0, 0, time.UTC)
	st := Stats{Counters: []CounterStats{
		{Number: 1, State: CounterOpen, Served: 2},
		{Number: 2, State: CounterPaused, Reason: "prayer"},
		{Number: 3, State: CounterOpen, Current: "A004", CurrentState: "serving"},
		{Number: 4, State: CounterOpen}, // nothing from the bus yet
	}}
	serving := map[int]contract.Serving{
		1: {Counter: 1, State: contract.AtCounterIdle, CounterState: "open", Since: contract.At(now.Add(-14 * time.Minute))},
		2: {Counter: 2, State: contract.AtCounterIdle, CounterState: "paused", Since: contract.At(now.Add(-time.Hour))},
		3: {Counter: 3, State: contract.AtCounterServing, CounterState: "open", Since: contract.At(now.Add(-time.Minute))},
	}
	rows := counterRows(st, serving, now, EN)
	if len(rows) != 4 || rows[0].IdleS == nil || *rows[0].IdleS != 14*60 || rows[1].IdleS != nil || rows[1].Reason != "prayer" ||
		rows[2].IdleS != nil || rows[2].Current != "A004" || rows[3].IdleS != nil {
		t.Fatalf("rows %+v", rows)
	}
}

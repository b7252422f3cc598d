package queue

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"sync"
)

// Followers receive the events of each transaction this engine commits,
// in memory, right after the commit: the serving/ publisher shows a call
// without reading it back from the log. A follower that falls behind
// misses batches (it never slows the engine) and notices the gap in Seq;
// it then reads the log (Events), which stays the record.
type followers struct {
	mu   sync.Mutex
	next int
	chs  map[int]chan []Event
}

// Follow returns a channel that receives the events of every transaction
// this engine commits, in commit order, and a function that stops
// following. Up to depth batches wait in the channel; later ones are
// dropped until there is room. Changes made by other processes on the
// same file are not followed.
func (e *Engine) Follow(depth int) (<-chan []Event, func()) {
	f := &e.follow
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.chs == nil {
		f.chs = map[int]chan []Event{}
	}
	id, ch := f.next, make(chan []Event, max(depth, 1))
	f.next++
	f.chs[id] = ch
	return ch, func() {
		f.mu.Lock()
		delete(f.chs, id)
		f.mu.Unlock()
	}
}

func (f *followers) send(evs []Event) {
	if len(evs) == 0 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, ch := range f.chs {
		select {
		case ch <- evs:
		default:
		}
	}
}

// Execer is what a transaction hook may do: write in the transaction.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

type txHookKey struct{}

// WithTxHook returns a context under which the engine's next write
// transaction also runs hook, after the change itself and before the
// commit: the hook's writes commit with the change or not at all, and an
// error from it rolls the change back. The MQTT command runner records a
// command's id this way, so a command's effect is never on disk without
// the record that it ran, at no extra commit.
func WithTxHook(ctx context.Context, hook func(context.Context, Execer) error) context.Context {
	return context.WithValue(ctx, txHookKey{}, hook)
}

func txHook(ctx context.Context) func(context.Context, Execer) error {
	h, _ := ctx.Value(txHookKey{}).(func(context.Context, Execer) error)
	return h
}

type issuerKey struct{}

// issuer is who asked for a change through a remote command.
type issuer struct{ device, cmdID, actor string }

// WithIssuer returns a context under which every event the engine appends
// records in its Data the device that issued the command asking for the
// change, the command's id and, if not empty, its actor (the person or
// program it was sent for): "issued_by", "cmd_id" and "actor", before the
// event's own details. The MQTT command runner names the counter device
// (or the web console) and the command's actor this way, so the audit
// trail says who did what, and through which device.
func WithIssuer(ctx context.Context, device, cmdID, actor string) context.Context {
	return context.WithValue(ctx, issuerKey{}, issuer{device: device, cmdID: cmdID, actor: actor})
}

// addTo returns the event details data (a JSON object or "") with the
// issuer's fields first.
func (is issuer) addTo(data string) string {
	dev, _ := json.Marshal(is.device)
	id, _ := json.Marshal(is.cmdID)
	fields := `"issued_by":` + string(dev) + `,"cmd_id":` + string(id)
	if is.actor != "" {
		actor, _ := json.Marshal(is.actor)
		fields += `,"actor":` + string(actor)
	}
	rest, isObject := strings.CutPrefix(data, "{")
	switch {
	case data == "" || isObject && strings.TrimSpace(rest) == "}":
		return "{" + fields + "}"
	case isObject:
		return "{" + fields + "," + rest
	}
	return data // not an object: left as it is
}

// PlannerStable reports whether SQLite was built with its query planner
// stability guarantee (SQLITE_ENABLE_QPSG, set by the Makefile). Without
// it the engine works the same but every statement whose plan looked at a
// bound value is prepared again each time it runs: a call costs several
// times more.
func (e *Engine) PlannerStable(ctx context.Context) bool {
	var n int
	err := e.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_compile_options WHERE compile_options = 'ENABLE_QPSG'").Scan(&n)
	return err == nil && n > 0
}

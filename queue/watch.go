package queue

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// watchers are woken after every committed write of this engine.
type watchers struct {
	mu   sync.Mutex
	next int
	chs  map[int]chan struct{}
	gen  uint64 // commits so far
	snap snapCache
}

// snapCache keeps the last forecast snapshot (see cachedSnapshot).
type snapCache struct {
	mu  sync.Mutex
	gen uint64
	in  *fcInput
}

// generation counts this engine's commits: state read at one generation
// holds until the next, but for changes made by other processes.
func (w *watchers) generation() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.gen
}

// Watch returns a channel that receives a value after this engine commits
// a change (coalesced: one pending value at most), and a function that
// stops watching. The MQTT relay and the stats publisher wait on it.
// Changes made by other processes on the same file are not signalled.
func (e *Engine) Watch() (<-chan struct{}, func()) {
	w := &e.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.chs == nil {
		w.chs = map[int]chan struct{}{}
	}
	id, ch := w.next, make(chan struct{}, 1)
	w.next++
	w.chs[id] = ch
	return ch, func() {
		w.mu.Lock()
		delete(w.chs, id)
		w.mu.Unlock()
	}
}

func (w *watchers) notify() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gen++
	for _, ch := range w.chs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// snapReuse is how long a snapshot serves the estimates that follow it
// while this engine commits nothing: Stats estimates every service from
// one read of the center. It also bounds how late a change made by another
// process (tabourctl on the same file) is seen.
const snapReuse = time.Second

// Stamp changes whenever the database may have changed: Own counts this
// engine's commits, Other is SQLite's data_version on the engine's
// connection, which moves when another process (tabourctl, a second
// appliance process) commits to the file. A poll for changes compares
// stamps: a pragma, not a read of the event log.
type Stamp struct {
	Own   uint64
	Other int64
}

// Stamp returns the database's current stamp.
func (e *Engine) Stamp(ctx context.Context) (Stamp, error) {
	s := Stamp{Own: e.watch.generation()}
	if err := e.version.QueryRowContext(ctx).Scan(&s.Other); err != nil {
		return s, fmt.Errorf("queue: data version: %w", err)
	}
	return s, nil
}

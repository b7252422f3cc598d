package queue

import (
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

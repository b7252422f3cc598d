package queue

import "sync"

// watchers are woken after every committed write of this engine.
type watchers struct {
	mu   sync.Mutex
	next int
	chs  map[int]chan struct{}
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
	for _, ch := range w.chs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

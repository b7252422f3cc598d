// Package audiotest has a fake audio sink for tests: it records what is
// played, can hold each play until the test releases it, and notes if
// two plays ever overlap.
package audiotest

import (
	"context"
	"sync"

	"tabour/devices/audio"
)

// Sink is a fake audio.Sink.
type Sink struct {
	// Hold, if not nil, makes each Play wait for a value (or its context)
	// before it returns, so a test controls how long sound "plays".
	Hold chan struct{}
	// Started, if not nil, receives each WAV as its Play begins.
	Started chan []byte

	mu       sync.Mutex
	played   [][]byte
	playing  int
	overlaps int
	err      error
}

var _ audio.Sink = (*Sink)(nil)

// New returns a sink that plays instantly.
func New() *Sink { return &Sink{} }

// Play records wav, or returns the error set with Fail.
func (s *Sink) Play(ctx context.Context, wav []byte) error {
	s.mu.Lock()
	if s.playing++; s.playing > 1 {
		s.overlaps++
	}
	err := s.err
	s.mu.Unlock()
	defer s.done()
	if s.Started != nil {
		s.Started <- wav
	}
	if s.Hold != nil {
		select {
		case <-s.Hold:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.played = append(s.played, wav)
	s.mu.Unlock()
	return nil
}

func (s *Sink) done() {
	s.mu.Lock()
	s.playing--
	s.mu.Unlock()
}

// Fail makes later plays fail with err (nil to recover).
func (s *Sink) Fail(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

// Played is every WAV played to the end, in order.
func (s *Sink) Played() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.played...)
}

// Overlaps counts plays that began while another was playing.
func (s *Sink) Overlaps() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.overlaps
}

// Package idscantest has a fake national-ID scanner for tests: the test
// types scans into it and can make its Run fail, as an unplugged scanner
// would.
package idscantest

import (
	"context"
	"sync"

	"tabour/devices/idscan"
)

// Scanner is a fake idscan.Scanner. Scan hands a string to the running
// Run; Fail makes the running Run return an error; FailNext makes the
// next Runs fail at once, as a scanner that cannot be opened does.
type Scanner struct {
	in   chan string
	fail chan error

	mu       sync.Mutex
	failNext []error
	runs     int
}

var _ idscan.Scanner = (*Scanner)(nil)

// New returns a fake scanner.
func New() *Scanner { return &Scanner{in: make(chan string), fail: make(chan error)} }

// Run delivers what Scan is given until ctx ends or Fail is called.
func (s *Scanner) Run(ctx context.Context, scans chan<- string) error {
	if err := s.start(); err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-s.fail:
			return err
		case v := <-s.in:
			if !idscan.Send(ctx, scans, v) {
				return nil
			}
		}
	}
}

// start counts a run and returns the error queued by FailNext, if any.
func (s *Scanner) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runs++
	if len(s.failNext) == 0 {
		return nil
	}
	err := s.failNext[0]
	s.failNext = s.failNext[1:]
	return err
}

// Scan hands v to the running Run, waiting until it takes it or ctx ends.
func (s *Scanner) Scan(ctx context.Context, v string) error {
	select {
	case s.in <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Fail makes the running Run return err, waiting until it does or ctx
// ends.
func (s *Scanner) Fail(ctx context.Context, err error) error {
	select {
	case s.fail <- err:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// FailNext queues errs: each of the next Runs returns one at once.
func (s *Scanner) FailNext(errs ...error) {
	s.mu.Lock()
	s.failNext = append(s.failNext, errs...)
	s.mu.Unlock()
}

// Runs is how many times Run has been called.
func (s *Scanner) Runs() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runs
}

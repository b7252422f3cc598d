package appliance

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"
)

// lifecycle holds the parts that started, in order, to stop them in
// reverse.
type lifecycle struct {
	parts []part
}

type part struct {
	name string
	stop func() error // returns once the part has stopped
}

// closes adds a part that stops with close.
func (l *lifecycle) closes(name string, close func() error) {
	l.parts = append(l.parts, part{name, close})
}

// runs runs f on a goroutine of its own until the part is stopped; the
// end of Run's context does not stop it, so that parts stop in order. A
// part that fails while the appliance runs is logged: the queue carries
// on without it.
func (l *lifecycle) runs(ctx context.Context, name string, f func(context.Context) error) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan error, 1)
	go func() {
		err := f(ctx)
		if err != nil && ctx.Err() == nil {
			log.Printf("appliance: %s: %v (the queue carries on)", name, err)
		}
		done <- err
	}()
	l.closes(name, func() error {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			log.Printf("appliance: %s stopped: %v", name, err)
		}
		return nil
	})
}

// minStop is the least time each part is given, even past the deadline.
const minStop = 50 * time.Millisecond

// stop stops the parts in reverse order, each by the deadline: a part
// that has not stopped by then is left behind with a log line, and the
// stop goes on with the next.
func (l *lifecycle) stop(deadline time.Time) error {
	var errs []error
	for i := len(l.parts) - 1; i >= 0; i-- {
		p := l.parts[i]
		done := make(chan error, 1)
		go func() { done <- p.stop() }()
		t := time.NewTimer(max(time.Until(deadline), minStop))
		select {
		case err := <-done:
			if err != nil {
				errs = append(errs, fmt.Errorf("appliance: stop %s: %w", p.name, err))
			}
		case <-t.C:
			log.Printf("appliance: %s has not stopped by the deadline; left behind", p.name)
			errs = append(errs, fmt.Errorf("appliance: %s did not stop in time", p.name))
		}
		t.Stop()
	}
	l.parts = nil
	return errors.Join(errs...)
}

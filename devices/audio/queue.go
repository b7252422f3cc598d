package audio

import (
	"context"
	"fmt"
	"slices"
)

// Announce queues the call of ticket label to counter and returns at
// once. It fails, queueing nothing, if the call cannot be composed from
// the pack's clips.
func (a *Announcer) Announce(label string, counter int) error {
	seq, err := a.opts.Composer.ComposeAll(a.opts.Langs, label, counter)
	if err != nil {
		return err
	}
	for _, id := range seq {
		if !a.pack.Has(id) {
			return fmt.Errorf("%w: %s", ErrNoClip, id)
		}
	}
	a.push(announcement{label: label, counter: counter, seq: seq, at: a.opts.Now()})
	return nil
}

// Chime queues the chime alone, before a notice shown on screen, and
// returns at once. It fails, queueing nothing, if the pack has no chime.
func (a *Announcer) Chime() error {
	if !a.pack.Has(Chime) {
		return fmt.Errorf("%w: %s", ErrNoClip, Chime)
	}
	a.push(announcement{label: string(Chime), seq: []ClipID{Chime}, at: a.opts.Now()})
	return nil
}

// push appends an, replacing the same call if waiting and dropping the
// oldest past MaxQueue.
func (a *Announcer) push(an announcement) {
	a.mu.Lock()
	a.queue = slices.DeleteFunc(a.queue, func(q announcement) bool {
		return q.label == an.label && q.counter == an.counter
	})
	a.queue = append(a.queue, an)
	var dropped []announcement
	if over := len(a.queue) - a.opts.MaxQueue; over > 0 {
		dropped = slices.Clone(a.queue[:over])
		a.queue = slices.Delete(a.queue, 0, over)
	}
	a.mu.Unlock()
	for _, d := range dropped {
		a.report(fmt.Errorf("%w: %s to counter %d", ErrDropped, d.label, d.counter))
	}
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// Pending is the number of announcements waiting.
func (a *Announcer) Pending() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.queue)
}

// Run plays queued announcements one after another until ctx ends, then
// returns nil. Failed plays are reported to OnError and do not stop it.
func (a *Announcer) Run(ctx context.Context) error {
	for {
		an, ok := a.pop()
		if !ok {
			select {
			case <-ctx.Done():
				return nil
			case <-a.wake:
				continue
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		a.play(ctx, an)
	}
}

// pop takes the oldest announcement that is not stale, reporting the
// stale ones it passes.
func (a *Announcer) pop() (announcement, bool) {
	a.mu.Lock()
	var stale []error
	defer func() {
		a.mu.Unlock()
		for _, err := range stale {
			a.report(err)
		}
	}()
	for len(a.queue) > 0 {
		an := a.queue[0]
		a.queue = a.queue[1:]
		if age := a.opts.Now().Sub(an.at); age > a.opts.MaxAge {
			stale = append(stale, fmt.Errorf("%w: %s to counter %d after %v", ErrStale, an.label, an.counter, age))
			continue
		}
		return an, true
	}
	return announcement{}, false
}

func (a *Announcer) play(ctx context.Context, an announcement) {
	wav, err := a.pack.Render(an.seq)
	if err == nil {
		err = a.sink.Play(ctx, wav)
	}
	if err != nil && ctx.Err() == nil {
		a.report(fmt.Errorf("audio: announcing %s to counter %d: %w", an.label, an.counter, err))
	}
}

func (a *Announcer) report(err error) {
	if a.opts.OnError != nil {
		a.opts.OnError(err)
	}
}

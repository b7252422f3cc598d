package mqtt

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"tabour/mqtt/wire"
	"tabour/queue"
)

// hallRefresh is how often the hall state is read without a commit of
// this engine: a new service day clears it, and another process may have
// changed it.
const hallRefresh = 30 * time.Second

// runHall keeps the retained hall topic equal to the engine's hall state
// of the day (Engine.Hall: the last hall.ticker and hall.announced
// events): published at start, so that a restart keeps the day's ticker,
// after every commit that holds a hall event, after a reconnect, and when
// a periodic read finds it changed.
func (p *publisher) runHall(ctx context.Context) error {
	committed, stop := p.eng.Follow(16)
	defer stop()
	tick := time.NewTicker(hallRefresh)
	defer tick.Stop()
	var last []byte
	force := true
	for {
		if b, err := p.hallPayload(ctx); err != nil {
			if ctx.Err() == nil {
				p.log.Warn("mqtt: hall", "err", err)
			}
			force = true
		} else if force || !bytes.Equal(b, last) {
			if err := p.c.PublishJSON(p.topics.Hall(), true, json.RawMessage(b)); err != nil {
				p.log.Warn("mqtt: publish hall", "err", err)
			}
			last, force = b, false
		}
	wait:
		select {
		case <-ctx.Done():
			return nil
		case evs := <-committed:
			if !hasHallEvent(evs) {
				goto wait
			}
		case <-tick.C:
		case <-p.resyncHall:
			force = true
		}
	}
}

func (p *publisher) hallPayload(ctx context.Context) ([]byte, error) {
	h, err := p.eng.Hall(ctx)
	if err != nil {
		return nil, err
	}
	return json.Marshal(wire.HallFrom(h))
}

func hasHallEvent(evs []queue.Event) bool {
	for _, ev := range evs {
		if ev.Type == queue.EvHallTicker || ev.Type == queue.EvAnnounced {
			return true
		}
	}
	return false
}

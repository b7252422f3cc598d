package mqtt

import (
	"context"
	"sync"
	"time"
)

// Upstream link states (Health.Upstream). Besides these, "no acks since
// T" (UpstreamNoAcks and T in TimeLayout) says the link is up but events
// have waited past their first resend with no ack since T.
const (
	UpstreamConnected    = "connected"
	UpstreamDisconnected = "disconnected"
	UpstreamDisabled     = "disabled"
	UpstreamNoAcks       = "no acks since "
)

// hardware is the device part of the appliance's health, reported by the
// device drivers.
type hardware struct {
	mu      sync.Mutex
	printer string
	scanner string
}

// ReportHardware sets the printer's and scanner's state on
// health/{device} (e.g. "ok", "paper_out"; "" leaves a field out).
func (b *Bus) ReportHardware(printer, scanner string) {
	b.hw.mu.Lock()
	b.hw.printer, b.hw.scanner = printer, scanner
	b.hw.mu.Unlock()
	signal(b.healthNow)
}

// health builds the appliance's health document.
func (b *Bus) health(ctx context.Context) (Health, error) {
	now := b.clock.Now()
	b.hw.mu.Lock()
	h := Health{Printer: b.hw.printer, Scanner: b.hw.scanner, Upstream: b.upstreamState(), AsOf: At(now)}
	b.hw.mu.Unlock()
	info, err := b.eng.Outbox(ctx)
	if err != nil {
		return h, err
	}
	h.Outbox = &OutboxHealth{Count: info.Count}
	if !info.Oldest.IsZero() {
		oldest := At(info.Oldest)
		h.Outbox.Oldest = &oldest
		h.Outbox.AgeS = int64(max(now.Sub(info.Oldest), 0) / time.Second)
	}
	return h, nil
}

func (b *Bus) upstreamState() string {
	if b.relay == nil {
		return UpstreamDisabled
	}
	switch st := b.relay.Stats(); {
	case !st.Connected:
		return UpstreamDisconnected
	case !st.NoAcksSince.IsZero():
		return UpstreamNoAcks + At(st.NoAcksSince).Format(TimeLayout)
	}
	return UpstreamConnected
}

// runHealth publishes health/{device} every HealthEvery, when the
// hardware reports, and when the upstream link goes up or down.
func (b *Bus) runHealth(ctx context.Context, c *Client) error {
	every := time.NewTicker(b.cfg.HealthEvery)
	defer every.Stop()
	poll := time.NewTicker(time.Second)
	defer poll.Stop()
	link := ""
	for {
		if h, err := b.health(ctx); err == nil {
			link = h.Upstream
			_ = c.PublishJSON(b.topics.Health(b.cfg.Device), true, h)
		} else if ctx.Err() == nil {
			b.log.Warn("mqtt: health", "err", err)
		}
		if !b.waitHealth(ctx, every, poll, link) {
			return nil
		}
	}
}

// waitHealth waits for the next reason to publish health; false when ctx ends.
func (b *Bus) waitHealth(ctx context.Context, every, poll *time.Ticker, link string) bool {
	for {
		select {
		case <-ctx.Done():
			return false
		case <-every.C:
			return true
		case <-b.healthNow:
			return true
		case <-poll.C:
			if b.upstreamState() != link {
				return true
			}
		}
	}
}

package mqtt

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// ErrHardwareState is returned for a state the contract does not know.
var ErrHardwareState = errors.New("mqtt: unknown hardware state")

// hardware is the device part of the appliance's health, reported by the
// device drivers.
type hardware struct {
	mu      sync.Mutex
	printer string
	scanner string
}

// ReportHardware sets the printer's state (one of PrinterStates) on
// health/{device} and status/{device}, and the scanner's (ScannerStates)
// on health/{device}; "" leaves a state as it was. A change is published
// at once, not only with the next periodic health. An unknown state is
// refused with ErrHardwareState and changes nothing.
func (b *Bus) ReportHardware(printer, scanner string) error {
	if printer != "" && !slices.Contains(contract.PrinterStates, printer) {
		return fmt.Errorf("%w: printer %q", ErrHardwareState, printer)
	}
	if scanner != "" && !slices.Contains(contract.ScannerStates, scanner) {
		return fmt.Errorf("%w: scanner %q", ErrHardwareState, scanner)
	}
	b.hw.mu.Lock()
	changed := (printer != "" && printer != b.hw.printer) || (scanner != "" && scanner != b.hw.scanner)
	b.hw.printer, b.hw.scanner = cmp.Or(printer, b.hw.printer), cmp.Or(scanner, b.hw.scanner)
	b.hw.mu.Unlock()
	if changed {
		signal(b.healthNow)
	}
	return nil
}

// printerState is the printer's state as last reported.
func (b *Bus) printerState() string {
	b.hw.mu.Lock()
	defer b.hw.mu.Unlock()
	return b.hw.printer
}

// health builds the appliance's health document.
func (b *Bus) health(ctx context.Context) (contract.Health, error) {
	now := b.clock.Now()
	b.hw.mu.Lock()
	h := contract.Health{Printer: b.hw.printer, Scanner: b.hw.scanner, Upstream: b.upstreamState(), AsOf: contract.At(now)}
	b.hw.mu.Unlock()
	info, err := b.eng.Outbox(ctx)
	if err != nil {
		return h, err
	}
	h.Outbox = &contract.OutboxHealth{Count: info.Count}
	if !info.Oldest.IsZero() {
		oldest := contract.At(info.Oldest)
		h.Outbox.Oldest = &oldest
		h.Outbox.AgeS = int64(max(now.Sub(info.Oldest), 0) / time.Second)
	}
	return h, nil
}

func (b *Bus) upstreamState() string {
	if b.relay == nil {
		return contract.UpstreamDisabled
	}
	switch st := b.relay.Stats(); {
	case !st.Connected:
		return contract.UpstreamDisconnected
	case !st.NoAcksSince.IsZero():
		return contract.UpstreamNoAcks + contract.At(st.NoAcksSince).Format(contract.TimeLayout)
	}
	return contract.UpstreamConnected
}

// runHealth publishes health/{device} every HealthEvery, when the
// hardware reports, and when the upstream link goes up or down.
func (b *Bus) runHealth(ctx context.Context, c *client.Client) error {
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
		b.refreshStatus(c)
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

// runHeartbeat publishes status/{device} online again every
// HeartbeatEvery with a fresh heartbeat_at, so that readers can tell a
// dead appliance by its age when no will can say so (contract.Status.Alive).
// It is one retained QoS 1 publish of a small payload.
func (b *Bus) runHeartbeat(ctx context.Context, c *client.Client) error {
	beat := time.NewTicker(b.cfg.HeartbeatEvery)
	defer beat.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-beat.C:
			b.statusMu.Lock()
			if !b.onlineSince.IsZero() && c.Connected() {
				b.publishStatusLocked(c)
			}
			b.statusMu.Unlock()
		}
	}
}

// heartbeatSeconds is the heartbeat period as status/{device} says it:
// whole seconds, rounded up, at least one.
func heartbeatSeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

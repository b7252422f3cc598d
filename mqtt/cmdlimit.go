package mqtt

import (
	"fmt"
	"sync"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// cmdQueues stand between the client's delivery goroutine and the command
// runner. Each device has a token bucket (Config.CommandBurst tokens,
// refilled at Config.CommandRate a second) and a bounded queue
// (Config.CommandQueue); the runner takes one command from each device's
// queue in turn, so a device that floods waits behind its own commands
// only. A command that finds no token or a full queue is refused (the
// caller answers it rate_limited at once, from the delivery goroutine,
// without touching the engine or the command table). Nothing is dropped
// unanswered.
type cmdQueues struct {
	rate, burst float64
	max         int
	now         func() time.Time

	mu    sync.Mutex
	devs  map[string]*devQueue
	turn  []string      // devices with queued commands, in the order they are served
	ready chan struct{} // signalled when a command is queued
}

// maxIdleDevs is how many devices' buckets are kept before those full and
// idle are forgotten (a forgotten bucket starts full again: no change).
const maxIdleDevs = 1024

type devQueue struct {
	tokens float64
	at     time.Time // when tokens was last refilled
	msgs   []client.Message
}

func newCmdQueues(cfg Config) *cmdQueues {
	return &cmdQueues{rate: cfg.CommandRate, burst: float64(cfg.CommandBurst), max: cfg.CommandQueue, now: time.Now,
		devs: map[string]*devQueue{}, ready: make(chan struct{}, 1)}
}

// dev returns the device's queue with its bucket refilled.
func (q *cmdQueues) dev(device string) *devQueue {
	now := q.now()
	d := q.devs[device]
	if d == nil {
		if len(q.devs) >= maxIdleDevs {
			q.forgetIdle(now)
		}
		d = &devQueue{tokens: q.burst, at: now}
		q.devs[device] = d
	}
	d.tokens = min(q.burst, d.tokens+now.Sub(d.at).Seconds()*q.rate)
	d.at = now
	return d
}

// forgetIdle drops the buckets that are full again and queue nothing.
func (q *cmdQueues) forgetIdle(now time.Time) {
	for id, d := range q.devs {
		if len(d.msgs) == 0 && d.tokens+now.Sub(d.at).Seconds()*q.rate >= q.burst {
			delete(q.devs, id)
		}
	}
}

// admit takes a token for a command to t's device; when the device has
// none left it returns why the command is refused.
func (q *cmdQueues) admit(t contract.Topic) (refused error) {
	q.mu.Lock()
	d := q.dev(t.Key)
	ok := d.tokens >= 1
	if ok {
		d.tokens--
	}
	q.mu.Unlock()
	if !ok {
		return fmt.Errorf("mqtt: device %s sends more than %d commands at once or %g a second; nothing was done, send it again later",
			t.Key, int(q.burst), q.rate)
	}
	return nil
}

// push queues an admitted command for its device; when the device's queue
// is full it returns why the command is refused.
func (q *cmdQueues) push(t contract.Topic, m client.Message) (refused error) {
	q.mu.Lock()
	d := q.dev(t.Key)
	full := len(d.msgs) >= q.max
	if !full {
		if len(d.msgs) == 0 {
			q.turn = append(q.turn, t.Key)
		}
		d.msgs = append(d.msgs, m)
	}
	q.mu.Unlock()
	if full {
		return fmt.Errorf("mqtt: %d commands of device %s wait to run; nothing was done, send it again later", q.max, t.Key)
	}
	select {
	case q.ready <- struct{}{}:
	default:
	}
	return nil
}

// pop takes the next command, from the device whose turn it is.
func (q *cmdQueues) pop() (client.Message, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.turn) == 0 {
		return client.Message{}, false
	}
	device := q.turn[0]
	q.turn = q.turn[1:]
	d := q.devs[device]
	m := d.msgs[0]
	d.msgs[0] = client.Message{}
	d.msgs = d.msgs[1:]
	if len(d.msgs) > 0 {
		q.turn = append(q.turn, device)
	}
	return m, true
}

// Package counter is the headless counter keypad (cmd/counter -keypad): a
// small board at a window with the counter's push buttons — next, recall,
// done, no-show — and its "ticket called" light, speaking to the
// appliance over the bus with the counter's own device credential. It
// shows nothing; it logs.
//
// Each press sends one command of the counter (cmd/{device}/{name}, actor
// "keypad") through client.Commander, which publishes it again every
// Resend until the appliance answers, under the same cmd_id, so that a
// press runs at most once. An answer that refuses (none waiting, no
// current ticket, …) and a command left unanswered after Wait are logged;
// the keypad then takes the next press.
//
// Presses are handled one at a time, in the order they came. A press made
// while a command is in flight waits its turn and then sends its own
// command: it is neither lost nor merged with the one before. Dropped
// with a log line instead are a press made while the command before it
// went unanswered (the appliance is out of reach: press again), one that
// waited longer than Wait, and one beyond the few that may wait.
//
// A press while the bus is down (the broker unreachable, the link not yet
// back) is refused with a log line and is not kept for later: a "next"
// sent minutes later would call a citizen nobody at the window expects.
// For the same reason a command lives only Wait (its expires_at): one
// that reaches the appliance later (past the appliance's allowance for
// clock skew, 2 s by default) is refused there as expired. The board's
// clock must therefore be set (NTP), as the appliance's is.
//
// The light follows the counter's retained serving/{counter}: on while
// its ticket is "called", off otherwise (serving, idle, or the counter
// paused or closed). While the bus is down it keeps its last state; the
// retained message sets it again on reconnecting. It is turned off when
// Run ends.
//
// A keypad that cannot be opened, or whose pins fail, is logged and opened
// again after a wait that doubles from Backoff up to 32 times it; a light
// that fails to switch is tried again the same way. Neither stops Run.
package counter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"tabour/devices/keypad"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// Actor is the audit actor of the keypad's commands.
const Actor = "keypad"

// Keypad is a counter keypad with its light: *keypad.Dev, or a fake.
type Keypad interface {
	// Run sends each press on presses until ctx ends (then it returns
	// nil), or returns an error when the keypad cannot be watched.
	Run(ctx context.Context, presses chan<- keypad.Key) error
	// Light turns the "ticket called" light on or off.
	Light(on bool) error
}

// Opts configure Run.
type Opts struct {
	URL      string // the appliance's broker, tcp://host:1883 or ssl://host:8883
	Device   string // the counter's device id, its bus username (e.g. "ctr01")
	Password string // the device's bus password
	Center   string // the center's code, the topics' second level
	Counter  int    // the counter's number, for serving/{counter}

	// Open opens the keypad; Run calls it again after the keypad failed.
	Open func() (Keypad, error)
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Clock stamps the commands (default: the wall clock).
	Clock client.Clock

	// Wait is how long a press waits for its answer, the life of its
	// command, and the longest a press waits for its turn (default 10s).
	Wait time.Duration
	// Resend is how often an unanswered command is published again
	// (default 2s).
	Resend time.Duration
	// Retry is the longest wait between connection attempts (default 5s).
	Retry time.Duration
	// Backoff is the first wait before opening a failed keypad again, or
	// switching a failed light again (default 1s); each failure in a row
	// doubles it, up to 32 times.
	Backoff time.Duration
}

// pending is how many presses may wait for their turn.
const pending = 4

func (o *Opts) check() error {
	switch {
	case o.URL == "":
		return errors.New("counter: no broker URL")
	case !contract.ValidLevel(o.Device):
		return fmt.Errorf("counter: device id %q", o.Device)
	case !contract.ValidLevel(o.Center):
		return fmt.Errorf("counter: center code %q", o.Center)
	case o.Counter <= 0:
		return fmt.Errorf("counter: counter number %d", o.Counter)
	case o.Open == nil:
		return errors.New("counter: no keypad")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	o.Wait = orDefault(o.Wait, 10*time.Second)
	o.Resend = orDefault(o.Resend, 2*time.Second)
	o.Retry = orDefault(o.Retry, 5*time.Second)
	o.Backoff = orDefault(o.Backoff, time.Second)
	return nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// commands maps each key to its command.
var commands = map[keypad.Key]string{
	keypad.Next:   contract.CmdNext,
	keypad.Recall: contract.CmdRecall,
	keypad.Done:   contract.CmdDone,
	keypad.NoShow: contract.CmdNoShow,
}

// Run runs the keypad until ctx ends, then returns nil. It returns an
// error only for options that cannot work, or when the broker refuses the
// device's subscription to its answers.
func Run(ctx context.Context, o Opts) error {
	if err := o.check(); err != nil {
		return err
	}
	log := o.Logger.With("device", o.Device, "counter", o.Counter)
	c := client.New(client.Opts{URL: o.URL, ClientID: o.Device + "-keypad", Username: o.Device, Password: o.Password,
		Retry:     o.Retry,
		OnConnect: func() { log.Info("counter: bus connected", "broker", o.URL) },
		OnLost:    func(err error) { log.Warn("counter: bus lost; presses are refused until it is back", "err", err) },
	})
	defer c.Close(250 * time.Millisecond)
	k, err := client.NewCommander(c, o.Center, o.Device, Actor)
	if err != nil {
		return fmt.Errorf("counter: %w", err)
	}
	k.TTL, k.Resend = o.Wait, o.Resend
	if o.Clock != nil {
		k.SetClock(o.Clock)
	}

	light := make(chan bool, 1) // the latest wanted state
	topics := contract.Topics{Center: o.Center}
	if err := c.Handle(topics.Serving(o.Counter), 1, func(m client.Message) {
		var s contract.Serving
		if err := json.Unmarshal(m.Payload, &s); err != nil {
			log.Warn("counter: unreadable serving message", "err", err)
			return
		}
		latest(light, s.State == contract.AtCounterCalled)
	}); errors.Is(err, client.ErrRefused) {
		return fmt.Errorf("counter: %w", err)
	} else if err != nil {
		// The client keeps the subscription and makes it again on each
		// connection: a bus lost while subscribing is not the end.
		log.Warn("counter: subscribe to the counter's serving; again when the bus is back", "err", err)
	}

	r := &runner{o: o, log: log, c: c, k: k}
	keys := make(chan keypad.Key)
	queued := make(chan press, pending)
	devs := make(chan Keypad, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{}, 3)
	go func() { r.keypad(ctx, keys, devs); done <- struct{}{} }()
	go func() { r.light(ctx, light, devs); done <- struct{}{} }()
	go func() { r.queue(ctx, keys, queued); done <- struct{}{} }()
	r.presses(ctx, queued)
	cancel()
	for range 3 {
		<-done
	}
	return nil
}

// latest replaces what ch holds with v.
func latest[T any](ch chan T, v T) {
	for {
		select {
		case ch <- v:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

type runner struct {
	o   Opts
	log *slog.Logger
	c   *client.Client
	k   *client.Commander
}

// press is a key and when it was pressed.
type press struct {
	key keypad.Key
	at  time.Time
}

// keypad opens the keypad and runs it, again after each failure, until
// ctx ends; each keypad opened is handed to the light on devs.
func (r *runner) keypad(ctx context.Context, keys chan<- keypad.Key, devs chan Keypad) {
	b := backoff{first: r.o.Backoff}
	for ctx.Err() == nil {
		kp, err := r.o.Open()
		if err == nil {
			r.log.Info("counter: keypad ready")
			latest(devs, kp)
			began := time.Now()
			err = kp.Run(ctx, keys)
			if ctx.Err() != nil {
				return
			}
			if err == nil {
				err = errors.New("counter: the keypad stopped")
			}
			if time.Since(began) > b.max() {
				b.reset() // it ran for a good while: a new failure starts afresh
			}
		}
		wait := b.next()
		r.log.Error("counter: keypad failed; opening it again", "err", err, "in", wait)
		if !sleep(ctx, wait) {
			return
		}
	}
}

// queue stamps each press and lets it wait for its turn, dropping those
// beyond pending.
func (r *runner) queue(ctx context.Context, keys <-chan keypad.Key, queued chan<- press) {
	for {
		select {
		case <-ctx.Done():
			return
		case key := <-keys:
			select {
			case queued <- press{key: key, at: time.Now()}:
			default:
				r.log.Warn("counter: press dropped: too many presses wait for their turn", "key", key.String())
			}
		}
	}
}

// presses sends one command per press, one at a time, until ctx ends.
func (r *runner) presses(ctx context.Context, queued <-chan press) {
	var failed time.Time // when a command last went unanswered
	for {
		select {
		case <-ctx.Done():
			return
		case p := <-queued:
			if !r.send(ctx, p, failed) {
				failed = time.Now()
			}
		}
	}
}

// send sends p's command and waits for its answer; it reports false when
// the command went unanswered.
func (r *runner) send(ctx context.Context, p press, failed time.Time) bool {
	name, ok := commands[p.key]
	log := r.log.With("key", p.key.String())
	switch {
	case !ok:
		log.Warn("counter: press of an unknown key ignored")
		return true
	case !p.at.After(failed):
		log.Warn("counter: press dropped: the command before it went unanswered; press again", "command", name)
		return true
	case time.Since(p.at) > r.o.Wait:
		log.Warn("counter: press dropped: it waited too long for the command before it", "command", name,
			"waited", time.Since(p.at).Round(time.Millisecond))
		return true
	case !r.c.Connected():
		log.Warn("counter: press refused: the bus is down; press again once it is back", "command", name)
		return true
	}
	wctx, cancel := context.WithTimeout(ctx, r.o.Wait)
	defer cancel()
	res, err := r.k.Send(wctx, name, nil)
	switch {
	case err != nil:
		if ctx.Err() == nil {
			log.Error("counter: command failed", "command", name, "err", err)
		}
		return false
	case !res.OK:
		log.Warn("counter: command refused", "command", name, "code", res.Code, "error", res.Error)
	default:
		var ticket, state string
		if res.Result != nil {
			ticket, state = res.Result.Ticket, res.Result.State
		}
		log.Info("counter: command done", "command", name, "ticket", ticket, "state", state)
	}
	return true
}

// light drives the light of the latest keypad to the latest wanted state,
// again after a failure, until ctx ends; then it turns it off.
func (r *runner) light(ctx context.Context, want <-chan bool, devs <-chan Keypad) {
	var (
		kp     Keypad
		on     bool
		dirty  bool
		retry  <-chan time.Time
		b      = backoff{first: r.o.Backoff}
		failed bool
	)
	for {
		select {
		case <-ctx.Done():
			if kp != nil {
				if err := kp.Light(false); err != nil {
					r.log.Warn("counter: light not turned off", "err", err)
				}
			}
			return
		case on = <-want:
			dirty = true
		case kp = <-devs:
			dirty = true
		case <-retry:
			retry = nil
		}
		if kp == nil || !dirty || retry != nil {
			continue
		}
		if err := kp.Light(on); err != nil {
			wait := b.next()
			if !failed {
				r.log.Error("counter: light failed; trying again", "err", err, "in", wait)
			}
			failed, retry = true, time.After(wait)
			continue
		}
		if failed {
			r.log.Info("counter: light works again")
		}
		dirty, failed = false, false
		b.reset()
	}
}

// backoff doubles a wait from first up to 32 times it.
type backoff struct{ first, cur time.Duration }

func (b *backoff) max() time.Duration { return 32 * b.first }

func (b *backoff) next() time.Duration {
	if b.cur == 0 {
		b.cur = b.first
	} else {
		b.cur = min(2*b.cur, b.max())
	}
	return b.cur
}

func (b *backoff) reset() { b.cur = 0 }

// sleep waits d, or until ctx ends (false).
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

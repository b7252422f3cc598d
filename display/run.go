package display

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"tabour/devices/audio"
	"tabour/devices/leddisplay"
	"tabour/display/model"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// Opts configures the hall display's service.
type Opts struct {
	// The bus: broker URL, the display's device id (Username) and
	// password, and a client id (default Username and a random suffix).
	URL      string
	Username string
	Password string
	ClientID string
	// Retry is the longest wait between connection attempts (default 5 s).
	Retry time.Duration
	// Version is the display's software version, in its status/{Username}.
	Version string

	Center    string // center code of the topics
	Appliance string // the appliance's device id, whose status/ the hall follows

	// Announcements, if Pack and Sink are set: in each of Langs in turn
	// (default Arabic then English), Arabic reading ticket letters as
	// Letters says.
	Langs   []string
	Letters audio.LetterStyle
	Pack    *audio.Pack
	Sink    audio.Sink
	// MaxAge: a call older than this when it reaches the display is shown
	// but not announced (default model.DefaultMaxAge).
	MaxAge time.Duration

	// The counters' LED displays: LEDs[counter], or LED for every counter
	// not in LEDs. Either may be nil.
	LEDs map[int]leddisplay.CounterDisplay
	LED  leddisplay.CounterDisplay
	// LEDRetry is how long a failed LED display waits before it is tried
	// again (default 5 s); LEDTimeout bounds one call (default 2 s).
	// Every LEDRefresh (default 1 min) each display is sent its text
	// again, for one that was switched off and on.
	LEDRetry   time.Duration
	LEDTimeout time.Duration
	LEDRefresh time.Duration

	// OnFrame is given each new Hall, on a goroutine of its own: a slow
	// OnFrame never holds up the bus, and it is given the latest Hall
	// when it comes back (frames in between are skipped).
	OnFrame func(model.Hall)
	// Tick is how often the hall's clock moves (default 1 s): each tick
	// makes a frame.
	Tick time.Duration

	Now    func() time.Time // default time.Now
	Logger *slog.Logger     // default: discard
}

// Service is the waiting-hall display without its screen: it follows the
// bus, keeps the Hall, announces calls and drives the counters' LED
// displays.
type Service struct {
	opts    Opts
	topics  contract.Topics
	tracker *model.Tracker
	ann     *audio.Announcer
	log     *slog.Logger

	frame  chan struct{} // a new frame is due
	leds   []*ledWorker
	ledOf  map[int]*ledWorker // by counter, from LEDs
	ledAll *ledWorker         // LED: every other counter

	mu     sync.Mutex
	c      *client.Client
	resubs sync.WaitGroup
}

// New checks opts and makes the service; Run starts it.
func New(opts Opts) (*Service, error) {
	if opts.URL == "" || opts.Center == "" || opts.Appliance == "" {
		return nil, errors.New("display: the bus URL, the center and the appliance's device id are needed")
	}
	if !contract.ValidLevel(opts.Center) || !contract.ValidLevel(opts.Appliance) {
		return nil, errors.New("display: the center and the appliance's id must be topic levels")
	}
	if (opts.Pack == nil) != (opts.Sink == nil) {
		return nil, errors.New("display: announcements need both a pack and a sink")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if len(opts.Langs) == 0 {
		opts.Langs = []string{"ar", "en"}
	}
	if opts.ClientID == "" {
		opts.ClientID = opts.Username + "-" + client.NewID()[:8]
	}
	opts.Tick = positive(opts.Tick, time.Second)
	opts.LEDRetry = positive(opts.LEDRetry, 5*time.Second)
	opts.LEDTimeout = positive(opts.LEDTimeout, 2*time.Second)
	opts.LEDRefresh = positive(opts.LEDRefresh, time.Minute)
	s := &Service{opts: opts, topics: contract.Topics{Center: opts.Center}, log: opts.Logger,
		tracker: model.NewTracker(model.TrackerOpts{Center: opts.Center, Appliance: opts.Appliance, MaxAge: opts.MaxAge}),
		frame:   make(chan struct{}, 1), ledOf: map[int]*ledWorker{}}
	if opts.Pack != nil {
		ao := audio.DefaultAnnouncerOpts
		ao.Langs, ao.Composer, ao.Now = opts.Langs, audio.Composer{ArabicLetters: opts.Letters}, opts.Now
		ao.OnError = newThrottledLog(s.log, "display: announcement", time.Minute, opts.Now).failed
		// Check the languages and the pack now rather than at the first
		// call.
		seq, err := ao.Composer.ComposeAll(ao.Langs, "A1", 1)
		if err != nil {
			return nil, fmt.Errorf("display: %w", err)
		}
		for _, id := range seq {
			if !opts.Pack.Has(id) {
				return nil, fmt.Errorf("display: %w: %s", audio.ErrNoClip, id)
			}
		}
		ann, err := audio.NewAnnouncer(opts.Pack, opts.Sink, &ao)
		if err != nil {
			return nil, err
		}
		s.ann = ann
	}
	for counter, d := range opts.LEDs {
		if d == nil {
			continue
		}
		w := newLEDWorker(s, d)
		s.ledOf[counter] = w
		s.leds = append(s.leds, w)
	}
	if opts.LED != nil {
		s.ledAll = newLEDWorker(s, opts.LED)
		s.leds = append(s.leds, s.ledAll)
	}
	return s, nil
}

// servingAll matches every counter's serving/ topic.
func servingAll(t contract.Topics) string {
	s := t.Serving(0)
	return s[:len(s)-1] + "+"
}

func positive(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Run connects to the bus and runs the display until ctx ends; it
// returns nil then. The bus being down is no error: the display shows
// BusLost and keeps trying.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	goRun := func(f func(context.Context)) {
		wg.Add(1)
		go func() { defer wg.Done(); f(ctx) }()
	}
	if s.ann != nil {
		goRun(func(ctx context.Context) { _ = s.ann.Run(ctx) })
	}
	for _, w := range s.leds {
		goRun(w.run)
	}
	goRun(s.frames)

	// Like every device, the display says on status/{device} whether it
	// runs: online while connected, offline when it stops, lost (its
	// will) when it vanishes.
	boot, started := client.NewID(), contract.At(s.opts.Now())
	presence := func(state string, since contract.Time) client.Message {
		b, _ := json.Marshal(contract.Status{State: state, BootID: boot, Version: s.opts.Version, Since: since})
		return client.Message{Topic: s.topics.Status(s.opts.Username), Payload: b, QoS: 1, Retained: true}
	}
	// A display without a device id (an open broker) has no status.
	hasStatus := contract.ValidLevel(s.opts.Username)
	var will *client.Message
	if hasStatus {
		w := presence(contract.Lost, started)
		will = &w
	}
	var c *client.Client
	ready := make(chan struct{})
	c = client.New(client.Opts{URL: s.opts.URL, ClientID: s.opts.ClientID, Username: s.opts.Username,
		Password: s.opts.Password, Retry: s.opts.Retry, Will: will,
		OnConnect: func() {
			<-ready
			s.log.Info("display: connected to the bus", "url", s.opts.URL)
			if hasStatus {
				c.Publish(presence(contract.Online, contract.At(s.opts.Now()))) // a failure shows as no status
			}
			s.tracker.Connected(s.opts.Now())
			s.signalFrame()
			s.resubscribeLater(ctx)
		},
		OnLost: func(err error) {
			s.log.Warn("display: bus connection lost", "err", err)
			s.tracker.Disconnected(s.opts.Now())
			s.signalFrame()
		}})
	s.mu.Lock()
	s.c = c
	s.mu.Unlock()
	close(ready)
	s.subscribe()
	<-ctx.Done()
	s.mu.Lock()
	s.c = nil
	s.mu.Unlock()
	if hasStatus && c.Connected() { // a clean stop sends no will
		octx, cancel := context.WithTimeout(context.Background(), time.Second)
		_ = c.PublishWait(octx, presence(contract.Offline, contract.At(s.opts.Now())))
		cancel()
	}
	c.Close(100 * time.Millisecond)
	s.resubs.Wait()
	wg.Wait()
	return nil
}

func (s *Service) filters() []string {
	return []string{s.topics.Queue("+"), s.topics.Status(s.opts.Appliance), servingAll(s.topics), s.topics.Hall()}
}

// subscribe (again) to the hall's topics; the broker sends their retained
// copies, which the tracker takes as news only if they are.
func (s *Service) subscribe() {
	s.mu.Lock()
	c := s.c
	s.mu.Unlock()
	if c == nil {
		return
	}
	for _, f := range s.filters() {
		if err := c.Handle(f, 1, s.handle); err != nil {
			s.log.Error("display: subscribe", "filter", f, "err", err)
		}
	}
}

// resubscribeAfter is how long after connecting the display subscribes
// once more.
const resubscribeAfter = time.Second

// resubscribeLater subscribes once more a moment after a connection. A
// broker may store a retained message only after it acknowledged its
// publish (the embedded NATS server; see client.AwaitRetained): a display
// that subscribed in between was given neither the message nor its
// retained copy, and would show a counter's old state until its next
// change.
func (s *Service) resubscribeLater(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c == nil {
		return // stopping, or not yet started
	}
	s.resubs.Add(1)
	go func() {
		defer s.resubs.Done()
		select {
		case <-ctx.Done():
		case <-time.After(resubscribeAfter):
			s.subscribe()
		}
	}()
}

// handle takes one message on the client's delivery goroutine: it never
// waits on a device or on the screen.
func (s *Service) handle(m client.Message) {
	now := s.opts.Now()
	msg, err := model.Decode(s.opts.Center, s.opts.Appliance, m.Topic, m.Payload)
	if err != nil {
		s.log.Warn("display: message refused", "err", err)
		return
	}
	msg.Live = !m.Retained
	up := s.tracker.Apply(msg, now)
	if c := up.Announce; c != nil && s.ann != nil {
		if err := s.ann.Announce(c.Ticket, c.Counter); err != nil {
			s.log.Warn("display: cannot announce", "ticket", c.Ticket, "counter", c.Counter, "err", err)
		}
	}
	if up.Notice != nil && s.ann != nil {
		if err := s.ann.Chime(); err != nil {
			s.log.Warn("display: cannot chime for an announcement", "err", err)
		}
	}
	if up.Changed {
		if sv := msg.Serving; sv != nil {
			s.showLED(*sv)
		}
		s.signalFrame()
	}
}

// showLED hands counter's text to its LED display's worker.
func (s *Service) showLED(sv contract.Serving) {
	w := s.ledOf[sv.Counter]
	if w == nil {
		w = s.ledAll
	}
	if w == nil {
		return
	}
	text := ""
	if sv.State == contract.AtCounterCalled || sv.State == contract.AtCounterServing {
		text = sv.Ticket
	}
	w.want(sv.Counter, text)
}

func (s *Service) signalFrame() {
	select {
	case s.frame <- struct{}{}:
	default:
	}
}

// frames gives OnFrame the Hall when it changes and at every tick.
func (s *Service) frames(ctx context.Context) {
	tick := time.NewTicker(s.opts.Tick)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.frame:
		case <-tick.C:
			s.tracker.Tick(s.opts.Now())
		}
		if s.opts.OnFrame != nil {
			s.opts.OnFrame(s.tracker.Snapshot(s.opts.Now()))
		}
	}
}

// Hall is the Hall now.
func (s *Service) Hall() model.Hall { return s.tracker.Snapshot(s.opts.Now()) }

// Connected reports whether the display is connected to the bus.
func (s *Service) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c != nil && s.c.Connected()
}

// ledWorker drives one LED display driver: it shows each counter's latest
// text, one call at a time, and tries a failed counter again after
// LEDRetry. Nobody waits for it.
type ledWorker struct {
	s    *Service
	d    leddisplay.CounterDisplay
	wake chan struct{}

	mu     sync.Mutex
	wanted map[int]string
	shown  map[int]string // what each counter's display was last set to
	failed map[int]failure
}

// failure is a counter's last failed call.
type failure struct {
	text string
	at   time.Time
}

func newLEDWorker(s *Service, d leddisplay.CounterDisplay) *ledWorker {
	return &ledWorker{s: s, d: d, wake: make(chan struct{}, 1), wanted: map[int]string{}, shown: map[int]string{},
		failed: map[int]failure{}}
}

// want asks for text on counter's display, without waiting.
func (w *ledWorker) want(counter int, text string) {
	w.mu.Lock()
	w.wanted[counter] = text
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *ledWorker) run(ctx context.Context) {
	retry := time.NewTicker(w.s.opts.LEDRetry)
	defer retry.Stop()
	refresh := time.NewTicker(w.s.opts.LEDRefresh)
	defer refresh.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-retry.C:
		case <-refresh.C:
			w.mu.Lock()
			clear(w.shown)
			w.mu.Unlock()
		}
		w.update(ctx)
	}
}

// ledJob is one counter's text to set.
type ledJob struct {
	counter int
	text    string
}

// update sets each counter whose display differs from what is wanted,
// but not one that failed with the same text less than LEDRetry ago.
func (w *ledWorker) update(ctx context.Context) {
	for _, j := range w.pending(time.Now()) {
		if ctx.Err() != nil {
			return
		}
		cctx, cancel := context.WithTimeout(ctx, w.s.opts.LEDTimeout)
		var err error
		if j.text == "" {
			err = w.d.Clear(cctx, j.counter)
		} else {
			err = w.d.Show(cctx, j.counter, j.text)
		}
		cancel()
		w.done(j, err)
	}
}

func (w *ledWorker) pending(now time.Time) []ledJob {
	w.mu.Lock()
	defer w.mu.Unlock()
	var jobs []ledJob
	for c, text := range w.wanted {
		if got, ok := w.shown[c]; ok && got == text {
			continue
		}
		if f, ok := w.failed[c]; ok && f.text == text && now.Sub(f.at) < w.s.opts.LEDRetry-w.s.opts.LEDRetry/10 {
			continue
		}
		jobs = append(jobs, ledJob{c, text})
	}
	return jobs
}

// done records a call's outcome; a counter's failure is logged once until
// its display works again.
func (w *ledWorker) done(j ledJob, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, wasFailing := w.failed[j.counter]
	if err != nil {
		if !wasFailing {
			w.s.log.Warn("display: LED display failed; trying again", "counter", j.counter, "text", j.text, "err", err)
		}
		w.failed[j.counter] = failure{text: j.text, at: time.Now()}
		return
	}
	if wasFailing {
		w.s.log.Info("display: LED display works again", "counter", j.counter)
	}
	delete(w.failed, j.counter)
	w.shown[j.counter] = j.text
}

// throttledLog logs the first failure and then at most one line every
// `every`, counting the failures in between: a hall without a working
// sound card fails every announcement, and the log says so without
// filling the disk.
type throttledLog struct {
	to    *slog.Logger
	msg   string
	every time.Duration
	now   func() time.Time

	mu     sync.Mutex
	last   time.Time
	missed int
}

func newThrottledLog(log *slog.Logger, msg string, every time.Duration, now func() time.Time) *throttledLog {
	return &throttledLog{to: log, msg: msg, every: every, now: now}
}

func (t *throttledLog) failed(err error) {
	t.mu.Lock()
	now := t.now()
	if !t.last.IsZero() && now.Sub(t.last) < t.every {
		t.missed++
		t.mu.Unlock()
		return
	}
	missed := t.missed
	t.last, t.missed = now, 0
	t.mu.Unlock()
	if missed > 0 {
		t.to.Warn(t.msg, "err", err, "failed_since_last_line", missed)
		return
	}
	t.to.Warn(t.msg, "err", err)
}

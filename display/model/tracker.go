package model

import (
	"slices"
	"sync"
	"time"

	"tabour/mqtt/contract"
)

// TrackerOpts configures a Tracker.
type TrackerOpts struct {
	Center    string // the center code of the topics
	Appliance string // the appliance's device id: status/{Appliance}
	// MaxAge: a call whose since is older than this when it arrives is
	// shown but not announced (the retained calls found at start or after
	// a reconnect), unless the message came live (Message.Live). Default
	// 60 s.
	MaxAge time.Duration
	// StatusWait is how long after connecting the hall waits for the
	// appliance's retained status, showing Connecting, before it shows
	// ApplianceLost. Default 5 s.
	StatusWait time.Duration
	// KeepFor: calls older than this are no longer shown, so that the
	// morning does not open on yesterday's calls. Default 12 h.
	KeepFor time.Duration
}

// DefaultMaxAge is TrackerOpts.MaxAge's default.
const DefaultMaxAge = 60 * time.Second

// DefaultStatusWait is TrackerOpts.StatusWait's default.
const DefaultStatusWait = 5 * time.Second

// DefaultKeepFor is TrackerOpts.KeepFor's default.
const DefaultKeepFor = 12 * time.Hour

// Tracker follows the hall's topics and keeps what the hall shows. It is
// fed decoded messages (Serving, Queue, Status), the bus connection's
// changes (Connected, Disconnected) and the clock (Tick), and answers
// with the calls to announce; Snapshot is the current Hall. It is safe
// for concurrent use.
//
// Calls: a counter's serving message in state called with a ticket or a
// since the counter did not have is a call, announced once; the same
// ticket at the same counter with a later since is a recall (Recall), a
// ticket called at another counter (a transfer) a call to that window.
// A message with the same counter, ticket and since as the one the
// counter has (the retained copy sent again after a reconnect) changes
// nothing, and a retained one older than it (a stale copy) is dropped; a
// message delivered live (Message.Live) is the counter's latest whatever
// its since says. A call found retained is announced only if younger than
// MaxAge. The hall lists each ticket once, at its latest call.
type Tracker struct {
	opts TrackerOpts

	mu        sync.Mutex
	counters  map[int]contract.Serving
	queues    map[string]contract.Queue
	calls     []Call // newest first, at most MaxRecent+1
	status    contract.Status
	hasStatus bool
	conn      connState
	connAt    time.Time // when conn last changed
	link      Link
	since     time.Time
	ticker    *contract.Text
	notice    *Notice
	noticeEnd time.Time // the notice is shown until then
}

type connState int

const (
	neverConnected connState = iota
	connected
	disconnected
)

// NewTracker returns a tracker that has seen nothing and is Connecting.
func NewTracker(opts TrackerOpts) *Tracker {
	if opts.MaxAge <= 0 {
		opts.MaxAge = DefaultMaxAge
	}
	if opts.StatusWait <= 0 {
		opts.StatusWait = DefaultStatusWait
	}
	if opts.KeepFor <= 0 {
		opts.KeepFor = DefaultKeepFor
	}
	return &Tracker{opts: opts, counters: map[int]contract.Serving{}, queues: map[string]contract.Queue{}}
}

// Update is what a message did.
type Update struct {
	// Changed: the Hall may differ from the last Snapshot.
	Changed bool
	// Announce is the call to announce, if the message made one.
	Announce *Call
	// Notice is a new announcement of the manager's to chime for, if the
	// message brought one.
	Notice *Notice
}

// Feed decodes a message of topic (Decode) and applies it. A message
// refused by Decode changes nothing and returns its error.
func (t *Tracker) Feed(topic string, payload []byte, now time.Time) (Update, error) {
	m, err := Decode(t.opts.Center, t.opts.Appliance, topic, payload)
	if err != nil {
		return Update{}, err
	}
	return t.Apply(m, now), nil
}

// Apply applies a decoded message.
func (t *Tracker) Apply(m Message, now time.Time) Update {
	switch {
	case m.Serving != nil:
		return t.serving(*m.Serving, m.Live, now)
	case m.Queue != nil:
		return Update{Changed: t.queue(*m.Queue, m.Live, now)}
	case m.Status != nil:
		return Update{Changed: t.Status(*m.Status, now)}
	case m.Hall != nil:
		return t.hall(*m.Hall, m.Live, now)
	}
	return Update{}
}

// Serving applies a counter's serving message, checked as Decode does,
// as one that may be a retained copy: a call older than MaxAge is not
// announced.
func (t *Tracker) Serving(s contract.Serving, now time.Time) Update {
	return t.serving(s, false, now)
}

// serving applies s. live says it was published while the display was
// subscribed: the broker delivers a topic's messages in the order they
// were published, so a live message is the counter's latest whatever its
// since says (the appliance's clock may have been set back), and a new
// call in it is announced whatever its age and listed first.
func (t *Tracker) serving(s contract.Serving, live bool, now time.Time) Update {
	t.mu.Lock()
	defer t.mu.Unlock()
	prev, seen := t.counters[s.Counter]
	if seen {
		if !live && s.Since.Before(prev.Since.Time) {
			return Update{} // out of order: the counter has moved on
		}
		if sameServing(prev, s) {
			return Update{} // the same message again
		}
	}
	t.counters[s.Counter] = s
	var up Update
	up.Changed = true
	if s.State == contract.AtCounterIdle {
		return up
	}
	c := Call{Ticket: s.Ticket, Counter: s.Counter, Service: s.Service, At: s.Since.Time}
	if s.Label != nil {
		c.Window = *s.Label
	}
	sameTicket := seen && prev.Ticket == s.Ticket && prev.State != contract.AtCounterIdle
	if s.State == contract.AtCounterServing || sameTicket && prev.State == contract.AtCounterCalled &&
		(s.Since.Equal(prev.Since.Time) || prev.CounterState != s.CounterState) {
		// Not a call: the called ticket is now served, or the counter
		// paused or closed under it, or its name changed. The hall keeps
		// the call, under the window's name now.
		if i := t.find(s.Ticket); i >= 0 && t.calls[i].Counter == s.Counter {
			t.calls[i].Window = c.Window
			return up
		}
		if !sameTicket {
			t.add(c, live) // served, never seen called (found at start): listed, not announced
		}
		return up
	}
	c.Recall = sameTicket
	if t.add(c, live) && (live || now.Sub(c.At) <= t.opts.MaxAge) {
		up.Announce = &c
	}
	return up
}

// sameServing reports whether two messages of a counter say the same.
func sameServing(a, b contract.Serving) bool {
	la, lb := a.Label, b.Label
	a.Label, b.Label = nil, nil
	if a.Since.Equal(b.Since.Time) {
		a.Since = b.Since
	}
	return a == b && (la == nil) == (lb == nil) && (la == nil || *la == *lb)
}

// find returns the index of ticket's call in t.calls, or -1.
func (t *Tracker) find(ticket string) int {
	return slices.IndexFunc(t.calls, func(c Call) bool { return c.Ticket == ticket })
}

// add lists c in place of the ticket's earlier call, in order of At
// (newest first; of two at the same time, the one added last first), and
// keeps MaxRecent+1 calls. It reports false, listing nothing, if c is
// older than the ticket's listed call or than every call listed. A live
// call is the newest whatever its At says: it goes first.
func (t *Tracker) add(c Call, live bool) bool {
	if i := t.find(c.Ticket); i >= 0 {
		if !live && t.calls[i].At.After(c.At) {
			return false // a later call of the ticket is listed
		}
		t.calls = slices.Delete(t.calls, i, i+1)
	}
	i := 0
	for !live && i < len(t.calls) && t.calls[i].At.After(c.At) {
		i++
	}
	if i > MaxRecent {
		return false // older than every call the hall shows
	}
	t.calls = slices.Insert(t.calls, i, c)
	if len(t.calls) > MaxRecent+1 {
		t.calls = t.calls[:MaxRecent+1]
	}
	return true
}

// Queue applies a service's queue message; an older one than the
// service's (as_of) is dropped. It reports whether the hall changed.
func (t *Tracker) Queue(q contract.Queue, now time.Time) bool { return t.queue(q, false, now) }

// queue applies q; a live one is the latest whatever its as_of says.
func (t *Tracker) queue(q contract.Queue, live bool, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	prev, seen := t.queues[q.Service]
	if seen && !live && q.AsOf.Before(prev.AsOf.Time) {
		return false
	}
	t.queues[q.Service] = q
	return !seen || lineOf(prev) != lineOf(q)
}

// Hall applies the hall topic's message, checked as Decode does, as one
// that may be a retained copy.
func (t *Tracker) Hall(h contract.Hall, now time.Time) Update { return t.hall(h, false, now) }

// hall applies h: its ticker replaces the one shown (none: the
// configured line). An announcement the tracker has not seen (by id) is
// shown for NoticeFor: from now if it came live (the appliance's clock
// may be off the display's) and is not old news, else from its time, so a retained one found
// at start or after a reconnect is shown, and chimed, only while young.
func (t *Tracker) hall(h contract.Hall, live bool, now time.Time) Update {
	t.mu.Lock()
	defer t.mu.Unlock()
	var up Update
	if !sameText(t.ticker, h.Ticker) {
		t.ticker, up.Changed = cloneText(h.Ticker), true
	}
	a := h.Announcement
	if a == nil || t.notice != nil && t.notice.ID == a.ID {
		return up
	}
	n := &Notice{ID: a.ID, Text: a.Text, At: a.At.Time}
	start := a.At.Time
	if live && now.Sub(start) < maxNoticeSkew {
		start = now
	}
	t.notice, t.noticeEnd = n, start.Add(NoticeFor)
	if now.Before(t.noticeEnd) {
		up.Changed, up.Notice = true, n
	}
	return up
}

// maxNoticeSkew: a live announcement made longer ago than this by the
// appliance's clock is old news (an appliance that restarted publishes
// the day's last one again), not a clock off the display's.
const maxNoticeSkew = 10 * time.Minute

func sameText(a, b *contract.Text) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func cloneText(t *contract.Text) *contract.Text {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}

// Status applies the appliance's status. A heartbeat older than the one
// the tracker has from the same run of the appliance is dropped.
func (t *Tracker) Status(s contract.Status, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.hasStatus && s.BootID == t.status.BootID && s.State == t.status.State &&
		s.HeartbeatAt.Before(t.status.HeartbeatAt.Time) {
		return false
	}
	t.status, t.hasStatus = s, true
	return t.relink(now)
}

// Connected records that the bus connection is up.
func (t *Tracker) Connected(now time.Time) bool { return t.setConn(connected, now) }

// Disconnected records that the bus connection is down.
func (t *Tracker) Disconnected(now time.Time) bool { return t.setConn(disconnected, now) }

func (t *Tracker) setConn(c connState, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c == disconnected && t.conn == neverConnected {
		return false // a failed first attempt: still connecting
	}
	if t.conn != c {
		t.conn, t.connAt = c, now
	}
	return t.relink(now)
}

// Tick moves the clock: a heartbeat grows stale with time alone, and an
// announcement's time runs out. It reports whether the hall changed (its
// Link); the clock it shows changes with every tick anyway.
func (t *Tracker) Tick(now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.relink(now)
}

// relink works out Link at now and reports whether it changed.
func (t *Tracker) relink(now time.Time) bool {
	l := t.linkAt(now)
	if l == t.link && !t.since.IsZero() {
		return false
	}
	changed := l != t.link
	t.link, t.since = l, now
	return changed
}

func (t *Tracker) linkAt(now time.Time) Link {
	switch {
	case t.conn == neverConnected:
		return Connecting
	case t.conn == disconnected:
		return BusLost
	case !t.hasStatus && now.Sub(t.connAt) < t.opts.StatusWait:
		return Connecting
	case !t.status.Alive(now):
		return ApplianceLost
	}
	return Live
}

// Snapshot returns the Hall at now.
func (t *Tracker) Snapshot(now time.Time) Hall {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.relink(now)
	h := Hall{Link: t.link, Since: t.since, Now: now, Ticker: cloneText(t.ticker)}
	if t.notice != nil && now.Before(t.noticeEnd) {
		n := *t.notice
		h.Notice = &n
	}
	shown := t.calls
	for len(shown) > 0 && now.Sub(shown[len(shown)-1].At) > t.opts.KeepFor {
		shown = shown[:len(shown)-1] // newest first: the old ones are last
	}
	if len(shown) > 0 {
		c := shown[0]
		h.Newest = &c
		h.Recent = slices.Clone(shown[1:])
	}
	for _, s := range t.counters {
		if s.CounterState == "open" {
			h.Open = true
			break
		}
	}
	codes := make([]string, 0, len(t.queues))
	for code := range t.queues {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		h.Lines = append(h.Lines, lineOf(t.queues[code]))
	}
	return h
}

func lineOf(q contract.Queue) Line {
	l := Line{Service: q.Service, Waiting: q.Waiting, Wait: -1}
	if q.Name != nil {
		l.Name = *q.Name
	}
	if q.EWTS != nil {
		l.Wait = time.Duration(*q.EWTS) * time.Second
	}
	return l
}

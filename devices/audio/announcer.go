package audio

import (
	"errors"
	"sync"
	"time"
)

// Why an announcement was not played; reported to AnnouncerOpts.OnError.
var (
	ErrDropped = errors.New("audio: announcement dropped: queue full")
	ErrStale   = errors.New("audio: announcement dropped: waited too long")
)

// AnnouncerOpts configures an Announcer.
type AnnouncerOpts struct {
	Langs    []string      // languages of each announcement, in order
	Composer Composer      // how clips are chosen
	MaxQueue int           // announcements waiting; the oldest is dropped past this
	MaxAge   time.Duration // an announcement waiting longer is dropped
	Now      func() time.Time
	OnError  func(error) // told about failed plays and dropped announcements
}

// DefaultAnnouncerOpts announces in Arabic then English, keeps at most 3
// waiting and none older than 30 s.
var DefaultAnnouncerOpts = AnnouncerOpts{Langs: []string{"ar", "en"}, MaxQueue: 3, MaxAge: 30 * time.Second}

// Announcer plays announcements one at a time, in the order they were
// made. A call that waits too long, or is pushed out of a full queue, is
// dropped: the hall hears current calls, not a backlog. Announcing a
// ticket already waiting moves it to the back instead of repeating it.
type Announcer struct {
	pack *Pack
	sink Sink
	opts AnnouncerOpts

	mu    sync.Mutex
	queue []announcement
	wake  chan struct{} // has a value when the queue may be non-empty
}

type announcement struct {
	label   string
	counter int
	seq     []ClipID
	at      time.Time
}

// NewAnnouncer returns an announcer rendering from pack and playing on
// sink. A nil opts means DefaultAnnouncerOpts.
func NewAnnouncer(pack *Pack, sink Sink, opts *AnnouncerOpts) (*Announcer, error) {
	o := DefaultAnnouncerOpts
	if opts != nil {
		o = *opts
	}
	if pack == nil || sink == nil || len(o.Langs) == 0 || o.MaxQueue < 1 || o.MaxAge <= 0 {
		return nil, errors.New("audio: announcer needs a pack, a sink, languages, a queue and a max age")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Announcer{pack: pack, sink: sink, opts: o, wake: make(chan struct{}, 1)}, nil
}

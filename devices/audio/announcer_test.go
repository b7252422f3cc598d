package audio_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"tabour/devices/audio"
	"tabour/devices/audio/audiotest"
)

// miniPack has every clip of the table as one frame whose sample is the
// clip's index, so a rendered WAV can be read back as clip IDs.
func miniPack(t *testing.T) (*audio.Pack, map[uint16]audio.ClipID) {
	t.Helper()
	fsys := fstest.MapFS{}
	m := audio.Manifest{Format: audio.DefaultFormat}
	ids := map[uint16]audio.ClipID{}
	for i, c := range audio.Clips() {
		file := string(c.ID) + ".wav"
		fsys[file] = &fstest.MapFile{Data: audio.EncodeWAV(audio.DefaultFormat, []byte{byte(i), byte(i >> 8)})}
		m.Clips = append(m.Clips, audio.ManifestEntry{ID: c.ID, File: file})
		ids[uint16(i)] = c.ID
	}
	fsys["manifest.json"] = &fstest.MapFile{Data: mustJSON(t, m)}
	p, err := audio.LoadPack(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p.Gap = 0
	return p, ids
}

// clips reads a rendered announcement back.
func clips(t *testing.T, wav []byte, ids map[uint16]audio.ClipID) []audio.ClipID {
	_, pcm, err := audio.ParseWAV(wav)
	if err != nil {
		t.Fatal(err)
	}
	var seq []audio.ClipID
	for i := 0; i+1 < len(pcm); i += 2 {
		seq = append(seq, ids[uint16(pcm[i])|uint16(pcm[i+1])<<8])
	}
	return seq
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type rig struct {
	a      *audio.Announcer
	sink   *audiotest.Sink
	ids    map[uint16]audio.ClipID
	clk    *clock
	errs   chan error
	cancel context.CancelFunc
	done   chan error
}

func start(t *testing.T, langs ...string) *rig {
	p, ids := miniPack(t)
	r := &rig{sink: audiotest.New(), ids: ids, clk: &clock{t: time.Unix(1735689600, 0)}, errs: make(chan error, 16), done: make(chan error, 1)}
	r.sink.Hold, r.sink.Started = make(chan struct{}), make(chan []byte, 16)
	a, err := audio.NewAnnouncer(p, r.sink, &audio.AnnouncerOpts{Langs: langs, MaxQueue: 2, MaxAge: 30 * time.Second,
		Now: r.clk.Now, OnError: func(err error) { r.errs <- err }})
	if err != nil {
		t.Fatal(err)
	}
	r.a = a
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-r.done; err != nil {
			t.Errorf("Run = %v", err)
		}
		if n := r.sink.Overlaps(); n != 0 {
			t.Errorf("%d plays overlapped", n)
		}
	})
	return r
}

// next waits for the next play to start and returns what it says.
func (r *rig) next(t *testing.T) string {
	t.Helper()
	select {
	case wav := <-r.sink.Started:
		return joinIDs(clips(t, wav, r.ids))
	case <-time.After(5 * time.Second):
		t.Fatal("nothing played")
	}
	return ""
}

func (r *rig) release() { r.sink.Hold <- struct{}{} }

func joinIDs(seq []audio.ClipID) string {
	s := ""
	for _, id := range seq {
		s += string(id) + " "
	}
	return s
}

func compose(t *testing.T, langs []string, label string, counter int) string {
	seq, err := audio.Composer{}.ComposeAll(langs, label, counter)
	if err != nil {
		t.Fatal(err)
	}
	return joinIDs(seq)
}

func TestAnnouncerPlaysInOrder(t *testing.T) {
	r := start(t, "ar", "en")
	r.a.Announce("A023", 4)
	if got, want := r.next(t), compose(t, []string{"ar", "en"}, "A023", 4); got != want {
		t.Fatalf("played %s\nwant   %s", got, want)
	}
	r.a.Announce("A024", 5) // while A023 plays
	r.a.Announce("B001", 1)
	r.release()
	if got := r.next(t); got != compose(t, []string{"ar", "en"}, "A024", 5) {
		t.Fatalf("second play %s", got)
	}
	r.release()
	if got := r.next(t); got != compose(t, []string{"ar", "en"}, "B001", 1) {
		t.Fatalf("third play %s", got)
	}
	r.release()
}

// TestAnnouncerDropsOldest: with MaxQueue 2, a third waiting call pushes
// out the oldest.
func TestAnnouncerDropsOldest(t *testing.T) {
	r := start(t, "en")
	r.a.Announce("A001", 1)
	r.next(t) // A001 playing
	r.a.Announce("A002", 2)
	r.a.Announce("A003", 3)
	r.a.Announce("A004", 4)
	if err := <-r.errs; !errors.Is(err, audio.ErrDropped) || err.Error() != "audio: announcement dropped: queue full: A002 to counter 2" {
		t.Fatalf("error %v", err)
	}
	r.release()
	if got := r.next(t); got != compose(t, []string{"en"}, "A003", 3) {
		t.Fatalf("played %s", got)
	}
	r.release()
	r.next(t)
	r.release()
}

// TestAnnouncerStale: a call that waited past MaxAge is skipped.
func TestAnnouncerStale(t *testing.T) {
	r := start(t, "en")
	r.a.Announce("A001", 1)
	r.next(t)
	r.a.Announce("A002", 2)
	r.clk.Add(time.Minute)
	r.a.Announce("A003", 3)
	r.release()
	if got := r.next(t); got != compose(t, []string{"en"}, "A003", 3) {
		t.Fatalf("played %s", got)
	}
	if err := <-r.errs; !errors.Is(err, audio.ErrStale) {
		t.Fatalf("error %v", err)
	}
	r.release()
}

// TestAnnouncerRecall: announcing a waiting call again does not repeat it.
func TestAnnouncerRecall(t *testing.T) {
	r := start(t, "en")
	r.a.Announce("A001", 1)
	r.next(t)
	r.a.Announce("A002", 2)
	r.a.Announce("A002", 2)
	if n := r.a.Pending(); n != 1 {
		t.Fatalf("%d pending, want 1", n)
	}
	r.release()
	r.next(t)
	r.release()
}

func TestAnnouncerErrors(t *testing.T) {
	r := start(t, "ar")
	if err := r.a.Announce("A000", 1); err == nil {
		t.Error("bad label queued")
	}
	r.sink.Fail(errors.New("no sound card"))
	r.a.Announce("A001", 1)
	r.next(t)
	r.release()
	if err := <-r.errs; err == nil || err.Error() != "audio: announcing A001 to counter 1: no sound card" {
		t.Fatalf("error %v", err)
	}
	r.sink.Fail(nil)
	r.a.Announce("A002", 1) // goes on after a failure
	r.next(t)
	r.release()
}

func TestAnnouncerMissingClip(t *testing.T) {
	p, err := audio.LoadPack(fstest.MapFS{"manifest.json": {Data: []byte(`{"format":{"rate":16000,"channels":1,"bits":16},"clips":[]}`)}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := audio.NewAnnouncer(p, audiotest.New(), nil)
	if err := a.Announce("A1", 1); !errors.Is(err, audio.ErrNoClip) {
		t.Fatalf("Announce = %v", err)
	}
	if _, err := audio.NewAnnouncer(nil, audiotest.New(), nil); err == nil {
		t.Error("nil pack accepted")
	}
}

package queue

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tabour/lang"
)

// MaxHallText is how many characters (runes) each language of a hall
// line or announcement may hold.
const MaxHallText = 200

// Announcement is a message shown on the hall display: ID is its event's
// id, At when it was made.
type Announcement struct {
	ID   string
	Text lang.Text
	At   time.Time
}

// Hall is what the hall display shows besides the counters: the bottom
// line set for the day (nil: the configured one) and the last
// announcement of the day (nil if none).
type Hall struct {
	Ticker       *lang.Text
	Announcement *Announcement
}

// SetHallTicker sets the hall display's bottom line for the rest of the
// service day; an empty text clears it (the display shows its configured
// line again). It appends one hall.ticker event, text in its data: the
// text is a notice to the public and must hold no personal data (the MQTT
// command runner refuses text that looks like it). A text longer than
// MaxHallText in either language is refused with ErrInvalid.
func (e *Engine) SetHallTicker(ctx context.Context, text lang.Text) error {
	if err := checkHallText("ticker", text); err != nil {
		return err
	}
	_, err := e.hallEvent(ctx, EvHallTicker, text)
	return err
}

// Announce shows a message on the hall display (for a while, the display
// decides). It appends one hall.announced event, whose id and time it
// returns with the text. An empty text, or one longer than MaxHallText in
// either language, is refused with ErrInvalid.
func (e *Engine) Announce(ctx context.Context, text lang.Text) (Announcement, error) {
	if err := checkHallText("announce", text); err != nil {
		return Announcement{}, err
	}
	if strings.TrimSpace(text.AR) == "" && strings.TrimSpace(text.EN) == "" {
		return Announcement{}, fmt.Errorf("queue: announce: the text is empty: %w", ErrInvalid)
	}
	ev, err := e.hallEvent(ctx, EvAnnounced, text)
	if err != nil {
		return Announcement{}, err
	}
	return Announcement{ID: ev.ID, Text: text, At: ev.At}, nil
}

func checkHallText(op string, t lang.Text) error {
	for _, s := range []string{t.AR, t.EN} {
		if utf8.RuneCountInString(s) > MaxHallText || !utf8.ValidString(s) {
			return fmt.Errorf("queue: %s: a text holds at most %d characters per language: %w", op, MaxHallText, ErrInvalid)
		}
	}
	return nil
}

func (e *Engine) hallEvent(ctx context.Context, typ string, text lang.Text) (Event, error) {
	text = lang.Text{AR: strings.TrimSpace(text.AR), EN: strings.TrimSpace(text.EN)}
	data, _ := json.Marshal(struct {
		Text lang.Text `json:"text"`
	}{text})
	var ev Event
	err := e.tx(ctx, func(tx *dbtx) error {
		var err error
		ev, err = e.appendEvent(ctx, tx, Event{Type: typ, At: e.opts.Clock.Now(), Data: string(data)})
		return err
	})
	return ev, err
}

// Hall returns the hall display's state of the current service day, from
// the last hall.ticker and hall.announced events: those of earlier days
// no longer count.
func (e *Engine) Hall(ctx context.Context) (Hall, error) {
	var h Hall
	today := e.Today()
	for _, typ := range []string{EvHallTicker, EvAnnounced} {
		ev, err := e.lastEvent(ctx, typ)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return h, fmt.Errorf("queue: hall: %w", err)
		}
		if e.serviceDay(ev.At) != today {
			continue
		}
		t, ok := HallText(ev)
		switch {
		case !ok:
		case typ == EvAnnounced:
			h.Announcement = &Announcement{ID: ev.ID, Text: t, At: ev.At}
		case t != (lang.Text{}):
			h.Ticker = &t
		}
	}
	return h, nil
}

// HallText reads the text of a hall.ticker or hall.announced event.
func HallText(ev Event) (lang.Text, bool) {
	var d struct {
		Text *lang.Text `json:"text"`
	}
	if (ev.Type != EvHallTicker && ev.Type != EvAnnounced) || json.Unmarshal([]byte(ev.Data), &d) != nil || d.Text == nil {
		return lang.Text{}, false
	}
	return *d.Text, true
}

// lastEvent reads the last event of a hall type (through events_hall).
func (e *Engine) lastEvent(ctx context.Context, typ string) (Event, error) {
	return scanEvent(e.db.QueryRowContext(ctx, "SELECT "+eventColumns+
		" FROM events WHERE type = ? AND type IN ('hall.ticker', 'hall.announced') ORDER BY seq DESC LIMIT 1", typ))
}

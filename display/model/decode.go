package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tabour/mqtt/contract"
)

// MaxPayload is the largest payload the display decodes; the appliance's
// serving/, queue/ and status/ payloads are a few hundred bytes.
const MaxPayload = 4096

// Message kinds.
const (
	KindServing = "serving"
	KindQueue   = "queue"
	KindStatus  = "status"
	KindHall    = "hall"
)

// Message is one decoded message of a topic the hall follows: exactly one
// of Serving, Queue, Status and Hall is set, as Kind says.
type Message struct {
	Kind string
	// Live: the broker delivered the message as it was published, not as
	// the retained copy a new subscription is given (MQTT's retain flag
	// clear). A live call is announced whatever its since says: the
	// appliance's clock may be off the display's. Decode leaves it false;
	// the caller sets it from the delivery.
	Live    bool
	Serving *contract.Serving
	Queue   *contract.Queue
	Status  *contract.Status
	Hall    *contract.Hall
}

// ErrRefused wraps every reason a message is refused.
var ErrRefused = errors.New("display: message refused")

func refuse(topic, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrRefused, topic, fmt.Sprintf(format, args...))
}

// Decode reads a message of center's serving/{counter}, queue/{service},
// status/{appliance} or hall topic and checks it: a payload that is not the
// contract's JSON, disagrees with its topic, or holds values the contract
// does not allow is refused with an error. Anyone allowed to publish on
// the bus may publish garbage; the hall shows none of it.
func Decode(center, appliance, topic string, payload []byte) (Message, error) {
	t, ok := contract.ParseTopic(topic)
	if !ok || t.Center != center {
		return Message{}, refuse(topic, "not a topic of center %q", center)
	}
	if len(payload) > MaxPayload {
		return Message{}, refuse(topic, "payload of %d bytes (at most %d)", len(payload), MaxPayload)
	}
	switch t.Kind {
	case KindServing:
		var s contract.Serving
		if err := unmarshal(payload, &s); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		if err := checkServing(t.Key, s); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		return Message{Kind: KindServing, Serving: &s}, nil
	case KindQueue:
		var q contract.Queue
		if err := unmarshal(payload, &q); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		if err := checkQueue(t.Key, q); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		return Message{Kind: KindQueue, Queue: &q}, nil
	case KindStatus:
		if t.Key != appliance {
			return Message{}, refuse(topic, "not the appliance's status (%s)", appliance)
		}
		var s contract.Status
		if err := unmarshal(payload, &s); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		if err := checkStatus(s); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		return Message{Kind: KindStatus, Status: &s}, nil
	case KindHall:
		var h contract.Hall
		if err := unmarshal(payload, &h); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		if err := checkHall(h); err != nil {
			return Message{}, refuse(topic, "%v", err)
		}
		return Message{Kind: KindHall, Hall: &h}, nil
	}
	return Message{}, refuse(topic, "the hall does not follow %s/", t.Kind)
}

// unmarshal decodes one JSON object and nothing after it. Unknown
// members are allowed: a newer appliance may add some.
func unmarshal(b []byte, v any) error {
	if !utf8.Valid(b) {
		return errors.New("payload is not UTF-8")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(v); err != nil {
		return errors.New("payload is not the contract's JSON")
	}
	if d.More() {
		return errors.New("payload has data after its JSON object")
	}
	return nil
}

func checkServing(key string, s contract.Serving) error {
	n, err := strconv.Atoi(key)
	if err != nil || strconv.Itoa(n) != key || n != s.Counter || n < 1 {
		return fmt.Errorf("counter %d does not match the topic", s.Counter)
	}
	switch s.CounterState {
	case "open", "paused", "closed":
	default:
		return fmt.Errorf("counter state %q", s.CounterState)
	}
	if s.Since.IsZero() {
		return errors.New("no since")
	}
	switch s.State {
	case contract.AtCounterCalled, contract.AtCounterServing:
		if err := checkTicket(s.Ticket); err != nil {
			return err
		}
	case contract.AtCounterIdle:
		if s.Ticket != "" {
			return errors.New("an idle counter with a ticket")
		}
	default:
		return fmt.Errorf("state %q", s.State)
	}
	if s.Service != "" && !contract.ValidLevel(s.Service) {
		return errors.New("service is not a topic level")
	}
	if s.Label != nil {
		return checkText("label", *s.Label)
	}
	return nil
}

// MaxTicket is the longest ticket label the hall takes.
const MaxTicket = 12

// checkTicket allows a label of ASCII letters and digits ("A023").
func checkTicket(label string) error {
	if label == "" || len(label) > MaxTicket {
		return fmt.Errorf("ticket label of %d bytes", len(label))
	}
	for i := 0; i < len(label); i++ {
		c := label[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return errors.New("ticket label is not letters and digits")
		}
	}
	return nil
}

// MaxName is the longest window or service name, in characters, the hall
// takes.
const MaxName = 80

func checkText(what string, t contract.Text) error {
	return checkTextMax(what, t, MaxName)
}

func checkTextMax(what string, t contract.Text, most int) error {
	for _, s := range []string{t.AR, t.EN} {
		if utf8.RuneCountInString(s) > most {
			return fmt.Errorf("%s longer than %d characters", what, most)
		}
		for _, r := range s {
			if unicode.IsControl(r) || r == utf8.RuneError {
				return fmt.Errorf("%s has a control character", what)
			}
		}
	}
	return nil
}

func checkQueue(key string, q contract.Queue) error {
	if q.Service != key {
		return errors.New("service does not match the topic")
	}
	if q.Waiting < 0 || q.LongestWaitS < 0 || q.ServedToday < 0 || q.OpenCounters < 0 || q.EWTS != nil && *q.EWTS < 0 {
		return errors.New("a negative figure")
	}
	if q.EWTS != nil && *q.EWTS > maxWaitS {
		return errors.New("an estimate past a day")
	}
	if q.AsOf.IsZero() {
		return errors.New("no as_of")
	}
	if q.LastCalled != "" {
		if err := checkTicket(q.LastCalled); err != nil {
			return err
		}
	}
	if q.Name != nil {
		return checkText("name", *q.Name)
	}
	return nil
}

// maxWaitS bounds an estimated wait, in seconds.
const maxWaitS = 24 * 60 * 60

func checkStatus(s contract.Status) error {
	switch s.State {
	case contract.Online, contract.Offline, contract.Lost:
	default:
		return fmt.Errorf("state %q", s.State)
	}
	if s.EveryS < 0 {
		return errors.New("negative every_s")
	}
	return nil
}

// MaxNotice is the longest ticker or announcement, in characters per
// language, the hall takes: what the appliance accepts.
const MaxNotice = contract.MaxTextRunes

// maxNoticeID bounds an announcement's id.
const maxNoticeID = 64

func checkHall(h contract.Hall) error {
	if h.Ticker != nil {
		if err := checkTextMax("ticker", *h.Ticker, MaxNotice); err != nil {
			return err
		}
	}
	a := h.Announcement
	if a == nil {
		return nil
	}
	if a.ID == "" || len(a.ID) > maxNoticeID || a.At.IsZero() {
		return errors.New("an announcement without an id or a time")
	}
	if strings.TrimSpace(a.Text.AR) == "" && strings.TrimSpace(a.Text.EN) == "" {
		return errors.New("an empty announcement")
	}
	return checkTextMax("announcement", a.Text, MaxNotice)
}

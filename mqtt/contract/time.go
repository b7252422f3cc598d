package contract

import (
	"fmt"
	"time"
)

// TimeLayout is how the contract writes times: RFC 3339, UTC, milliseconds.
const TimeLayout = "2006-01-02T15:04:05.000Z07:00"

// Time is a time written as RFC 3339 in UTC with milliseconds
// ("2026-11-22T07:00:00.000Z"). Use the json tag option omitzero to leave
// a zero Time out.
type Time struct{ time.Time }

// At wraps t, in UTC and truncated to the millisecond.
func At(t time.Time) Time {
	if t.IsZero() {
		return Time{}
	}
	return Time{t.UTC().Truncate(time.Millisecond)}
}

// MarshalJSON writes the contract's time format.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.UTC().Format(TimeLayout) + `"`), nil
}

// UnmarshalJSON reads an RFC 3339 time (any offset, any precision).
func (t *Time) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = Time{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("mqtt: time: want an RFC 3339 string")
	}
	v, err := time.Parse(time.RFC3339Nano, string(b[1:len(b)-1]))
	if err != nil {
		return fmt.Errorf("mqtt: time: not RFC 3339") // the value is not echoed: it may be anything
	}
	t.Time = v.UTC()
	return nil
}

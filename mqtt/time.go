package mqtt

import (
	"encoding/json"
	"time"
)

// jsonBytes encodes v.
func jsonBytes(v any) ([]byte, error) { return json.Marshal(v) }

// timeMs converts Unix milliseconds.
func timeMs(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

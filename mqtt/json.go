package mqtt

import "encoding/json"

// jsonBytes encodes v.
func jsonBytes(v any) ([]byte, error) { return json.Marshal(v) }

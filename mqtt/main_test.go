package mqtt_test

import (
	"os"
	"testing"
)

// TestMain runs the relay child of TestRelaySIGKILLMidDrain when the test
// binary is started as one, and the tests otherwise.
func TestMain(m *testing.M) {
	if spec := os.Getenv(relayChildEnv); spec != "" {
		relayChild(spec)
		return
	}
	os.Exit(m.Run())
}

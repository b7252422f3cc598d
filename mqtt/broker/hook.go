package broker

import (
	"bytes"

	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/packets"

	"tabour/mqtt/auth"
)

// authHook asks the registry about every connect, subscribe and publish.
type authHook struct {
	mochi.HookBase
	reg *auth.Registry
}

func (h *authHook) ID() string { return "tabour-auth" }

func (h *authHook) Provides(b byte) bool {
	return bytes.Contains([]byte{mochi.OnConnectAuthenticate, mochi.OnACLCheck}, []byte{b})
}

// OnConnectAuthenticate checks the password, and that the client may
// publish its own will.
func (h *authHook) OnConnectAuthenticate(cl *mochi.Client, pk packets.Packet) bool {
	user := string(pk.Connect.Username)
	if !h.reg.Authenticate(user, pk.Connect.Password) {
		return false
	}
	return !pk.Connect.WillFlag || h.reg.Allow(user, pk.Connect.WillTopic, true)
}

// OnACLCheck checks a publish (write) or a subscription filter (read).
func (h *authHook) OnACLCheck(cl *mochi.Client, topic string, write bool) bool {
	return h.reg.Allow(string(cl.Properties.Username), topic, write)
}

// allowHook lets anyone do anything: a broker run without a registry
// (simulation, tests).
type allowHook struct{ mochi.HookBase }

func (h *allowHook) ID() string { return "tabour-allow-all" }

func (h *allowHook) Provides(b byte) bool {
	return bytes.Contains([]byte{mochi.OnConnectAuthenticate, mochi.OnACLCheck}, []byte{b})
}

func (h *allowHook) OnConnectAuthenticate(*mochi.Client, packets.Packet) bool { return true }

func (h *allowHook) OnACLCheck(*mochi.Client, string, bool) bool { return true }

package main

import (
	"errors"
	"fmt"
	"sync"

	"tabour/mqtt/auth"
)

// gate admits connections to the broker and checks every publish and
// subscription against a center's registry, as the embedded broker's
// authenticator does (tabour/mqtt/broker): the password, a client id of
// the credential's own (auth.Registry.ClientIDAllowed), at most
// maxSessions connections of one device credential (the appliance's own
// not bounded), and the rules of the device's role.
type gate struct {
	reg         *auth.Registry
	maxSessions int

	mu    sync.Mutex
	conns map[uintptr]session // the broker's client (its address) → its credential
}

// session is one connection the gate admitted.
type session struct{ user, cid string }

func newGate(reg *auth.Registry, maxSessions int) *gate {
	return &gate{reg: reg, maxSessions: maxSessions, conns: map[uintptr]session{}}
}

var errNoUser = errors.New("no username")

// admit checks one CONNECT of the broker's client conn. A nil error lets
// it in; the error says why not, for the broker's log.
func (g *gate) admit(conn uintptr, user, cid string, password []byte) error {
	if user == "" {
		return errNoUser
	}
	if !g.reg.Authenticate(user, password) {
		return fmt.Errorf("%s: wrong password or no such device", user)
	}
	if !g.reg.ClientIDAllowed(user, cid) {
		return fmt.Errorf("%s: client id %q is not its own (%s or %s-…)", user, cid, user, user)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.conns, conn) // an address the broker used before for another client
	if dev, ok := g.reg.Device(user); ok && dev.Role != auth.RoleAppliance {
		n := 0
		for _, s := range g.conns {
			// One with the new client id is not counted: the broker
			// drops it for the new one.
			if s.user == user && s.cid != cid {
				n++
			}
		}
		if n >= g.maxSessions {
			return fmt.Errorf("%s: holds %d connections already (max_sessions)", user, n)
		}
	}
	g.conns[conn] = session{user: user, cid: cid}
	return nil
}

// gone forgets a connection the broker closed.
func (g *gate) gone(conn uintptr) {
	g.mu.Lock()
	delete(g.conns, conn)
	g.mu.Unlock()
}

// allow reports whether user may publish to topic (write) or read it or
// subscribe to it as a filter.
func (g *gate) allow(user, topic string, write bool) bool {
	return user != "" && g.reg.Allow(user, topic, write)
}

// sessions counts the connections the gate holds for user.
func (g *gate) sessions(user string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, s := range g.conns {
		if s.user == user {
			n++
		}
	}
	return n
}

package broker

import (
	"reflect"
	"strings"
	"sync"

	"github.com/nats-io/nats-server/v2/server"

	"tabour/mqtt/auth"
)

// mqttSubPrefix is the subject of the internal subscription that delivers
// a QoS 1 subscription's messages from its JetStream consumer: a device
// that may read anything needs it (MQTT clients cannot subscribe to
// "$MQTT." subjects themselves, so it opens nothing else).
const mqttSubPrefix = "$MQTT.sub.>"

// authenticator checks every client's password and MQTT client id against
// the registry, bounds the connections of each device credential, and gives
// the client the NATS permissions its rules translate to; with no registry
// every client is let in with no restriction.
type authenticator struct {
	reg         *auth.Registry
	maxSessions int
	srv         *server.Server // set before the server starts

	mu       sync.Mutex
	sessions map[string]map[uint64]string // credential → connection id → MQTT client id
}

var _ server.Authentication = (*authenticator)(nil)

func (a *authenticator) Check(c server.ClientAuthentication) bool {
	o := c.GetOpts()
	if a.reg == nil {
		c.RegisterUser(&server.User{Username: o.Username})
		return true
	}
	if !a.reg.Authenticate(o.Username, []byte(o.Password)) {
		return false
	}
	cid, ok := mqttClientID(c)
	if !ok || !a.reg.ClientIDAllowed(o.Username, cid) {
		return false
	}
	if dev, ok := a.reg.Device(o.Username); ok && dev.Role != auth.RoleAppliance && !a.session(o.Username, c.GetID(), cid) {
		return false
	}
	rules, ok := a.reg.RulesOf(o.Username)
	if !ok {
		return false
	}
	c.RegisterUser(&server.User{Username: o.Username, Permissions: permissions(rules)})
	return true
}

// session counts a new connection of a device credential and reports
// whether it is within maxSessions. Connections the server no longer holds
// are forgotten first, and one with the new connection's client id is not
// counted: the server is about to drop it for the new one.
func (a *authenticator) session(user string, conn uint64, cid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sessions == nil {
		a.sessions = map[string]map[uint64]string{}
	}
	conns := a.sessions[user]
	if conns == nil {
		conns = map[uint64]string{}
		a.sessions[user] = conns
	}
	n := 0
	for id, other := range conns {
		switch {
		case a.srv == nil || a.srv.GetClient(id) == nil:
			delete(conns, id)
		case other != cid:
			n++
		}
	}
	if n >= a.maxSessions {
		return false
	}
	conns[conn] = cid
	return true
}

// mqttClientID returns the client id an MQTT client sent in its CONNECT.
// nats-server v2.15 hands a custom authenticator its *server.client, which
// keeps that id in the unexported field mqtt.cid (set by the CONNECT's
// parser in the goroutine that then calls Check) and has no method that
// returns it; reflection reads it. ok is false for a client that is not an
// MQTT client or a server whose client type has no such field, and Check
// then refuses it.
func mqttClientID(c server.ClientAuthentication) (cid string, ok bool) {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return "", false
	}
	m := v.Elem().FieldByName("mqtt")
	if m.Kind() != reflect.Pointer || m.IsNil() || m.Elem().Kind() != reflect.Struct {
		return "", false
	}
	f := m.Elem().FieldByName("cid")
	if f.Kind() != reflect.String {
		return "", false
	}
	return f.String(), true
}

// permissions translates MQTT access rules to NATS subject permissions.
// A filter ending in "#" also matches its parent level in MQTT, and the
// server subscribes to both subjects for it, so both are allowed.
func permissions(rules []auth.Rule) *server.Permissions {
	pub := &server.SubjectPermission{Allow: []string{}}
	sub := &server.SubjectPermission{Allow: []string{mqttSubPrefix}}
	for _, r := range rules {
		subjects := filterSubjects(r.Filter)
		if r.Access&auth.Write != 0 {
			pub.Allow = append(pub.Allow, subjects...)
		}
		if r.Access&auth.Read != 0 {
			sub.Allow = append(sub.Allow, subjects...)
		}
	}
	return &server.Permissions{Publish: pub, Subscribe: sub}
}

// filterSubjects maps an MQTT topic filter to the NATS subjects it
// covers: "/" separates tokens, "+" is "*" and "#" is ">" plus the parent.
func filterSubjects(filter string) []string {
	levels := strings.Split(filter, "/")
	for i, l := range levels {
		switch l {
		case "+":
			levels[i] = "*"
		case "#":
			levels[i] = ">"
		}
	}
	subj := strings.Join(levels, ".")
	if parent, ok := strings.CutSuffix(subj, ".>"); ok {
		return []string{subj, parent}
	}
	return []string{subj}
}

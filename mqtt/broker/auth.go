package broker

import (
	"strings"

	"github.com/nats-io/nats-server/v2/server"

	"tabour/mqtt/auth"
)

// authenticator checks every client's CONNECT against the registry and
// gives it the NATS permissions its rules translate to, so the server
// itself refuses a publish or a subscription the rules do not allow.
type authenticator struct{ reg *auth.Registry }

// Check implements server.Authentication.
func (a *authenticator) Check(c server.ClientAuthentication) bool {
	co := c.GetOpts()
	if a.reg == nil {
		c.RegisterUser(&server.User{Username: co.Username})
		return true
	}
	if !a.reg.Authenticate(co.Username, []byte(co.Password)) {
		return false
	}
	c.RegisterUser(&server.User{Username: co.Username, Permissions: permissions(a.rules(co.Username))})
	return true
}

// rules are the user's rules; an anonymous reader (one the registry let
// in without being a device) reads the center's topics only.
func (a *authenticator) rules(user string) []auth.Rule {
	if d, ok := a.reg.Device(user); ok {
		return auth.Rules(a.reg.Center(), d)
	}
	return []auth.Rule{{Access: auth.Read, Filter: "tabour/v1/#"}}
}

// permissions translates MQTT rules to NATS subjects. What no rule allows
// is denied: an empty allow list would allow everything.
func permissions(rules []auth.Rule) *server.Permissions {
	var pub, sub []string
	for _, r := range rules {
		subjects := Subjects(r.Filter)
		if r.Access&auth.Write != 0 {
			pub = append(pub, subjects...)
		}
		if r.Access&auth.Read != 0 {
			sub = append(sub, subjects...)
		}
	}
	return &server.Permissions{Publish: allowOnly(pub), Subscribe: allowOnly(sub)}
}

func allowOnly(subjects []string) *server.SubjectPermission {
	if len(subjects) == 0 {
		return &server.SubjectPermission{Deny: []string{">"}}
	}
	return &server.SubjectPermission{Allow: subjects}
}

// Subjects are the NATS subjects an MQTT topic filter stands for: levels
// joined by '.', '+' as '*', a trailing '#' as '>' and, since MQTT's
// "a/#" matches "a" too, the parent level. Levels must be plain (see
// ValidLevel).
func Subjects(filter string) []string {
	levels := strings.Split(filter, "/")
	for i, l := range levels {
		switch l {
		case "+":
			levels[i] = "*"
		case "#":
			levels[i] = ">"
		}
	}
	out := []string{strings.Join(levels, ".")}
	if n := len(levels); n > 1 && levels[n-1] == ">" {
		out = append(out, strings.Join(levels[:n-1], "."))
	}
	return out
}

// ValidLevel reports whether s can be a topic level on the embedded
// broker: a plain MQTT level (auth.ValidLevel) that NATS carries as one
// subject token, so without '.', whitespace or DEL.
func ValidLevel(s string) bool {
	return auth.ValidLevel(s) && !strings.ContainsAny(s, ". \t\r\n\f\v\x7f")
}

package auth

import "strings"

// Access is what a rule allows on the topics its filter matches.
type Access int

// Accesses.
const (
	Read Access = 1 << iota
	Write
	ReadWrite = Read | Write
)

// Rule grants access to the topics a filter matches.
type Rule struct {
	Access Access
	Filter string
}

// Role is the kind of a device; it decides the device's rules.
type Role string

// Roles.
const (
	RoleAppliance Role = "appliance"
	RoleServer    Role = "server"
	RoleCounter   Role = "counter"
	RoleDisplay   Role = "display"
	RoleKiosk     Role = "kiosk"
	RoleMonitor   Role = "monitor"
	// RoleConsole is a device of the appliance's own process that serves
	// the web console: it sends any counter's commands on its own
	// cmd/{device}/ topics (the counter in the command's args), so the
	// audit trail names it as the issuer and the signed-in person as the
	// actor.
	RoleConsole Role = "console"
)

func (r Role) valid() bool {
	switch r {
	case RoleAppliance, RoleServer, RoleCounter, RoleDisplay, RoleKiosk, RoleMonitor, RoleConsole:
		return true
	}
	return false
}

// applianceWrites are the topics (under the center's prefix) the
// appliance's own clients publish: everything they serve, and never
// ack/{device}, which only the workflow server's credential may publish
// (an ack deletes events from the outbox).
var applianceWrites = []string{"status/+", "health/+", "queue/+", "serving/+", "hall", "report/+", "events/+",
	"res/+/+", "notify/+", "inquiry/+", "config/+/reported"}

// Rules returns the access rules of device d at center.
func Rules(center string, d Device) []Rule {
	p := "tabour/v1/" + center + "/"
	switch d.Role {
	case RoleAppliance:
		rules := []Rule{{Read, p + "#"}}
		for _, f := range applianceWrites {
			rules = append(rules, Rule{Write, p + f})
		}
		return rules
	case RoleServer:
		return []Rule{{ReadWrite, "tabour/v1/#"}}
	}
	rules := []Rule{
		{Write, p + "status/" + d.ID},
		{Write, p + "health/" + d.ID},
		{Write, p + "config/" + d.ID + "/reported"},
		{Read, p + "config/" + d.ID + "/desired"},
		{Read, p + "serving/#"},
		{Read, p + "hall"},
		{Read, p + "queue/#"},
		{Read, p + "status/#"},
	}
	switch d.Role {
	case RoleCounter:
		rules = append(rules, Rule{Write, p + "cmd/" + d.ID + "/#"}, Rule{Read, p + "res/" + d.ID + "/#"})
	case RoleKiosk: // a citizen rates a done ticket at the kiosk
		rules = append(rules, Rule{Write, p + "cmd/" + d.ID + "/rate"}, Rule{Read, p + "res/" + d.ID + "/#"})
	case RoleMonitor:
		rules = append(rules, Rule{Read, p + "health/#"})
	case RoleConsole:
		rules = append(rules, Rule{Write, p + "cmd/" + d.ID + "/#"}, Rule{Read, p + "res/" + d.ID + "/#"},
			Rule{Read, p + "health/#"}, Rule{Read, p + "report/#"})
	}
	return rules
}

// allows reports whether rules grant access to topic (write) or to every
// topic the filter topic can match (read).
func allows(rules []Rule, topic string, write bool) bool {
	need := Read
	if write {
		need = Write
	}
	if !write {
		topic = unshare(topic)
	}
	for _, r := range rules {
		if r.Access&need != 0 && FilterCovers(r.Filter, topic) {
			return true
		}
	}
	return false
}

// unshare strips a shared subscription's "$share/GROUP/" prefix.
func unshare(filter string) string {
	rest, ok := strings.CutPrefix(filter, "$share/")
	if !ok {
		return filter
	}
	if _, f, ok := strings.Cut(rest, "/"); ok {
		return f
	}
	return filter
}

// FilterCovers reports whether every topic that sub (a topic or a topic
// filter) matches is also matched by filter.
func FilterCovers(filter, sub string) bool {
	if strings.HasPrefix(sub, "$") != strings.HasPrefix(filter, "$") {
		return false // [MQTT-4.7.2-1]: wildcards do not match $ topics
	}
	f, s := strings.Split(filter, "/"), strings.Split(sub, "/")
	for i, fl := range f {
		if fl == "#" {
			return true
		}
		if i >= len(s) || !levelCovers(fl, s[i]) {
			return false
		}
	}
	return len(f) == len(s)
}

func levelCovers(fl, sl string) bool {
	switch {
	case sl == "#":
		return false
	case fl == "+":
		return true
	default:
		return sl != "+" && fl == sl
	}
}

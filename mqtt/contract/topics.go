package contract

import (
	"strconv"
	"strings"
)

// Version is the contract's topic version.
const Version = "v1"

// Root is the first two levels of every Tabour topic.
const Root = "tabour/" + Version + "/"

// Topics builds the topic names of one center: tabour/v1/{center}/...
type Topics struct{ Center string }

func (t Topics) p(parts ...string) string {
	return Root + t.Center + "/" + strings.Join(parts, "/")
}

// Status is a device's retained presence: online, offline, lost.
func (t Topics) Status(device string) string { return t.p("status", device) }

// Health is a device's retained hardware and outbox health.
func (t Topics) Health(device string) string { return t.p("health", device) }

// Queue is a service's retained live figures.
func (t Topics) Queue(service string) string { return t.p("queue", service) }

// Serving is what a counter shows: its called or serving ticket.
func (t Topics) Serving(counter int) string { return t.p("serving", strconv.Itoa(counter)) }

// Hall is the hall display's retained state besides the counters: the
// bottom line set for the day and the last announcement (Hall payload).
func (t Topics) Hall() string { return t.p("hall") }

// Report is the retained report of one service day (YYYY-MM-DD).
func (t Topics) Report(day string) string { return t.p("report", day) }

// Events carries the appliance's event log upstream.
func (t Topics) Events(device string) string { return t.p("events", device) }

// Ack carries the workflow server's acknowledgements of events.
func (t Topics) Ack(device string) string { return t.p("ack", device) }

// Cmd is a command to a device's counter, e.g. cmd/ctr04/next.
func (t Topics) Cmd(device, name string) string { return t.p("cmd", device, name) }

// Res is the answer to one command.
func (t Topics) Res(device, cmdID string) string { return t.p("res", device, cmdID) }

// ConfigDesired is the configuration the server wants a device to run.
func (t Topics) ConfigDesired(device string) string { return t.p("config", device, "desired") }

// ConfigReported is the configuration a device runs.
func (t Topics) ConfigReported(device string) string { return t.p("config", device, "reported") }

// AllCmds matches every command to every device of the center.
func (t Topics) AllCmds() string { return t.p("cmd", "+", "+") }

// ResFor matches every answer to one device's commands.
func (t Topics) ResFor(device string) string { return t.p("res", device, "+") }

// AllEvents matches the event streams of every appliance of every center:
// what a workflow server subscribes to.
const AllEvents = Root + "+/events/+"

// Notify carries the appliance's SMS requests to the workflow server.
func (t Topics) Notify(device string) string { return t.p("notify", device) }

// Inquiry carries the appliance's application status inquiries.
func (t Topics) Inquiry(device string) string { return t.p("inquiry", device) }

// InquiryRes carries the workflow server's answers to a device's
// inquiries, addressed by request_id in the payload.
func (t Topics) InquiryRes(device string) string { return t.p("inquiry", device, "res") }

// AllInquiries matches the inquiries of every appliance of every center:
// what a workflow server subscribes to.
const AllInquiries = Root + "+/inquiry/+"

// Topic is a parsed Tabour topic name.
type Topic struct {
	Center string
	Kind   string // status, health, queue, serving, report, events, ack, cmd, res, config, hall
	Key    string // device, service, counter or day; empty for hall
	Sub    string // cmd: command name; res: cmd_id; config: desired|reported
}

// ParseTopic splits a topic name of the contract; ok is false for any
// other name.
func ParseTopic(name string) (Topic, bool) {
	rest, ok := strings.CutPrefix(name, Root)
	if !ok {
		return Topic{}, false
	}
	parts := strings.Split(rest, "/")
	for _, p := range parts {
		if !ValidLevel(p) {
			return Topic{}, false
		}
	}
	if len(parts) == 2 && parts[1] == "hall" {
		return Topic{Center: parts[0], Kind: "hall"}, true
	}
	if len(parts) < 3 {
		return Topic{}, false
	}
	t := Topic{Center: parts[0], Kind: parts[1], Key: parts[2]}
	switch {
	case t.Kind == "hall":
	case len(parts) == 3 && !hasSub(t.Kind):
		return t, true
	case len(parts) == 4 && hasSub(t.Kind):
		t.Sub = parts[3]
		return t, true
	}
	return Topic{}, false
}

func hasSub(kind string) bool { return kind == "cmd" || kind == "res" || kind == "config" }

// ValidLevel reports whether s can stand as one topic level: not empty, no
// '/', no wildcard, no NUL, not starting with '$'.
func ValidLevel(s string) bool {
	return s != "" && len(s) <= 128 && !strings.ContainsAny(s, "/+#\x00") && s[0] != '$'
}

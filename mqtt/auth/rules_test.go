package auth

import "testing"

// The console may send commands on its own topics only, read its own
// results and what a manager's screen shows, and nothing else.
func TestConsoleRules(t *testing.T) {
	r, err := NewRegistry("c1", []Device{
		{ID: "app-console", Role: RoleConsole, PasswordSHA256: HashPassword("x")},
	})
	if err != nil {
		t.Fatal(err)
	}
	const p = "tabour/v1/c1/"
	for _, tc := range []struct {
		topic string
		write bool
		want  bool
	}{
		{p + "cmd/app-console/next", true, true},
		{p + "cmd/ctr01/next", true, false},
		{p + "cmd/+/next", true, false},
		{p + "res/app-console/#", false, true},
		{p + "res/ctr01/#", false, false},
		{p + "res/#", false, false},
		{p + "serving/#", false, true},
		{p + "queue/+", false, true},
		{p + "status/#", false, true},
		{p + "health/#", false, true},
		{p + "report/#", false, true},
		{p + "events/+", false, false},
		{p + "inquiry/+", false, false},
		{p + "ack/app", true, false},
		{p + "serving/1", true, false},
		{p + "status/app-console", true, true},
		{p + "#", false, false},
		{"tabour/v1/c2/serving/#", false, false},
	} {
		if got := r.Allow("app-console", tc.topic, tc.write); got != tc.want {
			t.Errorf("console write=%v %s: %v, want %v", tc.write, tc.topic, got, tc.want)
		}
	}
}

// Every device reads the hall topic; only the appliance (and the server)
// publish it.
func TestHallRules(t *testing.T) {
	devs := []Device{
		{ID: "kiosk1", Role: RoleAppliance}, {ID: "server", Role: RoleServer},
		{ID: "hall1", Role: RoleDisplay}, {ID: "ctr01", Role: RoleCounter, Counter: 1},
		{ID: "con1", Role: RoleConsole}, {ID: "mon1", Role: RoleMonitor}, {ID: "kiosk2", Role: RoleKiosk},
	}
	for i := range devs {
		devs[i].PasswordSHA256 = HashPassword("x")
	}
	r, err := NewRegistry("c1", devs)
	if err != nil {
		t.Fatal(err)
	}
	const hall = "tabour/v1/c1/hall"
	for _, d := range devs {
		writes := d.Role == RoleAppliance || d.Role == RoleServer
		if !r.Allow(d.ID, hall, false) {
			t.Errorf("%s (%s) may not read %s", d.ID, d.Role, hall)
		}
		if got := r.Allow(d.ID, hall, true); got != writes {
			t.Errorf("%s (%s) write %s: %v, want %v", d.ID, d.Role, hall, got, writes)
		}
	}
	if r.Allow("hall1", "tabour/v1/c2/hall", false) {
		t.Error("a display reads another center's hall")
	}
}

// A kiosk sends only the citizen's rating, on its own topic, and reads
// its own results.
func TestKioskRules(t *testing.T) {
	r, err := NewRegistry("c1", []Device{
		{ID: "kiosk2", Role: RoleKiosk, PasswordSHA256: HashPassword("x")},
	})
	if err != nil {
		t.Fatal(err)
	}
	const p = "tabour/v1/c1/"
	for _, tc := range []struct {
		topic string
		write bool
		want  bool
	}{
		{p + "cmd/kiosk2/rate", true, true},
		{p + "cmd/kiosk2/next", true, false},
		{p + "cmd/kiosk2/announce", true, false},
		{p + "cmd/ctr01/rate", true, false},
		{p + "cmd/+/rate", true, false},
		{p + "res/kiosk2/#", false, true},
		{p + "res/ctr01/#", false, false},
		{p + "serving/#", false, true},
		{p + "queue/+", false, true},
		{p + "health/#", false, false},
		{p + "events/+", false, false},
		{"tabour/v1/c2/cmd/kiosk2/rate", true, false},
	} {
		if got := r.Allow("kiosk2", tc.topic, tc.write); got != tc.want {
			t.Errorf("kiosk write=%v %s: %v, want %v", tc.write, tc.topic, got, tc.want)
		}
	}
}

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

package auth

import "testing"

func TestAnonymousReadOnly(t *testing.T) {
	r, err := NewRegistry("ism-fayed", nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Authenticate("", nil) {
		t.Fatal("anonymous allowed by default")
	}
	r.AllowAnonymousRead(true)
	if !r.Authenticate("", nil) || !r.Allow("", "tabour/v1/#", false) || !r.Allow("", "tabour/v1/ism-fayed/queue/+", false) {
		t.Fatal("anonymous reader refused")
	}
	if r.Allow("", "tabour/v1/ism-fayed/cmd/ctr01/next", true) || r.Allow("", "$SYS/#", false) || r.Allow("", "#", false) {
		t.Fatal("anonymous reader may write or read outside tabour/v1")
	}
	if r.Authenticate("ctr01", []byte("x")) {
		t.Fatal("unknown user authenticated")
	}
}

func TestClientIDAllowed(t *testing.T) {
	r, err := NewRegistry("ism-fayed", []Device{
		{ID: "ctr01", Role: RoleCounter, Counter: 1, PasswordSHA256: HashPassword("x")},
		{ID: "kiosk1", Role: RoleAppliance, PasswordSHA256: HashPassword("y")},
	})
	if err != nil {
		t.Fatal(err)
	}
	r.AllowAnonymousRead(true)
	for _, tc := range []struct {
		user, cid string
		want      bool
	}{
		{"ctr01", "ctr01", true},
		{"ctr01", "ctr01-a", true},
		{"ctr01", "ctr01a", false},
		{"ctr01", "kiosk1-bus", false},
		{"ctr01", "", false},
		{"kiosk1", "kiosk1-bus", true},
		{"nobody", "nobody", false},
		{"", "viewer-1", true},
		{"", "kiosk1-bus", false},
		{"", "ctr01", false},
		{"", "", false},
	} {
		if got := r.ClientIDAllowed(tc.user, tc.cid); got != tc.want {
			t.Errorf("ClientIDAllowed(%q, %q) = %v", tc.user, tc.cid, got)
		}
	}
}

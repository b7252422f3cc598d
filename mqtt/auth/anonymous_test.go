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

package queue

import "testing"

func TestIssuerAddTo(t *testing.T) {
	is := issuer{device: "ctr01", cmdID: "c1"}
	for data, want := range map[string]string{
		"":                `{"issued_by":"ctr01","cmd_id":"c1"}`,
		"{}":              `{"issued_by":"ctr01","cmd_id":"c1"}`,
		`{"from":"open"}`: `{"issued_by":"ctr01","cmd_id":"c1","from":"open"}`,
		`[1]`:             `[1]`,
	} {
		if got := is.addTo(data); got != want {
			t.Errorf("addTo(%q) = %s, want %s", data, got, want)
		}
	}
	is.actor = "mona"
	if got, want := is.addTo(`{"from":"open"}`), `{"issued_by":"ctr01","cmd_id":"c1","actor":"mona","from":"open"}`; got != want {
		t.Errorf("with an actor: %s, want %s", got, want)
	}
}

package console

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// postBody sends a form as a same-origin page of hs does and returns the
// answer's body.
func postBody(t *testing.T, c *http.Client, hs *httptest.Server, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, hs.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var newPW = regexp.MustCompile(`<code id="newpw" dir="ltr">([^<]+)</code>`)

// The manager adds a clerk, whose random password is shown once; the
// clerk signs in with it, may not manage accounts, changes it; a reset
// or a removal ends the clerk's sessions; the last manager stays.
func TestAccountPages(t *testing.T) {
	hs, accs := newTestServer(t, false)
	boss := browser(t, hs)
	signIn(t, boss, hs, "boss", "boss-pw")

	resp, body := postBody(t, boss, hs, "/manager/accounts", url.Values{"name": {"sara"}, "role": {"clerk"}, "counters": {"3، 1"}})
	m := newPW.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("add: %s\n%s", resp.Status, body)
	}
	pw := m[1]
	if a, ok := accs.Get("sara"); !ok || a.Role != RoleClerk || len(a.Counters) != 2 || a.Counters[0] != 1 || a.Counters[1] != 3 {
		t.Fatalf("sara: %+v", a)
	}
	if _, body := get(t, boss, hs, "/manager/accounts"); strings.Contains(body, pw) || !strings.Contains(body, `data-account="sara"`) {
		t.Error("the password is shown again, or sara is not listed")
	}
	// changing her counters keeps her password
	if resp, body := postBody(t, boss, hs, "/manager/accounts", url.Values{"name": {"sara"}, "role": {"clerk"}, "counters": {"2"}}); resp.StatusCode != http.StatusOK || newPW.MatchString(body) {
		t.Fatalf("change: %s", resp.Status)
	}

	sara := browser(t, hs)
	if resp := signIn(t, sara, hs, "sara", pw); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sara signs in: %s", resp.Status)
	}
	if resp, _ := postBody(t, sara, hs, "/manager/accounts", url.Values{"name": {"evil"}, "role": {"manager"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a clerk adds an account: %s", resp.Status)
	}
	if resp, _ := get(t, sara, hs, "/manager/accounts"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a clerk sees the accounts: %s", resp.Status)
	}
	// her own password: the old one is checked, the new one must be long
	for _, c := range []struct {
		old, new, again string
		status          int
	}{
		{"wrong", "a-long-password", "a-long-password", http.StatusUnauthorized},
		{pw, "short", "short", http.StatusBadRequest},
		{pw, "a-long-password", "another-password", http.StatusBadRequest},
		{pw, "a-long-password", "a-long-password", http.StatusOK},
	} {
		if resp, _ := postBody(t, sara, hs, "/password", url.Values{"old": {c.old}, "new": {c.new}, "again": {c.again}}); resp.StatusCode != c.status {
			t.Errorf("change %q → %q: %s, want %d", c.old, c.new, resp.Status, c.status)
		}
	}
	if resp, _ := get(t, sara, hs, "/counter/2"); resp.StatusCode != http.StatusOK {
		t.Errorf("her session after her change: %s", resp.Status)
	}
	// a reset by the manager ends her sessions
	if resp, body := postBody(t, boss, hs, "/manager/accounts/sara/reset", nil); resp.StatusCode != http.StatusOK || !newPW.MatchString(body) {
		t.Fatalf("reset: %s %s", resp.Status, body)
	}
	if resp, _ := get(t, sara, hs, "/counter/2"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("her session after a reset: %s", resp.Status)
	}

	// refused: a name shaped like a national ID, a bad role, bad counters,
	// removing oneself, the last manager's demotion
	for _, f := range []url.Values{
		{"name": {"29001011234567"}, "role": {"clerk"}},
		{"name": {"a b"}, "role": {"clerk"}},
		{"name": {"x"}, "role": {"king"}},
		{"name": {"x"}, "role": {"clerk"}, "counters": {"one"}},
		{"name": {"boss"}, "role": {"clerk"}},
	} {
		if resp, _ := postBody(t, boss, hs, "/manager/accounts", f); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%v: %s", f, resp.Status)
		}
	}
	if resp, _ := postBody(t, boss, hs, "/manager/accounts/boss/delete", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("removing oneself: %s", resp.Status)
	}
	if resp, _ := postBody(t, boss, hs, "/manager/accounts/manager/delete", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("remove the first-run manager: %s", resp.Status)
	}
	if err := accs.Delete("boss"); err != ErrLastManager {
		t.Errorf("last manager: %v", err)
	}
	if resp, _ := postBody(t, boss, hs, "/manager/accounts/sara/delete", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("remove sara: %s", resp.Status)
	}
	if _, ok := accs.Get("sara"); ok {
		t.Error("sara is still there")
	}
	// from another origin, with the manager's session: refused
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/manager/accounts", strings.NewReader("name=evil&role=manager"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := boss.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if _, ok := accs.Get("evil"); resp.StatusCode != http.StatusForbidden || ok {
		t.Errorf("cross-site add: %s (added %v)", resp.Status, ok)
	}
}

func TestParseCounters(t *testing.T) {
	for in, want := range map[string]string{"": "[]", "3، 1, 3": "[1 3]", " 2\t4 ": "[2 4]", "999": "[999]", "٣، ۱٢": "[3 12]"} {
		got, err := parseCounters(in)
		if err != nil || fmt.Sprint(got) != want && !(want == "[]" && got == nil) {
			t.Errorf("%q: %v %v, want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "-1", "1000", "one", "1;2", "３"} {
		if got, err := parseCounters(in); err == nil {
			t.Errorf("%q: %v", in, got)
		}
	}
}

// Whatever is typed, the counters are refused or valid: 1 to MaxCounter,
// sorted, each once.
func FuzzParseCounters(f *testing.F) {
	for _, s := range []string{"1, 2", "3، 1", " 7 ", "0", "99999999999999999999", "1,,2", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ns, err := parseCounters(s)
		if err != nil {
			return
		}
		for i, n := range ns {
			if n < 1 || n > MaxCounter || i > 0 && ns[i-1] >= n {
				t.Fatalf("%q: %v", s, ns)
			}
		}
	})
}

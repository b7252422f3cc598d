package console

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// newTestServer serves a console whose bus is nowhere (its client keeps
// trying in the background), with a manager and a clerk of counter 2.
func newTestServer(t *testing.T, secure bool) (*httptest.Server, *Accounts) {
	t.Helper()
	acc, _, err := OpenAccounts(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.Put(Account{Name: "boss", Role: RoleManager}, "boss-pw"); err != nil {
		t.Fatal(err)
	}
	if err := acc.Put(Account{Name: "mona", Role: RoleClerk, Counters: []int{2}}, "mona-pw"); err != nil {
		t.Fatal(err)
	}
	s, err := New(Opts{URL: "tcp://127.0.0.1:1", Username: "kiosk1-console", Password: "x", Center: "c1",
		Appliance: "kiosk1", Accounts: acc, Secure: secure, Retry: time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.c.Close(0) })
	var hs *httptest.Server
	if secure {
		hs = httptest.NewTLSServer(s.Handler())
	} else {
		hs = httptest.NewServer(s.Handler())
	}
	t.Cleanup(hs.Close)
	return hs, acc
}

// browser is an HTTP client with cookies that does not follow redirects.
func browser(t *testing.T, hs *httptest.Server) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := *hs.Client() // a client of its own: hs.Client() is shared
	c.Jar = jar
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// post sends a form as a same-origin page of hs does.
func post(t *testing.T, c *http.Client, hs *httptest.Server, path string, form url.Values, hdr map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, hs.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", hs.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, v := range hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func get(t *testing.T, c *http.Client, hs *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(hs.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func signIn(t *testing.T, c *http.Client, hs *httptest.Server, name, pw string) *http.Response {
	t.Helper()
	return post(t, c, hs, "/signin", url.Values{"name": {name}, "password": {pw}}, nil)
}

func TestSignInSetsASafeCookie(t *testing.T) {
	for _, secure := range []bool{false, true} {
		hs, _ := newTestServer(t, secure)
		c := browser(t, hs)
		if resp, body := get(t, c, hs, "/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin" {
			t.Fatalf("home before sign-in: %s %s", resp.Status, body)
		}
		if resp := signIn(t, c, hs, "boss", "wrong"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password: %s", resp.Status)
		}
		resp := signIn(t, c, hs, "boss", "boss-pw")
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in: %s", resp.Status)
		}
		var ck *http.Cookie
		for _, x := range resp.Cookies() {
			if x.Name == SessionCookie {
				ck = x
			}
		}
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Secure != secure || len(ck.Value) < 64 {
			t.Fatalf("session cookie %+v (secure %v)", ck, secure)
		}
		if resp, body := get(t, c, hs, "/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, `dir="rtl"`) {
			t.Fatalf("home after sign-in: %s %s", resp.Status, body)
		}
		if resp, _ := get(t, c, hs, "/manager"); resp.StatusCode != http.StatusOK {
			t.Fatalf("manager page for the manager: %s", resp.Status)
		}
		// signing out ends the session on the server, whatever the browser keeps
		if resp := post(t, c, hs, "/signout", nil, nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out: %s", resp.Status)
		}
		c2 := browser(t, hs)
		u, _ := url.Parse(hs.URL)
		c2.Jar.SetCookies(u, []*http.Cookie{{Name: SessionCookie, Value: ck.Value}})
		if resp, _ := get(t, c2, hs, "/manager"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("old session after sign-out: %s", resp.Status)
		}
	}
}

// A state change needs the session: without its cookie it is refused,
// and nothing is sent.
func TestStateChangeWithoutCookieRefused(t *testing.T) {
	hs, _ := newTestServer(t, false)
	c := browser(t, hs)
	if resp := post(t, c, hs, "/counter/2/next", nil, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("next without a session: %s", resp.Status)
	}
	if resp := post(t, c, hs, "/signout", nil, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("sign out without a session: %s", resp.Status)
	}
}

// A POST from another origin is refused even with the session cookie:
// by Sec-Fetch-Site, or by Origin when the browser sends no
// Sec-Fetch-Site.
func TestCrossOriginPostRefused(t *testing.T) {
	hs, _ := newTestServer(t, false)
	c := browser(t, hs)
	signIn(t, c, hs, "mona", "mona-pw")
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"},
		{"Sec-Fetch-Site": "same-site", "Origin": "http://other.localhost"},
		{"Sec-Fetch-Site": "", "Origin": "http://evil.example"},
	} {
		if resp := post(t, c, hs, "/counter/2/next", nil, h); resp.StatusCode != http.StatusForbidden {
			t.Errorf("next with %v: %s", h, resp.Status)
		}
		if resp := signIn(t, c, hs, "mona", "mona-pw"); resp.StatusCode != http.StatusSeeOther {
			// the same-origin sign-in still works; a cross-origin one does not
			t.Fatalf("same-origin sign in: %s", resp.Status)
		}
		jar, _ := cookiejar.New(nil)
		c2 := browser(t, hs)
		c2.Jar = jar
		resp := post(t, c2, hs, "/signin", url.Values{"name": {"mona"}, "password": {"mona-pw"}}, h)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("sign in with %v: %s", h, resp.Status)
		}
	}
}

// A clerk reaches the counters allowed and nothing else.
func TestClerkLimits(t *testing.T) {
	hs, _ := newTestServer(t, false)
	c := browser(t, hs)
	signIn(t, c, hs, "mona", "mona-pw")
	if resp, _ := get(t, c, hs, "/manager"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("clerk on the manager page: %s", resp.Status)
	}
	if resp, _ := get(t, c, hs, "/counter/1"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("clerk on another counter: %s", resp.Status)
	}
	if resp := post(t, c, hs, "/counter/1/next", nil, nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("clerk calling at another counter: %s", resp.Status)
	}
	if resp, _ := get(t, c, hs, "/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/counter/2" {
		t.Fatalf("a clerk of one counter goes to it: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	resp, body := get(t, c, hs, "/counter/2")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "التالي") {
		t.Fatalf("counter page: %s %s", resp.Status, body)
	}
	// the appliance is nowhere: the page says so
	if !strings.Contains(body, word(AR, "down")) {
		t.Fatal("the page does not say the appliance is unreachable")
	}
	// English by the toggle
	post(t, c, hs, "/lang", url.Values{"lang": {"en"}, "back": {"/counter/2"}}, nil)
	if _, body := get(t, c, hs, "/counter/2"); !strings.Contains(body, `dir="ltr"`) || !strings.Contains(body, "Next") {
		t.Fatalf("English page: %s", body)
	}
}

func TestWordsComplete(t *testing.T) {
	for k, w := range words {
		if w[0] == "" || w[1] == "" {
			t.Errorf("%s: missing a language", k)
		}
	}
	for _, r := range append(append([]string{}, pageData{}.PauseReasons()...), pageData{}.CallReasons()...) {
		if _, ok := words["r_"+r]; !ok {
			t.Errorf("reason %s has no words", r)
		}
	}
}

package mqtt_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"tabour/console"
	"tabour/internal/enginefigures"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// The web console is a client app and may not import the appliance's
// bus; its end-to-end test lives here, beside the bus's own tests.

// runConsole serves a console (device con1) on e's bus, with a clerk
// "mona" of counter 1, and waits until it sees the appliance live.
func runConsole(t *testing.T, e *env) *httptest.Server {
	t.Helper()
	acc, _, err := console.OpenAccounts(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.Put(console.Account{Name: "mona", Role: console.RoleClerk, Counters: []int{1}}, "mona-pw"); err != nil {
		t.Fatal(err)
	}
	if err := acc.Put(console.Account{Name: "boss", Role: console.RoleManager}, "boss-pw"); err != nil {
		t.Fatal(err)
	}
	s, err := console.New(console.Opts{URL: e.url, Username: "con1", Password: password("con1"), Center: center,
		Appliance: "kiosk1", Accounts: acc, Retry: 100 * time.Millisecond, Clock: e.clock, Now: e.clock.Now, Figures: enginefigures.New(e.eng),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		hs.Close()
		cancel()
		<-done
	})
	waitFor(t, "a live console", s.Live)
	return hs
}

// A clerk signs in to the console and calls, starts and finishes a
// ticket through the same command path as a counter device: the engine's
// events name the console as the issuer and the clerk as the actor. A
// refusal comes back in words.
func TestConsoleEndToEnd(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		hs := runConsole(t, e)
		jar, _ := cookiejar.New(nil)
		c := hs.Client()
		c.Jar = jar
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		postForm := func(path string, form url.Values) *http.Response {
			t.Helper()
			req, _ := http.NewRequest(http.MethodPost, hs.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", hs.URL)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			return resp
		}
		if resp := postForm("/signin", url.Values{"name": {"mona"}, "password": {"mona-pw"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign in: %s", resp.Status)
		}
		act := func(name string, form url.Values) console.Answer {
			t.Helper()
			resp := postForm("/counter/1/"+name, form)
			defer resp.Body.Close()
			var a console.Answer
			if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
				t.Fatalf("%s: %s: %v", name, resp.Status, err)
			}
			return a
		}
		if a := act("next", nil); a.OK || a.Code != contract.CodeNoneWaiting || a.Message == "" {
			t.Fatalf("next with nobody waiting: %+v", a)
		}
		tk := e.issue("BLD")
		before := len(allEvents(t, e.eng))
		for _, name := range []string{"next", "start", "done"} {
			if a := act(name, nil); !a.OK {
				t.Fatalf("%s: %+v", name, a)
			}
		}
		evs := allEvents(t, e.eng)[before:]
		if len(evs) != 3 {
			t.Fatalf("%d events, want 3: %+v", len(evs), evs)
		}
		for i, typ := range []string{queue.EvCalled, queue.EvStarted, queue.EvDone} {
			ev := evs[i]
			var d struct {
				IssuedBy string `json:"issued_by"`
				Actor    string `json:"actor"`
			}
			if err := json.Unmarshal([]byte(ev.Data), &d); err != nil {
				t.Fatal(err)
			}
			if ev.Type != typ || ev.TicketID != tk.ID || ev.Counter != 1 || d.IssuedBy != "con1" || d.Actor != "mona" {
				t.Errorf("event %d: %+v, want %s by mona through con1", i, ev, typ)
			}
		}
		// the clerk's page follows the counter live
		resp, err := c.Get(hs.URL + "/counter/1/events")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		buf := make([]byte, 4096)
		n, _ := resp.Body.Read(buf)
		if !strings.Contains(string(buf[:n]), `"live":true`) || !strings.Contains(string(buf[:n]), `"counter":1`) {
			t.Fatalf("events: %s", buf[:n])
		}
	})
}

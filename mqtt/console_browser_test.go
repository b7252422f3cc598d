package mqtt_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

var consoleShots = flag.String("console-shots", os.Getenv("TABOUR_CONSOLE_SHOTS"),
	"keep the console's screenshots from TestConsoleInChromium in `DIR` (also $TABOUR_CONSOLE_SHOTS)")

// morning plays a scripted morning on e's engine, minute by minute from
// 08:00 to 11:30 (the env's clock started at 07:30, when the counters
// opened): arrivals, calls, no-shows, services of 4 to 14 minutes, and
// counter 2 away for prayer from 10:00 to 10:20. It leaves counter 1 idle
// with tickets waiting, and the clock running from 11:30.
func morning(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	type work struct {
		called, startAt, endAt time.Time
		noShow                 bool
	}
	busy := map[int]*work{}
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for m := 8 * 60; m <= 11*60+30; m++ {
		now := day.Add(time.Duration(m) * time.Minute)
		e.clock.setAt(now)
		if m < 11*60+15 && rng.Float64() < 0.4 {
			svc := "BLD"
			if rng.Float64() < 0.45 {
				svc = "SHOP"
			}
			tk := e.issue(svc)
			if _, err := e.eng.EstimateTicket(ctx, tk.ID); err != nil { // the wait told on the ticket
				t.Fatal(err)
			}
		}
		switch m {
		case 10 * 60:
			if w := busy[2]; w != nil { // finish first
				if _, err := e.eng.Done(ctx, 2); err != nil && w.startAt.Before(now) {
					t.Fatal(err)
				}
				delete(busy, 2)
			}
			must(t, e.eng.SetCounterStateNote(ctx, 2, queue.CounterPaused, "prayer", ""))
		case 10*60 + 20:
			must(t, e.eng.SetCounterState(ctx, 2, queue.CounterOpen, ""))
		}
		for _, n := range []int{1, 2, 3} {
			if n == 2 && m >= 10*60 && m < 10*60+20 {
				continue
			}
			w := busy[n]
			switch {
			case w == nil:
				if _, err := e.eng.CallNext(ctx, n); err == nil {
					busy[n] = &work{called: now, startAt: now.Add(time.Minute), noShow: rng.IntN(12) == 0,
						endAt: now.Add(time.Duration(5+rng.IntN(11)) * time.Minute)}
				}
			case w.noShow && !now.Before(w.startAt.Add(time.Minute)):
				_, err := e.eng.NoShow(ctx, n)
				must(t, err)
				delete(busy, n)
			case !w.noShow && now.Equal(w.startAt):
				_, err := e.eng.Start(ctx, n)
				must(t, err)
			case !w.noShow && !now.Before(w.endAt):
				_, err := e.eng.Done(ctx, n)
				must(t, err)
				delete(busy, n)
			}
		}
		if m == 11*60+30 && busy[1] != nil { // counter 1 ends idle, for the clerk
			if busy[1].noShow || now.Before(busy[1].startAt) {
				_, err := e.eng.NoShow(ctx, 1)
				must(t, err)
			} else {
				_, err := e.eng.Done(ctx, 1)
				must(t, err)
			}
		}
	}
}

// newBrowser starts a headless Chromium (Debian's, scripts/deps.sh) and
// returns a tab of a browser context of its own (its own cookies) maker.
func newBrowser(t *testing.T) (tab func() context.Context) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(bctx); err != nil { // starts the browser, on a context without a deadline
		t.Fatalf("chromium: %v", err)
	}
	return func() context.Context {
		ctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
		t.Cleanup(cancel)
		ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
		t.Cleanup(cancelT)
		return ctx
	}
}

func signInAs(ctx context.Context, url, name, pw string) error {
	return chromedp.Do(ctx,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="name"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), name),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), pw),
		chromedp.Submit(chromedp.CSS(`input[name="password"]`)),
		chromedp.WaitReady(chromedp.CSS(`form[action="/signout"]`)), // signed in, on the next page
	)
}

func text(ctx context.Context, sel string) string {
	tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	v, _ := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel)))
	return v
}

// js evaluates expr in the page.
func js[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// shot saves the whole page as name.png under dir.
func shot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() < 1000 || img.Bounds().Dy() < 400 {
		t.Fatalf("screenshot %s: %v %v", name, err, img.Bounds())
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A clerk and the manager, each in a real headless Chromium of their own
// (Debian's chromium, scripts/deps.sh), after a scripted morning:
//   - the clerk signs in, is taken to counter 1, sees the appliance live,
//     calls with the N key, starts, finishes, calls again and transfers:
//     the page shows each change within a second, a refusal in words, and
//     every event names the clerk;
//   - the manager's dashboard shows the counts change within a second of
//     an issue and of the clerk's "done";
//   - the clerk cannot reach the manager's pages;
//   - a state change without the session cookie, or from a page of
//     another origin, is refused and changes nothing.
//
// With -console-shots DIR it keeps screenshots of both pages in Arabic
// and English, and of the day's report.
func TestConsoleInChromium(t *testing.T) {
	e := newEnv(t, mqtttest.Embedded, envOpts{upstreamDisabled: true,
		clock: &testClock{base: time.Date(2026, 11, 22, 7, 30, 0, 0, time.UTC)}})
	morning(t, e)
	hs := runConsole(t, e)
	tab := newBrowser(t)
	within := chromedp.WithPollingTimeout(time.Second)
	shots := *consoleShots
	if shots == "" {
		shots = t.TempDir()
	}

	// the manager's dashboard, open beside the clerk's page
	boss := tab()
	if err := signInAs(boss, hs.URL, "boss", "boss-pw"); err != nil {
		t.Fatal(err)
	}
	bld := `document.querySelector('#services tr[data-service="BLD"] td:nth-child(%d)').textContent`
	if err := chromedp.Do(boss, chromedp.Navigate(hs.URL+"/manager"), chromedp.WaitVisible(chromedp.CSS(`#link.live`)),
		chromedp.WaitVisible(chromedp.CSS(`#services tr[data-service="BLD"]`))); err != nil {
		t.Fatalf("dashboard: %v\n%s", err, text(boss, "body"))
	}
	count := func(col int) int {
		v, err := js[string](boss, fmt.Sprintf(bld, col))
		n, err2 := strconv.Atoi(v)
		if err != nil || err2 != nil {
			t.Fatalf("dashboard cell %d: %q %v", col, v, err)
		}
		return n
	}
	waiting, served := count(2), count(5)
	if waiting == 0 || served == 0 {
		t.Fatalf("after the morning: %d waiting, %d served", waiting, served)
	}
	e.issue("BLD")
	if err := chromedp.Do(boss, chromedp.Poll[chromedp.Void](fmt.Sprintf(bld, 2)+` === "`+strconv.Itoa(waiting+1)+`"`, within)); err != nil {
		t.Fatalf("the dashboard did not show the new ticket within a second: %d waiting", count(2))
	}

	// the clerk
	mona := tab()
	if err := signInAs(mona, hs.URL, "mona", "mona-pw"); err != nil {
		t.Fatal(err)
	}
	before := len(allEvents(t, e.eng))
	err := chromedp.Do(mona,
		chromedp.WaitVisible(chromedp.ID("console")),
		chromedp.WaitVisible(chromedp.CSS(`#link.live`)),
		chromedp.KeyEvent("n"),
		chromedp.Poll[chromedp.Void](`document.getElementById("tstate").textContent === "تم النداء"`, within),
	)
	if err != nil {
		t.Fatalf("call: %v (link %q, ticket %q, message %q)", err, text(mona, "#link"), text(mona, "#ticket"), text(mona, "#msg"))
	}
	called := current(t, e, 1)
	if got := text(mona, "#ticket"); got != called.Label || text(mona, "#msg") != "تم" {
		t.Fatalf("page shows %q, engine %q; message %q", got, called.Label, text(mona, "#msg"))
	}
	if w := text(mona, "#waited"); !strings.Contains(w, ":") {
		t.Errorf("waited %q", w)
	}
	dir, _ := js[string](mona, `document.documentElement.dir`)
	if dir != "rtl" || !strings.Contains(text(mona, "#link"), "متصل") {
		t.Fatalf("dir %q, link %q", dir, text(mona, "#link"))
	}
	servedSvc := `#services tr[data-service="` + called.Service + `"] td:nth-child(5)`
	servedBefore, _ := strconv.Atoi(text(boss, servedSvc))
	err = chromedp.Do(mona,
		chromedp.Click(chromedp.CSS(`button[data-action="start"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("tstate").textContent === "قيد الخدمة"`, within),
		chromedp.Click(chromedp.CSS(`button[data-action="done"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("tstate").textContent === "لا أحد"`, within),
	)
	if err != nil {
		t.Fatalf("start, done: %v (state %q, message %q)", err, text(mona, "#tstate"), text(mona, "#msg"))
	}
	if err := chromedp.Do(boss, chromedp.Poll[chromedp.Void](`document.querySelector('`+servedSvc+`').textContent === "`+
		strconv.Itoa(servedBefore+1)+`"`, within)); err != nil {
		t.Fatalf("the dashboard did not count the clerk's done within a second: %q", text(boss, servedSvc))
	}
	// a refusal, in words: nothing to start
	err = chromedp.Do(mona,
		chromedp.KeyEvent("s"),
		chromedp.Poll[chromedp.Void](`document.getElementById("msg").textContent === "لا توجد تذكرة حالية"`, within),
	)
	if err != nil {
		t.Fatalf("refusal: %v (message %q)", err, text(mona, "#msg"))
	}
	// call again and transfer to the shop licences
	err = chromedp.Do(mona,
		chromedp.KeyEvent("n"),
		chromedp.Poll[chromedp.Void](`document.getElementById("tstate").textContent === "تم النداء"`, within),
		chromedp.SetValue(chromedp.CSS(`form[data-action="transfer"] select[name="to_service"]`), "SHOP"),
		chromedp.Click(chromedp.CSS(`form[data-action="transfer"] button`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("tstate").textContent === "لا أحد"`, within),
	)
	if err != nil {
		t.Fatalf("transfer: %v (state %q, message %q)", err, text(mona, "#tstate"), text(mona, "#msg"))
	}
	evs := allEvents(t, e.eng)[before:]
	var types []string
	for _, ev := range evs {
		types = append(types, ev.Type)
		var d struct {
			IssuedBy string `json:"issued_by"`
			Actor    string `json:"actor"`
		}
		if ev.Type == queue.EvIssued {
			continue // the dashboard's test ticket
		}
		if err := json.Unmarshal([]byte(ev.Data), &d); err != nil || d.IssuedBy != "con1" || d.Actor != "mona" {
			t.Errorf("event %s: %s", ev.Type, ev.Data)
		}
	}
	if want := []string{queue.EvCalled, queue.EvStarted, queue.EvDone, queue.EvCalled, queue.EvTransferred}; strings.Join(types, " ") != strings.Join(want, " ") {
		t.Errorf("events %q, want %q", types, want)
	}

	// the citizen rates the service on the tablet facing them at counter 1:
	// the ticket the clerk finished, five faces, no typing
	tablet := tab()
	if err := signInAs(tablet, hs.URL, "mona", "mona-pw"); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(tablet, chromedp.Navigate(hs.URL+"/rate/1"),
		chromedp.Poll[chromedp.Void](`document.getElementById("ticket").textContent === "`+called.Label+`"`, within),
		chromedp.WaitVisible(chromedp.ID("ask")))
	if err != nil {
		t.Fatalf("rating page: %v (ticket %q)", err, text(tablet, "#ticket"))
	}
	shot(t, tablet, shots, "console-rate")
	err = chromedp.Do(tablet,
		chromedp.Click(chromedp.CSS(`button.face[data-score="5"]`)),
		chromedp.Click(chromedp.CSS(`#chips button[data-reason="quick"]`)),
		chromedp.Click(chromedp.ID("send")),
		chromedp.WaitVisible(chromedp.ID("thanks")),
	)
	if err != nil {
		t.Fatalf("rate: %v (message %q)", err, text(tablet, "#msg"))
	}
	if err := chromedp.Do(boss, chromedp.Poll[chromedp.Void](`document.querySelector('#counters tr[data-counter="1"] td:nth-child(6)').textContent === "5.0 (1)"`, within)); err != nil {
		t.Errorf("the dashboard did not show the rating within a second: %q", text(boss, `#counters tr[data-counter="1"]`))
	}
	again, err := js[string](tablet, `fetch("/rate/1", {method: "POST", body: new URLSearchParams({ticket: "`+called.Label+`", score: "1"})}).then(r => r.json()).then(a => a.code)`)
	if err != nil || again != "already_rated" {
		t.Errorf("a second rating: %q %v", again, err)
	}
	if rs, err := e.eng.Ratings(context.Background(), ""); err != nil || len(rs) != 1 || rs[0].Label != called.Label || rs[0].Score != 5 ||
		len(rs[0].Reasons) != 1 || rs[0].Reasons[0] != "quick" || rs[0].Counter != 1 {
		t.Errorf("ratings %+v %v", rs, err)
	}
	csvText, err := js[string](boss, `fetch("/manager/report.csv").then(r => r.text())`)
	if err != nil || !strings.Contains(csvText, ","+called.Label+",") || !strings.Contains(csvText, ",5,quick") {
		t.Errorf("the CSV has no rating of %s (%v)", called.Label, err)
	}

	// the manager closes counter 1 and opens it again from the dashboard
	n0 := len(allEvents(t, e.eng))
	state1 := `document.querySelector('#counters tr[data-counter="1"] td:nth-child(2)').textContent === "%s"`
	err = chromedp.Do(boss,
		chromedp.Click(chromedp.CSS(`#counters tr[data-counter="1"] button[data-action="close"]`)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(state1, "مغلق"), within),
		chromedp.Click(chromedp.CSS(`#counters tr[data-counter="1"] button[data-action="resume"]`)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(state1, "مفتوح"), within),
	)
	if err != nil {
		t.Fatalf("close and open counter 1: %v (message %q)", err, text(boss, "#msg"))
	}
	for _, ev := range allEvents(t, e.eng)[n0:] {
		if ev.Type != queue.EvCounter || ev.Counter != 1 || !strings.Contains(ev.Data, `"actor":"boss"`) {
			t.Errorf("event %s %d %s", ev.Type, ev.Counter, ev.Data)
		}
	}

	// the manager sets the hall's line, announces, refuses a phone number in
	// an announcement, and has counter 3 serve shop licences too, today
	n0 = len(allEvents(t, e.eng))
	msg := `document.getElementById("msg").textContent === "%s"`
	err = chromedp.Do(boss,
		chromedp.SendKeys(chromedp.CSS(`form[data-action="ticker"] input[name="text_ar"]`), "المركز يعمل حتى الثالثة"),
		chromedp.SendKeys(chromedp.CSS(`form[data-action="ticker"] input[name="text_en"]`), "Open until three"),
		chromedp.Click(chromedp.CSS(`form[data-action="ticker"] button`)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(msg, "تم"), within),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("msg").textContent = ""`),
		chromedp.SendKeys(chromedp.CSS(`form[data-action="announce"] input[name="text_ar"]`), "اتصل على 01012345678"),
		chromedp.Click(chromedp.CSS(`form[data-action="announce"] button`)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(msg, "لا تكتب بيانات شخصية (رقم قومي أو هاتف)"), within),
		chromedp.SetValue(chromedp.CSS(`form[data-action="announce"] input[name="text_ar"]`), "الرجاء الانتظار في الصالة"),
		chromedp.Click(chromedp.CSS(`form[data-action="announce"] button`)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(msg, "تم"), within),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("msg").textContent = ""`),
		chromedp.SetValue(chromedp.CSS(`form.services:has(input[name="counter"][value="3"]) select[name="w_SHOP"]`), "2"),
		chromedp.Click(chromedp.CSS(`form.services:has(input[name="counter"][value="3"]) button`)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(msg, "تم"), within),
	)
	if err != nil {
		t.Fatalf("the manager's actions: %v (message %q)", err, text(boss, "#msg"))
	}
	hall, err := e.eng.Hall(context.Background())
	if err != nil || hall.Ticker == nil || hall.Ticker.EN != "Open until three" || hall.Announcement == nil ||
		hall.Announcement.Text.AR != "الرجاء الانتظار في الصالة" {
		t.Errorf("hall %+v %v", hall, err)
	}
	cs, err := e.eng.CountersToday(context.Background())
	if err != nil || len(cs) != 3 || !cs[2].Override || len(cs[2].Services) != 2 || cs[2].Services[1].Code != "SHOP" || cs[2].Services[1].Weight != 2 {
		t.Errorf("counters today %+v %v", cs, err)
	}
	for _, ev := range allEvents(t, e.eng)[n0:] {
		if !strings.Contains(ev.Data, `"actor":"boss"`) {
			t.Errorf("event %s %s", ev.Type, ev.Data)
		}
	}

	// the clerk may not see the manager's pages
	for _, path := range []string{"/manager", "/manager/report", "/manager/report.csv", "/manager/plots"} {
		status, err := js[int](mona, `fetch("`+path+`").then(r => r.status)`)
		if err != nil || status != http.StatusForbidden {
			t.Errorf("clerk GET %s: %d %v", path, status, err)
		}
	}

	// no session: refused; from another origin, even with the session: refused
	stranger := tab()
	if err := chromedp.Do(stranger, chromedp.Navigate(hs.URL+"/signin")); err != nil {
		t.Fatal(err)
	}
	n := len(allEvents(t, e.eng))
	if status, err := js[int](stranger, `fetch("/counter/1/next", {method: "POST"}).then(r => r.status)`); err != nil || status != http.StatusUnauthorized {
		t.Errorf("without a session: %d %v", status, err)
	}
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<!doctype html><form id="f" method="post" action="%s/counter/1/next"></form>`+
			`<script>fetch("%s/counter/1/next", {method: "POST", mode: "no-cors", credentials: "include"}).finally(() => { document.title = "sent"; document.getElementById("f").submit(); });</script>`, hs.URL, hs.URL)
	}))
	defer evil.Close()
	if err := chromedp.Do(mona, chromedp.Navigate(evil.URL)); err != nil {
		t.Fatal(err)
	}
	var body string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if body = text(mona, "body"); strings.Contains(body, "cross-origin") {
			break
		}
	}
	if !strings.Contains(body, "cross-origin") {
		t.Errorf("the other origin's form: %q", body)
	}
	if evs := allEvents(t, e.eng)[n:]; len(evs) != 0 {
		t.Errorf("refused requests changed the engine: %+v", evs)
	}

	// screenshots, in Arabic and English
	for _, lang := range []string{"ar", "en"} {
		must(t, chromedp.Do(mona, chromedp.Navigate(hs.URL+"/counter/1"), chromedp.WaitVisible(chromedp.CSS(`#link.live`))))
		shot(t, mona, shots, "console-counter-"+lang)
		must(t, chromedp.Do(boss, chromedp.Navigate(hs.URL+"/manager"), chromedp.WaitVisible(chromedp.CSS(`#services tr`))))
		shot(t, boss, shots, "console-dashboard-"+lang)
		must(t, chromedp.Do(boss, chromedp.Navigate(hs.URL+"/manager/report"), chromedp.WaitVisible(chromedp.CSS(`svg`))))
		shot(t, boss, shots, "console-report-"+lang)
		if lang == "ar" {
			for _, c := range []context.Context{mona, boss} {
				must(t, chromedp.Do(c, chromedp.Navigate(hs.URL+"/counter/1"), chromedp.Click(chromedp.CSS(`header form button`)),
					chromedp.WaitReady(chromedp.CSS(`body`))))
			}
		}
	}
}

// current is the ticket counter n has called or serves.
func current(t *testing.T, e *env, n int) queue.Ticket {
	t.Helper()
	st, err := e.eng.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range st.Counters {
		if c.Number == n && c.Current != "" {
			tk, err := e.eng.TicketByLabel(context.Background(), c.Current)
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
	}
	t.Fatalf("counter %d has no ticket", n)
	return queue.Ticket{}
}

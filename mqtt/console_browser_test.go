package mqtt_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tabour/mqtt/mqtttest"
	"tabour/queue"
)

// A clerk in a real headless Chromium (Debian's chromium, scripts/deps.sh)
// signs in to the console, is taken to their counter, sees the appliance
// live, calls the next ticket with the N key, starts and finishes it with
// the buttons: the page shows each change within a second, a refusal in
// words, and the engine's events name the clerk.
func TestConsoleInChromium(t *testing.T) {
	e := newEnv(t, mqtttest.Embedded, envOpts{upstreamDisabled: true})
	hs := runConsole(t, e)
	tk := e.issue("BLD")

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // starts the browser, on a context without a deadline
		t.Fatalf("chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()

	before := len(allEvents(t, e.eng))
	within := chromedp.WithPollingTimeout(time.Second)
	err := chromedp.Do(ctx,
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="name"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), "mona"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), "mona-pw"),
		chromedp.Submit(chromedp.CSS(`input[name="password"]`)),
		chromedp.WaitVisible(chromedp.ID("console")),
		chromedp.WaitVisible(chromedp.CSS(`#link.live`)),
		chromedp.KeyEvent("n"),
		chromedp.Poll[chromedp.Void](`document.getElementById("ticket").textContent === "`+tk.Label+`"`, within),
		chromedp.Click(chromedp.CSS(`button[data-action="start"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("tstate").textContent === "قيد الخدمة"`, within),
	)
	text := func(sel string) string {
		v, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		return v
	}
	link, ticket, msg := text("#link"), text("#ticket"), text("#msg")
	if err != nil {
		t.Fatalf("browser: %v (link %q, ticket %q, message %q)", err, link, ticket, msg)
	}
	dir, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "dir"))
	if err != nil || dir.Value != "rtl" || !strings.Contains(link, "متصل") || ticket != tk.Label || msg != "تم" {
		t.Fatalf("page: dir %q %v, link %q, ticket %q, message %q", dir.Value, err, link, ticket, msg)
	}
	// with nobody waiting, the next call is refused in words
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[data-action="done"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("tstate").textContent === "لا أحد"`, within),
		chromedp.KeyEvent("n"),
		chromedp.Poll[chromedp.Void](`document.getElementById("msg").textContent === "لا أحد في الانتظار"`, within),
	)
	if err != nil {
		t.Fatalf("refusal: %v (message %q)", err, text("#msg"))
	}
	evs := allEvents(t, e.eng)[before:]
	if len(evs) != 3 || evs[0].Type != queue.EvCalled || evs[1].Type != queue.EvStarted || evs[2].Type != queue.EvDone {
		t.Fatalf("events %+v", evs)
	}
	for _, ev := range evs {
		var d struct {
			IssuedBy string `json:"issued_by"`
			Actor    string `json:"actor"`
		}
		if err := json.Unmarshal([]byte(ev.Data), &d); err != nil || d.IssuedBy != "con1" || d.Actor != "mona" {
			t.Errorf("event %s: %s", ev.Type, ev.Data)
		}
	}
}

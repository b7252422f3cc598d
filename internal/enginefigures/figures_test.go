package enginefigures_test

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"math"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"net/http/cookiejar"
	"net/http/httptest"

	_ "github.com/mattn/go-sqlite3"

	"tabour/console"
	"tabour/internal/enginefigures"
	tl "tabour/lang"
	"tabour/mqtt/contract"
	"tabour/queue"
)

// frozenClock reads what it was set to.
type frozenClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *frozenClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *frozenClock) set(hhmm string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-22 "+hhmm, cairo)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// cairo is a fixed zone two hours east, as Cairo is in winter: the test
// reads the same on any machine.
var cairo = time.FixedZone("EET", 2*3600)

var scenarioServices = []queue.Service{
	{Code: "BLD", Prefix: "A", Name: tl.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"}, TargetWaitMin: 10, AvgServiceMin: 10},
	{Code: "SHOP", Prefix: "B", Name: tl.Text{AR: "ترخيص تشغيل محل", EN: "Shop licence"}, TargetWaitMin: 20, AvgServiceMin: 6},
}

var scenarioCounters = []queue.Counter{
	{Number: 1, Label: tl.Text{AR: "شباك ١", EN: "Window 1"},
		Services: []queue.CounterService{{Code: "BLD", Weight: 1}, {Code: "SHOP", Weight: 1}}},
	{Number: 2, Label: tl.Text{AR: "شباك ٢", EN: "Window 2"}, Services: []queue.CounterService{{Code: "SHOP", Weight: 1}}},
}

// scenario runs a scripted morning on a real engine (a SQLite file) with
// a frozen clock, and leaves the clock at 08:41:
//
//	07:55 counters 1 and 2 open
//	08:00 A001 issued (BLD)      08:02 A002 issued (BLD)     08:04 B001 issued (SHOP)
//	08:06 counter 1 calls A001 (waited 6:00)     08:07 starts it
//	08:10 counter 2 calls B001 (waited 6:00)     08:11 B001 is a no-show (not recycled)
//	08:15 counter 1 finishes A001 (service 8:00, handling 9:00)
//	08:16 counter 1 calls A002 (waited 14:00, past the 10:00 target)   08:17 starts it
//	08:20 counter 2 pauses for prayer
//	08:27 counter 1 finishes A002 (service 10:00, handling 11:00)
//	08:28 A002 is rated 2 (slow)    08:29 A001 is rated 5 (quick, polite)
//	08:30 A003 issued (BLD)
func scenario(t testing.TB) (*queue.Engine, *frozenClock) {
	t.Helper()
	ctx := context.Background()
	clock := &frozenClock{}
	clock.set("07:55")
	opts := queue.DefaultOptions()
	opts.Device, opts.Clock, opts.Location, opts.RecycleNoShows, opts.DedupWindow = "kiosk1", clock, cairo, 0, 0
	eng, err := queue.Open(ctx, filepath.Join(t.TempDir(), "tabour.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	if err := eng.SyncCatalog(ctx, scenarioServices, scenarioCounters); err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []int{1, 2} {
		must(nil, eng.SetCounterState(ctx, n, queue.CounterOpen, ""))
	}
	issue := func(at, svc string) {
		clock.set(at)
		must(eng.Issue(ctx, queue.IssueRequest{Service: svc}))
	}
	at := func(hhmm string, f func(context.Context, int) (queue.Ticket, error), counter int) {
		clock.set(hhmm)
		must(f(ctx, counter))
	}
	issue("08:00", "BLD")
	issue("08:02", "BLD")
	issue("08:04", "SHOP")
	at("08:06", eng.CallNext, 1)
	at("08:07", eng.Start, 1)
	at("08:10", eng.CallNext, 2)
	at("08:11", eng.NoShow, 2)
	at("08:15", eng.Done, 1)
	at("08:16", eng.CallNext, 1)
	at("08:17", eng.Start, 1)
	clock.set("08:20")
	must(nil, eng.SetCounterState(ctx, 2, queue.CounterPaused, "prayer"))
	at("08:27", eng.Done, 1)
	rate := func(at, label string, score int, reasons ...string) {
		clock.set(at)
		tk, err := eng.TicketByLabel(ctx, label)
		must(nil, err)
		must(eng.Rate(ctx, tk.ID, score, reasons))
	}
	rate("08:28", "A002", 2, "slow")
	rate("08:29", "A001", 5, "quick", "polite")
	issue("08:30", "BLD")
	clock.set("08:41")
	return eng, clock
}

func scenarioServer(t testing.TB, eng *queue.Engine, clock *frozenClock) (*console.Server, *console.Accounts) {
	t.Helper()
	acc, _, err := console.OpenAccounts(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := console.New(console.Opts{URL: "tcp://127.0.0.1:1", Username: "kiosk1-console", Password: "x", Center: "c1",
		Appliance: "kiosk1", Accounts: acc, Retry: time.Second, Now: clock.Now, Figures: enginefigures.New(eng),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return s, acc
}

// The dashboard's figures equal those worked out by hand for the
// scripted morning.
func TestDashboardScenario(t *testing.T) {
	eng, clock := scenario(t)
	s, _ := scenarioServer(t, eng, clock)
	d := s.Dashboard(context.Background(), console.EN)
	if d.Day != "2026-11-22" || d.AsOf != "08:41:00" || d.Error != "" {
		t.Fatalf("dashboard %+v", d)
	}
	est := func(r console.ServiceRow) console.ServiceRow { r.EstimateS = nil; return r }
	want := []console.ServiceRow{
		// A003 waits 11:00, past the 10:00 target; A001 waited 6:00, A002 14:00;
		// they were served in 8:00 and 10:00; one of two within target
		{Service: "BLD", Prefix: "A", Name: "Building permit", Waiting: 1, LongestWaitS: 11 * 60, TargetS: 600, Breach: true,
			Served: 2, MeanWaitS: 600, MeanServiceS: 540, WithinTarget: 50, NoShowRate: 0, Called: 2,
			Ratings: 2, RatingMean: 3.5},
		// B001 called after 6:00 (within 20:00), a no-show
		{Service: "SHOP", Prefix: "B", Name: "Shop licence", Waiting: 0, TargetS: 1200,
			Served: 0, MeanWaitS: 360, WithinTarget: 100, NoShowRate: 100, Called: 1},
	}
	if len(d.Services) != 2 || est(d.Services[0]) != want[0] || est(d.Services[1]) != want[1] {
		t.Errorf("services\n got %+v\nwant %+v", d.Services, want)
	}
	if d.Services[0].EstimateS == nil { // counter 1 is open and serves BLD: the wait is known
		t.Error("BLD: no estimate")
	}
	// the bus is down here: no idle times (the console's own test covers them)
	wantC := []console.CounterRow{
		{Number: 1, Label: "Window 1", State: "open", Served: 2, Ratings: 2, RatingMean: 3.5},
		{Number: 2, Label: "Window 2", State: "paused", Reason: "prayer"},
	}
	if len(d.Counters) != 2 || d.Counters[0] != wantC[0] || d.Counters[1] != wantC[1] {
		t.Errorf("counters\n got %+v\nwant %+v", d.Counters, wantC)
	}

	charts, err := s.Plots(context.Background(), "2026-11-22", console.EN)
	if err != nil || len(charts) != 6 {
		t.Fatalf("plots: %d %v", len(charts), err)
	}
	nan := math.NaN()
	// people waiting each quarter hour from 08:00: BLD A001 (08:00), A002
	// (08:15), A003 (08:30, issued then: it counts), and the clock stops
	// at 08:41; SHOP: B001 from 08:04 to its call at 08:10
	w := charts[0]
	if got := w.Series[0].Values[:5]; !same(got, []float64{1, 1, 1, nan, nan}) || w.Series[0].Name != "A · Building permit" {
		t.Errorf("waiting BLD %v (%s)", got, w.Series[0].Name)
	}
	if got := w.Series[1].Values[:3]; !same(got, []float64{0, 0, 0}) || w.Categories[0] != "08" || w.Categories[4] != "09" {
		t.Errorf("waiting SHOP %v, categories %q", got, w.Categories[:5])
	}
	// mean wait of those first called in the 8 o'clock hour: BLD 10:00, SHOP 6:00
	mw := charts[1]
	if mw.Series[0].Values[0] != 10 || mw.Series[1].Values[0] != 6 {
		t.Errorf("mean wait %v %v", mw.Series[0].Values[:2], mw.Series[1].Values[:2])
	}
	// arrivals in the 8 o'clock hour: 4; served: 2; capacity: counter 1
	// open 41 min, counter 2 20 min, at 10:00 mean handling: 6.1
	a := charts[2]
	if a.Categories[0] != "08" || a.Series[0].Values[0] != 4 || a.Series[1].Values[0] != 2 || a.Series[2].Values[0] != 6.1 ||
		!math.IsNaN(a.Series[2].Values[1]) {
		t.Errorf("arrivals %q %v %v %v", a.Categories[:2], a.Series[0].Values[:2], a.Series[1].Values[:2], a.Series[2].Values[:2])
	}
	// service times at counter 1: 8:00 in 5–10, 10:00 in 10–15
	st := charts[3]
	if len(st.Series) != 1 || !same(st.Series[0].Values, []float64{0, 0, 1, 1, 0, 0, 0}) || st.Series[0].Name != "Counter 1" {
		t.Errorf("service time %+v", st.Series)
	}
	// nothing was promised (no kiosk told a wait): no accuracy to plot
	if acc := charts[4]; len(acc.Categories) != 0 {
		t.Errorf("accuracy %+v", acc)
	}
	// ratings in the 8 o'clock hour: one unhappy, none neither, one happy
	if r := charts[5]; r.Series[0].Values[0] != 1 || r.Series[1].Values[0] != 0 || r.Series[2].Values[0] != 1 {
		t.Errorf("ratings %+v", r.Series)
	}
}

func same(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// The daily CSV has a row per ticket and no personal data: no national
// ID, no phone number (scanned cell by cell), no name column.
func TestReportCSV(t *testing.T) {
	eng, clock := scenario(t)
	s, accs := scenarioServer(t, eng, clock)
	if err := accs.Put(console.Account{Name: "boss", Role: console.RoleManager}, "boss-pw"); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	jar, _ := cookiejar.New(nil)
	c := *hs.Client()
	c.Jar = jar
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/signin", strings.NewReader("name=boss&password=boss-pw"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("sign in: %v %v", resp, err)
	}
	resp, err := c.Get(hs.URL + "/manager/report.csv?day=2026-11-22")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("csv: %d %v", resp.StatusCode, err)
	}
	header := "ref,ticket,service,state,priority,kind,counter,issued_at,first_called_at,called_at,started_at,ended_at," +
		"wait_s,service_s,recalls,no_shows,transfers,call_reason,rating,rating_reasons"
	if len(rows) != 5 || strings.Join(rows[0], ",") != header {
		t.Fatalf("rows %q", rows)
	}
	if got := strings.Join(rows[1], ","); got != "20261122-A001,A001,BLD,done,none,submit,1,2026-11-22T08:00:00+02:00,"+
		"2026-11-22T08:06:00+02:00,2026-11-22T08:06:00+02:00,2026-11-22T08:07:00+02:00,2026-11-22T08:15:00+02:00,360,480,0,0,0,fifo,"+
		"5,quick polite" {
		t.Errorf("first row %s", got)
	}
	for _, r := range rows {
		for _, cell := range r {
			if contract.LooksPersonal(cell) || len(contract.FindPersonal(cell)) > 0 {
				t.Errorf("personal data in %q", cell)
			}
		}
	}
	for _, col := range rows[0] {
		if strings.Contains(col, "name") || strings.Contains(col, "phone") || strings.Contains(col, "nid") {
			t.Errorf("column %q", col)
		}
	}
	for _, bad := range []string{"?day=2026-13-40", "?day=x"} {
		r, _ := c.Get(hs.URL + "/manager/report.csv" + bad)
		r.Body.Close()
		if r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", bad, r.StatusCode)
		}
	}
}

package flow_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/devices/printer/printertest"
	"tabour/kiosk/flow"
	"tabour/lang"
	"tabour/nationalid"
	"tabour/queue"
	"tabour/ui/i18n"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type bookings map[string]flow.Booking

func (b bookings) Find(_ context.Context, ref string) (flow.Booking, bool, error) {
	x, ok := b[ref]
	return x, ok, nil
}

// smsLog seals a number to a stand-in box (two SHA-256 of it, in
// base64) and records what it sealed and kept.
type smsLog struct{ sealed, kept []string }

func fakeBox(mobile string) string {
	h := sha256.Sum256([]byte(mobile))
	return base64.StdEncoding.EncodeToString(append(h[:], h[:]...))
}

func (s *smsLog) Seal(mobile string) (string, error) {
	s.sealed = append(s.sealed, mobile)
	return fakeBox(mobile), nil
}

func (s *smsLog) Keep(_ context.Context, t queue.Ticket, sealed string) error {
	s.kept = append(s.kept, t.Label+":"+sealed)
	return nil
}

type rig struct {
	*flow.Flow
	t       *testing.T
	eng     *queue.Engine
	printer *printertest.Printer
	clock   *clock
	sms     *smsLog
	path    string
	quit    bool
	withSMS bool
}

var cairo, _ = time.LoadLocation("Africa/Cairo")

func newRig(t *testing.T, withSMS bool) *rig {
	t.Helper()
	ctx := context.Background()
	cfg := config.Default()
	cat, err := cfg.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Date(2026, 11, 22, 10, 0, 0, 0, cairo)}
	opts, err := cfg.QueueOptions()
	if err != nil {
		t.Fatal(err)
	}
	opts.Clock = c
	r := &rig{t: t, printer: printertest.New(), clock: c, sms: &smsLog{}, path: filepath.Join(t.TempDir(), "tabour.db")}
	if r.eng, err = queue.Open(ctx, r.path, opts); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.eng.Close() })
	if err := r.eng.SyncCatalog(ctx, cat.Services, cfg.QueueCounters()); err != nil {
		t.Fatal(err)
	}
	for _, ct := range cfg.QueueCounters() {
		if err := r.eng.SetCounterState(ctx, ct.Number, queue.CounterOpen, ""); err != nil {
			t.Fatal(err)
		}
	}
	r.withSMS = withSMS
	r.Flow = newFlowWithPrinter(r, r.printer)
	return r
}

// newFlowWithPrinter builds the rig's flow around a printer.
func newFlowWithPrinter(r *rig, prn printer.Printer) *flow.Flow {
	c := r.clock
	cfg := config.Default()
	cat, _ := cfg.Catalog()
	deps := flow.Deps{Engine: r.eng, Printer: prn, Catalog: cat, Clock: c, Quit: func() { r.quit = true },
		Appointments: bookings{"4711": {Service: "RECON-REQ", At: c.Now().Add(10 * time.Minute)}}}
	if r.withSMS {
		deps.SMS = r.sms
	}
	return flow.New(flow.Options{
		Center:   lang.Text{AR: "المركز التكنولوجي بمجلس مدينة فايد", EN: "Fayed City Council Technology Center"},
		Language: lang.AR, ArabicDigits: true, IdleTimeout: time.Minute, TicketBaseURL: "https://tabour.example/t/",
		NIDKey: []byte("0123456789abcdef0123456789abcdef"), ElderlyAge: 65, PriorityEvery: 3, AdminPIN: "2468",
		Common: []string{"BLD-PERMIT", "RECON-REQ", "SHOP-LICENCE", "COLLECT"}, Location: cairo,
		ApptEarly: 15 * time.Minute, ApptLate: 10 * time.Minute,
	}, deps)
}

func (r *rig) expect(s flow.Screen) {
	r.t.Helper()
	if r.Screen() != s {
		r.t.Fatalf("on screen %s, want %s", r.Screen(), s)
	}
}

func (r *rig) typeDigits(s string) {
	for _, d := range s {
		r.Digit(d)
	}
}

// tickets reads the tickets the queue engine stored today.
func (r *rig) tickets() []queue.Ticket {
	r.t.Helper()
	ts, err := r.eng.Tickets(context.Background(), r.eng.Today())
	if err != nil {
		r.t.Fatal(err)
	}
	return ts
}

func TestWalkInCommonServiceInThreeTaps(t *testing.T) {
	r := newRig(t, false)
	for i, code := range []string{"BLD-PERMIT", "RECON-REQ", "SHOP-LICENCE", "COLLECT"} {
		r.ChooseService(code)
		r.expect(flow.Service)
		r.GetTicket()
		r.expect(flow.Confirm)
		r.ConfirmTap()
		r.expect(flow.Ticket)
		if r.Taps() > 3 {
			t.Fatalf("%s took %d taps", code, r.Taps())
		}
		t.Logf("%s: ticket in %d taps", code, r.Taps())
		iss := r.Issued()
		if iss.PrintErr != nil || len(r.printer.Printed()) != i+1 {
			t.Fatalf("print: %v", iss.PrintErr)
		}
		doc := r.printer.Printed()[i]
		if doc.Number != iss.Ticket.Label || !strings.HasSuffix(doc.QR, iss.Ticket.Ref) || doc.Lang != "ar" {
			t.Fatalf("printed %+v", doc)
		}
		r.Done()
		r.expect(flow.Home)
	}
	ts := r.tickets()
	if len(ts) != 4 || ts[0].Label != "A001" || ts[3].Kind != queue.KindCollect {
		t.Fatalf("tickets %+v", ts)
	}
}

func TestSubmitThroughCategories(t *testing.T) {
	r := newRig(t, false)
	r.ChoosePurpose(queue.KindSubmit)
	r.expect(flow.Categories)
	if len(r.Categories()) != 6 {
		t.Fatalf("categories %v", r.Categories())
	}
	r.ChooseCategory("outputs") // only complaints are applications there
	r.expect(flow.Service)
	if r.Service().Code != "COMPLAINT" {
		t.Fatal(r.Service().Code)
	}
	r.Back()
	r.expect(flow.Categories)
	r.ChooseCategory("licences")
	r.expect(flow.Services)
	r.ChooseService("ROAD-OCCUPY")
	r.GetTicket()
	r.ConfirmTap()
	if got := r.Issued().Ticket; got.Service != "ROAD-OCCUPY" || got.Kind != queue.KindSubmit {
		t.Fatalf("ticket %+v", got)
	}
	r.Back() // from the ticket screen: home
	r.expect(flow.Home)
}

func TestCollectAndInquiry(t *testing.T) {
	r := newRig(t, false)
	r.ChoosePurpose(queue.KindCollect)
	r.expect(flow.Service) // one service collects: straight to it
	if r.Service().Code != "COLLECT" {
		t.Fatal(r.Service().Code)
	}
	r.GetTicket()
	r.ConfirmTap()
	r.Done()
	r.ChoosePurpose(queue.KindInquiry)
	r.expect(flow.Inquiry)
	r.typeDigits("20261234")
	r.Next()
	r.expect(flow.Confirm)
	r.ConfirmTap()
	ts := r.tickets()
	if ts[0].Kind != queue.KindCollect || ts[1].Service != "INQUIRY" || ts[1].Kind != queue.KindInquiry {
		t.Fatalf("tickets %+v", ts)
	}
}

func TestAppointmentCheckIn(t *testing.T) {
	r := newRig(t, false)
	r.ChooseAppointment()
	r.expect(flow.Appointment)
	r.typeDigits("9999")
	r.Next()
	if r.InputError() == nil || r.Screen() != flow.Appointment {
		t.Fatal("unknown booking accepted")
	}
	r.Clear()
	r.typeDigits("4711")
	r.Next()
	r.expect(flow.Confirm)
	r.ConfirmTap()
	tk := r.Issued().Ticket
	if tk.Service != "RECON-REQ" || tk.AppointmentAt.IsZero() {
		t.Fatalf("appointment ticket %+v", tk)
	}
	if !strings.Contains(r.Issued().Doc.Wait, "١٠:١٠") {
		t.Fatalf("ticket should show the appointment time: %q", r.Issued().Doc.Wait)
	}
}

func TestAppointmentTooEarly(t *testing.T) {
	r := newRig(t, false)
	r.clock.Advance(-time.Hour)
	r.ChooseAppointment()
	r.typeDigits("4711")
	r.Next()
	if e := r.InputError(); e == nil || !strings.Contains(e.AR, "موعدك") {
		t.Fatalf("early check-in: %+v", e)
	}
}

func nid(first13 string) string {
	n, err := nationalid.Complete(first13)
	if err != nil {
		panic(err)
	}
	return n
}

func TestNationalIDPriorityAndSMS(t *testing.T) {
	r := newRig(t, true)
	id := nid("2900512" + "21" + "4567") // born 1990 in Giza
	r.ChooseService("SHOP-LICENCE")
	r.AddDetails()
	r.expect(flow.NationalID)
	r.typeDigits(id)
	r.Next()
	r.expect(flow.Priority)
	if r.Keypad() != "" || r.Elderly() || !r.HasNationalID() {
		t.Fatal("ID digits kept, or wrong age")
	}
	r.ChoosePriority(queue.PriorityDisability)
	r.expect(flow.Mobile)
	r.typeDigits("0991234567")
	r.Next()
	if r.InputError() == nil {
		t.Fatal("bad mobile accepted")
	}
	r.Clear()
	r.typeDigits("01012345678")
	r.Next()
	r.expect(flow.Confirm)
	r.ConfirmTap()
	tk := r.Issued().Ticket
	if tk.Priority != queue.PriorityDisability || len(r.sms.sealed) != 1 || r.sms.sealed[0] != "01012345678" || len(r.sms.kept) != 0 {
		t.Fatalf("ticket %+v sms sealed %v kept %v", tk, r.sms.sealed, r.sms.kept)
	}
	// The box was stored with the ticket, in its transaction.
	boxes, err := r.eng.SMSBoxes(context.Background())
	if err != nil || len(boxes) != 1 || boxes[0].TicketID != tk.ID || boxes[0].Sealed != fakeBox("01012345678") {
		t.Fatalf("sms boxes %+v, %v", boxes, err)
	}
	assertNoIDStored(t, r, id)
}

// assertNoIDStored checks the database holds only a hash of the ID.
func assertNoIDStored(t *testing.T, r *rig, id string) {
	t.Helper()
	db, err := sql.Open("sqlite3", r.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var hashes, events string
	if err := db.QueryRow("SELECT group_concat(nid_hash) FROM tickets").Scan(&hashes); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT group_concat(data || ticket || reason) FROM events").Scan(&events); err != nil {
		t.Fatal(err)
	}
	if hashes == "" || strings.Contains(hashes+events, id) || strings.Contains(hashes+events, id[1:7]) {
		t.Fatalf("national ID leaked: hashes %q", hashes)
	}
	for _, d := range r.printer.Printed() {
		if strings.Contains(strings.Join([]string{d.Header, d.Number, d.Service, d.Counter, d.Ahead, d.Wait, d.Issued, d.QR, d.Footer}, " "), id) {
			t.Fatal("national ID printed")
		}
	}
}

func TestElderlyGetPriorityFromTheirID(t *testing.T) {
	r := newRig(t, false)
	r.ChooseService("BLD-PERMIT")
	r.AddDetails()
	r.typeDigits(nid("2500101" + "01" + "2345")) // born 1950: 76 years old
	r.Next()
	r.expect(flow.Confirm) // no priority screen: no tap needed
	if !r.Elderly() || r.ChosenPriority() != queue.PriorityElderly {
		t.Fatal("no automatic senior priority")
	}
	r.ChangePriority() // a senior cannot be dropped to "none" by a stray tap
	r.expect(flow.Priority)
	if slices.Contains(r.PriorityChoices(), queue.PriorityNone) {
		t.Fatal("a detected senior is offered no priority")
	}
	r.ChoosePriority(queue.PriorityNone)
	r.expect(flow.Priority)
	r.ChoosePriority(queue.PriorityElderly)
	r.expect(flow.Confirm) // back where the citizen came from
	r.ConfirmTap()
	if r.Issued().Ticket.Priority != queue.PriorityElderly || r.printer.Printed()[0].Priority == "" {
		t.Fatal(r.Issued().Ticket.Priority, r.printer.Printed()[0].Priority)
	}
}

func TestYoungerIDCannotDeclareSenior(t *testing.T) {
	r := newRig(t, false)
	r.ChooseService("BLD-PERMIT")
	r.AddDetails()
	r.typeDigits(nid("2900101" + "01" + "2345")) // 36 years old
	r.Next()
	r.expect(flow.Priority)
	if slices.Contains(r.PriorityChoices(), queue.PriorityElderly) {
		t.Fatal("senior offered to an ID under the age")
	}
	r.ChoosePriority(queue.PriorityElderly)
	r.expect(flow.Priority)
	if r.ChosenPriority() != queue.PriorityNone {
		t.Fatal(r.ChosenPriority())
	}
}

func TestPriorityFromTheConfirmation(t *testing.T) {
	r := newRig(t, false)
	r.ChooseService("BLD-PERMIT")
	r.GetTicket()
	r.expect(flow.Confirm)
	r.ChangePriority()
	r.expect(flow.Priority)
	r.ChoosePriority(queue.PriorityDisability)
	r.expect(flow.Confirm)
	r.ConfirmTap()
	if r.Issued().Ticket.Priority != queue.PriorityDisability {
		t.Fatal(r.Issued().Ticket.Priority)
	}
}

func TestInvalidIDReasons(t *testing.T) {
	cases := map[string]string{
		"2900101012345":                "14",       // too short
		nid("2901301" + "01" + "2345"): "تاريخ",    // month 13
		nid("2900101" + "05" + "2345"): "محافظة",   // no governorate 05
		nid("4900101" + "01" + "2345"): "يبدأ",     // century digit
		nid("3300101" + "01" + "2345"): "المستقبل", // born 2030
	}
	for in, want := range cases {
		r := newRig(t, false)
		r.ChooseService("BLD-PERMIT")
		r.AddDetails()
		r.typeDigits(in)
		r.Next()
		e := r.InputError()
		if r.Screen() != flow.NationalID || e == nil || !strings.Contains(e.AR, want) || e.EN == "" {
			t.Errorf("%s: screen %s, error %+v, want Arabic reason containing %q", in, r.Screen(), e, want)
		}
		if strings.Contains(e.AR+e.EN, in) {
			t.Errorf("%s: the reason repeats the number", in)
		}
		if len(r.tickets()) != 0 {
			t.Error("a ticket was issued")
		}
	}
}

func TestScannerInput(t *testing.T) {
	r := newRig(t, false)
	r.Scan("29001010123456") // on the home screen: ignored
	r.expect(flow.Home)
	r.ChooseService("BLD-PERMIT")
	r.AddDetails()
	r.Scan("٢٩٠٠١٠١٠١٢٣4X") // garbage from a scanner: refused with a reason
	if r.InputError() == nil || r.Screen() != flow.NationalID {
		t.Fatal("garbage scan accepted")
	}
	r.Scan("\x1b[A\r") // no digits at all: not read, said so
	if e := r.InputError(); e == nil || !strings.Contains(e.EN, "not read") || r.Screen() != flow.NationalID {
		t.Fatalf("empty scan: %+v on %s", e, r.Screen())
	}
	r.Scan(nid("2900101" + "01" + "2345"))
	r.expect(flow.Priority)
}

func TestKeypadSaysWhenFull(t *testing.T) {
	r := newRig(t, false)
	r.ChooseService("BLD-PERMIT")
	r.AddDetails()
	r.typeDigits("290010101234567")
	if r.Keypad() != "29001010123456" || r.KeypadMax() != 14 {
		t.Fatal(r.Keypad())
	}
	if e := r.InputError(); e == nil || !strings.Contains(e.EN, "14 digits") || !strings.Contains(e.AR, "14 رقمًا") {
		t.Fatalf("%+v", e)
	}
}

func TestDuplicateShowsTheExistingTicket(t *testing.T) {
	r := newRig(t, false)
	id := nid("2900101" + "01" + "2345")
	for range 2 {
		r.ChooseService("BLD-PERMIT")
		r.AddDetails()
		r.typeDigits(id)
		r.Next()
		r.ChoosePriority(queue.PriorityNone)
		r.ConfirmTap()
	}
	if !r.Issued().Duplicate || len(r.tickets()) != 1 {
		t.Fatalf("duplicate: %+v, %d tickets", r.Issued(), len(r.tickets()))
	}
}

func TestIdleTimeoutReturnsHome(t *testing.T) {
	r := newRig(t, false)
	r.ChooseService("BLD-PERMIT")
	r.AddDetails()
	r.typeDigits("2900")
	r.clock.Advance(45 * time.Second)
	if r.Tick() {
		t.Fatal("a redraw 15 s before the timeout")
	}
	r.clock.Advance(5 * time.Second)
	if left, warn := r.IdleLeft(); !r.Tick() || !warn || left != 10*time.Second {
		t.Fatalf("no warning 10 s before: %v %v", left, warn)
	}
	r.StillHere()
	if _, warn := r.IdleLeft(); warn || !r.Tick() || r.Tick() {
		t.Fatal("the warning did not go (once) after the tap")
	}
	r.clock.Advance(59 * time.Second)
	r.Tick()
	r.expect(flow.NationalID)
	r.clock.Advance(2 * time.Second)
	r.Tick()
	r.expect(flow.Home)
	if r.Keypad() != "" || r.HasNationalID() {
		t.Fatal("input kept after timeout")
	}
}

func TestPrinterFailureKeepsTicketOnScreen(t *testing.T) {
	r := newRig(t, false)
	r.printer.SetState(printer.PaperOut)
	r.ChooseService("BLD-PERMIT")
	r.GetTicket()
	r.ConfirmTap()
	r.expect(flow.Ticket)
	iss := r.Issued()
	var perr *printer.Error
	if iss.PrintErr == nil || !asPrinterErr(iss.PrintErr, &perr) || perr.State != printer.PaperOut {
		t.Fatalf("print error %v", iss.PrintErr)
	}
	if len(r.tickets()) != 1 || iss.QR == "" {
		t.Fatal("ticket lost")
	}
	r.clock.Advance(59 * time.Second)
	r.Tick()
	r.expect(flow.Ticket) // three times the ticket timeout, to photograph the code
	r.clock.Advance(2 * time.Second)
	r.Tick()
	r.expect(flow.Home)
}

func TestTicketScreenReturnsHomeSoon(t *testing.T) {
	r := newRig(t, false)
	r.ChooseService("BLD-PERMIT")
	r.GetTicket()
	r.ConfirmTap()
	r.expect(flow.Ticket)
	r.clock.Advance(19 * time.Second)
	r.Tick()
	r.expect(flow.Ticket)
	r.clock.Advance(time.Second)
	r.Tick()
	r.expect(flow.Home) // the next citizen never sees this number
}

func TestEnglishTicket(t *testing.T) {
	r := newRig(t, false)
	r.ToggleLang()
	r.ChooseService("SHOP-LICENCE")
	r.GetTicket()
	r.ConfirmTap()
	d := r.printer.Printed()[0]
	if d.Lang != "en" || d.Service != "Shop operating licence" || !strings.Contains(d.Ahead, "ahead") {
		t.Fatalf("%+v", d)
	}
	r.Done()
	if r.Lang() != lang.AR {
		t.Fatal("the next citizen should start in Arabic")
	}
}

func TestMaintenanceNeedsGestureAndPIN(t *testing.T) {
	r := newRig(t, false)
	for range 4 {
		r.CornerTap()
	}
	r.expect(flow.Home)
	r.CornerTap()
	r.expect(flow.PIN)
	r.typeDigits("1111")
	r.Next()
	if r.Screen() != flow.PIN || r.InputError() == nil {
		t.Fatal("wrong PIN accepted")
	}
	r.typeDigits("2468")
	r.Next()
	r.expect(flow.Admin)
	r.clock.t = r.clock.t.UTC() // the appliance's clock runs in UTC
	r.PrintTest()
	if n := r.AdminNote(); n == nil || n.EN != "The test ticket was printed" || r.printer.Printed()[0].Number != "T000" {
		t.Fatal("print test", n)
	}
	if got := r.printer.Printed()[0].Issued; !strings.Contains(got, "١٠:٠٠") {
		t.Fatalf("the test ticket is not in the center's time: %q", got) // 08:00 UTC is 10:00 in Cairo
	}
	r.Quit()
	if !r.quit {
		t.Fatal("quit not called")
	}
}

func TestThreeWrongPINsGoHome(t *testing.T) {
	r := newRig(t, false)
	for range 5 {
		r.CornerTap()
	}
	for range 3 {
		r.typeDigits("0000")
		r.Next()
	}
	r.expect(flow.Home)
}

func asPrinterErr(err error, target **printer.Error) bool {
	pe, ok := err.(*printer.Error)
	if ok {
		*target = pe
	}
	return ok
}

type inquirer map[string]flow.InquiryAnswer

func (q inquirer) Inquire(_ context.Context, app string) (flow.InquiryAnswer, error) {
	if app == "5555" {
		return flow.InquiryAnswer{}, errors.New("mqtt: no answer")
	}
	a, ok := q[app]
	if !ok {
		return flow.InquiryAnswer{Found: false}, nil
	}
	return a, nil
}

func TestInquiryAskedUpstream(t *testing.T) {
	r := newRig(t, false)
	r.Flow = flow.New(r.Options(), flow.Deps{Engine: r.eng, Printer: r.printer, Catalog: mustCatalog(t), Clock: r.clock,
		Inquirer: inquirer{"1234": {Found: true, Status: lang.Text{AR: "تمت الموافقة", EN: "Approved"}}}})
	r.ChoosePurpose(queue.KindInquiry)
	r.typeDigits("1234")
	r.Next()
	r.expect(flow.Answer)
	if a := r.InquiryAnswer(); !a.Found || a.Status.EN != "Approved" {
		t.Fatalf("answer %+v", a)
	}
	r.Done()
	if len(r.tickets()) != 0 {
		t.Fatal("an answered inquiry took a ticket")
	}
	r.ChoosePurpose(queue.KindInquiry)
	r.typeDigits("9999")
	r.Next()
	r.expect(flow.Answer)
	if r.InquiryAnswer().Found {
		t.Fatal("unknown application found")
	}
	r.AnswerTicket()
	r.expect(flow.Confirm)
	r.HomeTap()
	r.ChoosePurpose(queue.KindInquiry)
	r.typeDigits("5555") // the server does not answer
	r.Next()
	r.expect(flow.Confirm)
	if r.Notice() == nil || !strings.Contains(r.Notice().EN, "did not answer") {
		t.Fatalf("notice %+v", r.Notice())
	}
	r.ConfirmTap()
	if tk := r.Issued().Ticket; tk.Service != "INQUIRY" {
		t.Fatalf("ticket %+v", tk)
	}
}

func mustCatalog(t *testing.T) config.Catalog {
	cat, err := config.Default().Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// The test ticket fills every part of a ticket, in the printer's language.
func TestTestTicket(t *testing.T) {
	center := lang.Text{AR: "مركز فايد", EN: "Fayed center"}
	at := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	ar := flow.TestTicket(i18n.Printer{Lang: lang.AR, ArabicDigits: true}, center, at)
	if ar.Lang != "ar" || ar.Header != center.AR || ar.Number != "T000" || !strings.Contains(ar.Issued, "١٠:٠٠") {
		t.Errorf("Arabic test ticket: %+v", ar)
	}
	en := flow.TestTicket(i18n.Printer{Lang: lang.EN}, center, at)
	if en.Lang != "en" || en.Header != center.EN || en.Number != "T000" {
		t.Errorf("English test ticket: %+v", en)
	}
	for _, doc := range []printer.Ticket{ar, en} {
		if doc.Service == "" || doc.Counter == "" || doc.Ahead == "" || doc.Wait == "" || doc.QR == "" || doc.Footer == "" {
			t.Errorf("test ticket leaves a part empty: %+v", doc)
		}
	}
}

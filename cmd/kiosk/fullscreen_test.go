package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"tabour/config"
	"tabour/lang"
	"tabour/queue"
	"tabour/ui/i18n"
)

var shotsDir = flag.String("shots", os.Getenv("TABOUR_SHOTS"), "keep the fullscreen test's screenshots in `DIR` (also $TABOUR_SHOTS)")

// childEnv makes the test binary run as the kiosk, so the fullscreen test
// drives the very code it was built from (with -race when the test is).
const childEnv = "TABOUR_TEST_RUN_KIOSK"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// longService has names of 120 letters, longer than any in the built-in
// catalog.
var longService = queue.Service{
	Code: "LONG-NAME", Prefix: "ZZ", Category: "certificates", TargetWaitMin: 30, AvgServiceMin: 10,
	Name: lang.Text{
		AR: "طلب شهادة صلاحية الموقع للبناء وتوصيل المرافق العامة من مياه وكهرباء وغاز طبيعي وصرف صحي للعقارات المتصالح عليها نهائيًا",
		EN: "Certificate of site suitability for building and connection of water, electricity, gas and sewerage to reconciled homes",
	},
	Documents: []lang.Text{{AR: "صورة بطاقة الرقم القومي", EN: "Copy of the national ID card"}},
}

// waitLimit bounds every wait for the kiosk; it is generous because the
// kiosk may run under the race detector on a busy machine.
const waitLimit = 30 * time.Second

// TestFullscreenTicketDone runs the kiosk fullscreen on a virtual X screen
// and, by mouse clicks at the targets it lists, issues tickets for the
// services with the longest names, in Arabic and in English. On each
// ticket screen a screenshot must show the header whole at the top and
// "Done" drawn where it is listed; the tap on "Done" must bring the kiosk
// home. A screen laid out taller than the display fails here: the window
// grows past the screen, the header goes off the top, and taps no longer
// land on what is drawn.
func TestFullscreenTicketDone(t *testing.T) {
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (make deps installs xvfb, xdotool and imagemagick)", tool)
		}
	}
	cfgPath, cases := writeConfig(t)
	for _, d := range []struct{ w, h int }{{1280, 800}, {1920, 1080}} {
		t.Run(fmt.Sprintf("%dx%d", d.w, d.h), func(t *testing.T) {
			s := startKiosk(t, cfgPath, d.w, d.h)
			for _, c := range cases {
				s.ticketAndDone(c.lang, c.service)
			}
		})
	}
}

// TestWindowedKeepsItsSize runs the kiosk in a 1280×800 window on a larger
// screen, as `make run` does on a desktop, through the same tickets: the
// window never grows (it used to reach 1160 px high and stay there,
// pushing the navigation off the screen).
func TestWindowedKeepsItsSize(t *testing.T) {
	cfgPath, cases := writeConfig(t)
	s := startKioskOn(t, cfgPath, 1600, 1000, 1280, 800)
	for _, c := range cases {
		s.ticketAndDone(c.lang, c.service)
	}
}

type ticketCase struct {
	lang    lang.Lang
	service queue.Service
}

// writeConfig writes a center with the built-in catalog and longService,
// the services to test on the home screen, no bus, and idle and ticket
// timeouts long enough never to bring the kiosk home during the test.
func writeConfig(t *testing.T) (string, []ticketCase) {
	dir := t.TempDir()
	cfg := config.Default()
	cat, err := cfg.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	var cases []ticketCase
	for _, l := range []lang.Lang{lang.AR, lang.EN} {
		cases = append(cases, ticketCase{l, longestName(cat.Services, l)}, ticketCase{l, longService})
	}
	cat.Services = append(cat.Services, longService)
	data, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	cfg.CatalogFile = filepath.Join(dir, "catalog.json")
	if err := os.WriteFile(cfg.CatalogFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.DataDir = filepath.Join(dir, "data")
	cfg.MQTT = []byte(`{"disabled": true}`)
	cfg.Kiosk.IdleTimeout = config.Duration(30 * time.Minute)
	cfg.Kiosk.TicketTimeout = config.Duration(5 * time.Minute)
	cfg.Kiosk.Common = nil
	for _, c := range cases {
		if !slices.Contains(cfg.Kiosk.Common, c.service.Code) {
			cfg.Kiosk.Common = append(cfg.Kiosk.Common, c.service.Code)
		}
	}
	cfg.Counters[0].Services = append(cfg.Counters[0].Services, queue.CounterService{Code: longService.Code, Weight: 1})
	path := filepath.Join(dir, "tabour.json")
	if err := config.Save(path, cfg); err != nil {
		t.Fatal(err)
	}
	return path, cases
}

// longestName returns the service whose name in language has the most
// letters.
func longestName(svcs []queue.Service, language lang.Lang) queue.Service {
	return slices.MaxFunc(svcs, func(a, b queue.Service) int {
		return utf8.RuneCountInString(name(a, language)) - utf8.RuneCountInString(name(b, language))
	})
}

func name(s queue.Service, language lang.Lang) string { return s.Name.In(language) }

// ticketAndDone goes from home to a printed ticket for svc in language,
// checks the ticket screen as drawn and taps "Done" where it is listed.
// Problems on the ticket screen are all reported before the tap.
func (s *session) ticketAndDone(language lang.Lang, svc queue.Service) {
	s.t.Helper()
	p := i18n.Printer{Lang: language}
	home := s.waitFor("the home screen", func(l layout) bool { return l.Screen == "home" })
	if home.Lang != string(language) {
		s.tap("home", i18n.Printer{Lang: lang.Lang(home.Lang)}.T("lang.toggle"))
		s.waitFor("the home screen in "+string(language), func(l layout) bool { return l.Screen == "home" && l.Lang == string(language) })
	}
	steps := []struct{ screen, label, next string }{
		{"home", name(svc, language), "service"},
		{"service", p.T("service.get"), "confirm"},
		{"confirm", p.T("confirm.print"), "ticket"},
	}
	for _, st := range steps {
		s.tap(st.screen, st.label)
		s.waitFor(fmt.Sprintf("the %s screen after tapping %q", st.next, st.label), func(l layout) bool { return l.Screen == st.next })
	}
	var l layout
	var img *image.NRGBA
	err := s.poll(func() (err error) {
		if l, err = s.layout(); err != nil {
			return err
		}
		if img, err = s.screenshot(); err != nil {
			return err
		}
		return s.checkTicket(l, img, p)
	})
	shot := fmt.Sprintf("%s-%s-%s-ticket", s.name, language, svc.Code)
	if img != nil {
		s.savePNG(shot, img)
	}
	if err != nil {
		s.t.Errorf("ticket screen for %s in %s, as drawn (%s.png):\n%v", svc.Code, language, shot, err)
	}
	done, err := l.find(p.T("ticket.done"))
	if err != nil {
		s.t.Fatal(err)
	}
	s.click(l, done)
	s.waitFor(fmt.Sprintf("the home screen after tapping %q on the ticket for %s", p.T("ticket.done"), svc.Code),
		func(l layout) bool { return l.Screen == "home" })
	if s.t.Failed() {
		s.t.FailNow()
	}
}

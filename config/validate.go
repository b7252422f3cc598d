package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"

	"tabour/lang"
	"tabour/queue"
)

var (
	centerCodeRE = regexp.MustCompile(`^[a-z0-9-]{2,32}$`)
	deviceRE     = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)
)

// Limits on the config's numbers and durations.
const (
	MaxCounters       = 99
	MaxWeight         = 10
	maxNumberWidth    = 6
	maxPriorityEvery  = 100
	maxRecycleNoShows = 10
	maxEstimateWindow = 1000
	maxServiceMin     = 240
)

// Validate checks every field (see the package documentation for the rules)
// and the catalog the config offers. It reports all problems it finds,
// joined with errors.Join, each a *FieldError.
func (c Config) Validate() error {
	var p problems
	c.Center.check(&p)
	if !deviceRE.MatchString(c.Device) {
		p.add("device", "%q is not a device id (lower-case letters, digits and -, 1 to 32)", clip(c.Device))
	}
	p.path("data_dir", c.DataDir, false)
	p.path("catalog", c.CatalogFile, true)
	checkQueue(&p, c.Queue)
	c.NationalID.check(&p)
	c.Kiosk.check(&p)
	c.Display.check(&p)
	c.Console.check(&p)
	c.Printer.check(&p)
	if d := c.Scanner.Device; d != "" && !scannerRE.MatchString(d) {
		p.add("scanner.device", "want evdev:/dev/input/… or serial:/dev/…, got %q", clip(d))
	}
	cat, err := c.Catalog()
	if err != nil {
		p = append(p, err)
	} else {
		c.checkCounters(&p, cat)
		for i, code := range c.Kiosk.Common {
			if _, ok := cat.Service(code); !ok {
				p.add(fmt.Sprintf("kiosk.common[%d]", i), "%q is not an offered service", clip(code))
			}
		}
	}
	return p.err()
}

func (c Center) check(p *problems) {
	if !centerCodeRE.MatchString(c.Code) {
		p.add("center.code", "%q is not a center code (lower-case letters, digits and -, 2 to 32)", clip(c.Code))
	}
	p.text("center.name", c.Name)
	if _, err := loadLocation(c.Timezone); err != nil {
		p.add("center.timezone", "%v", err)
	}
}

func loadLocation(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("name an IANA time zone such as %q", DefaultTimezone)
	}
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", clip(name))
	}
	locations.Store(name, loc) // only real zones, so the cache stays small
	return loc, nil
}

// locations caches loaded time zones by name.
var locations sync.Map

func checkQueue(p *problems, q queue.Options) {
	p.durationBetween("queue.day_start", Duration(q.DayStart), 0, Duration(24*time.Hour-time.Second))
	checkNumbers(p, q)
	p.between("queue.priority_every", q.PriorityEvery, 1, maxPriorityEvery)
	p.between("queue.recycle_no_shows", q.RecycleNoShows, 0, maxRecycleNoShows)
	p.durationBetween("queue.appointment_early", Duration(q.AppointmentEarly), Duration(time.Second), Duration(4*time.Hour))
	p.durationBetween("queue.appointment_late", Duration(q.AppointmentLate), Duration(time.Second), Duration(4*time.Hour))
	p.durationBetween("queue.dedup_window", Duration(q.DedupWindow), 0, Duration(24*time.Hour))
	p.between("queue.estimate_window", q.EstimateWindow, 1, maxEstimateWindow)
	p.between("queue.default_service_min", q.DefaultServiceMin, 1, maxServiceMin)
}

func checkNumbers(p *problems, q queue.Options) {
	p.between("queue.number_width", q.NumberWidth, 1, maxNumberWidth)
	if q.NumberMin < 1 {
		p.add("queue.number_min", "must be at least 1, got %d", q.NumberMin)
	}
	if q.NumberMax < q.NumberMin {
		p.add("queue.number_max", "must be at least number_min (%d), got %d", q.NumberMin, q.NumberMax)
		return
	}
	if q.NumberWidth >= 1 && q.NumberWidth <= maxNumberWidth {
		if top := pow10(q.NumberWidth) - 1; q.NumberMax > top {
			p.add("queue.number_max", "%d does not fit in number_width (%d) digits: at most %d", q.NumberMax, q.NumberWidth, top)
		}
	}
}

func pow10(n int) int {
	v := 1
	for range n {
		v *= 10
	}
	return v
}

func (n NationalID) check(p *problems) {
	switch n.CheckDigit {
	case CheckStrict, CheckLenient, CheckOff:
	default:
		p.add("national_id.check_digit", "want strict, lenient or off, got %q", clip(string(n.CheckDigit)))
	}
}

func (k Kiosk) check(p *problems) {
	switch k.Language {
	case lang.AR, lang.EN:
	default:
		p.add("kiosk.language", "want ar or en, got %q", clip(string(k.Language)))
	}
	switch k.Digits {
	case ArabicDigits, WesternDigits:
	default:
		p.add("kiosk.digits", "want arabic or western, got %q", clip(string(k.Digits)))
	}
	p.durationBetween("kiosk.idle_timeout", k.IdleTimeout, Duration(10*time.Second), Duration(30*time.Minute))
	p.durationBetween("kiosk.ticket_timeout", k.TicketTimeout, Duration(5*time.Second), Duration(5*time.Minute))
	p.durationBetween("kiosk.print_timeout", k.PrintTimeout, Duration(2*time.Second), Duration(time.Minute))
	if k.TicketBaseURL != "" {
		if err := checkBaseURL(k.TicketBaseURL); err != nil {
			p.add("kiosk.ticket_base_url", "%v", err)
		}
	}
	if !pinRE.MatchString(k.AdminPIN) {
		p.add("kiosk.admin_pin", "want 4 to 8 digits")
	}
	p.between("kiosk.elderly_age", k.ElderlyAge, 50, 90)
	if len(k.Common) > 4 {
		p.add("kiosk.common", "at most 4 services, got %d", len(k.Common))
	}
}

var pinRE = regexp.MustCompile(`^[0-9]{4,8}$`)

func (pr Printer) check(p *problems) {
	if pr.WidthDots != 576 && pr.WidthDots != 384 {
		p.add("printer.width_dots", "want 576 or 384, got %d", pr.WidthDots)
	}
	if pr.URI != "" && !uriRE.MatchString(pr.URI) {
		p.add("printer.uri", "want usb:, tcp://, serial: or virtual:, got %q", clip(pr.URI))
	}
}

var scannerRE = regexp.MustCompile(`^(evdev:/dev/input/|serial:/dev/)[^\x00-\x1f]+$`)

var uriRE = regexp.MustCompile(`^(usb:/|tcp://|serial:/|virtual:).+`)

func checkBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http or https URL", clip(s))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.ContainsAny(s, "?# \t") {
		return fmt.Errorf("%q must have no user, query or fragment (the ticket reference is appended)", clip(s))
	}
	return nil
}

func (c Config) checkCounters(p *problems, cat Catalog) {
	if len(c.Counters) == 0 {
		p.add("counters", "at least one counter is needed")
	}
	if len(c.Counters) > MaxCounters {
		p.add("counters", "at most %d counters, got %d", MaxCounters, len(c.Counters))
	}
	numbers := map[int]bool{}
	served := map[string]bool{}
	for i, k := range c.Counters {
		path := fmt.Sprintf("counters[%d]", i)
		p.between(path+".number", k.Number, 1, MaxCounters)
		if numbers[k.Number] {
			p.add(path+".number", "counter %d is given twice", k.Number)
		}
		numbers[k.Number] = true
		p.text(path+".label", k.Label)
		checkCounterServices(p, path+".services", k.Services, cat, served)
	}
	var unserved []string
	for _, s := range cat.Services {
		if !served[s.Code] {
			unserved = append(unserved, s.Code)
		}
	}
	if len(unserved) > 0 {
		p.add("counters", "no counter serves %s", strings.Join(unserved, ", "))
	}
}

func checkCounterServices(p *problems, path string, list []queue.CounterService, cat Catalog, served map[string]bool) {
	if len(list) == 0 {
		p.add(path, "a counter must serve at least one service")
	}
	seen := map[string]bool{}
	for j, s := range list {
		sp := fmt.Sprintf("%s[%d]", path, j)
		if _, ok := cat.Service(s.Code); !ok {
			p.add(sp+".code", "service %q is not offered (not in the catalog or not in services)", clip(s.Code))
		}
		p.unique(sp+".code", s.Code, seen)
		if s.Weight < 0 || s.Weight > MaxWeight {
			p.add(sp+".weight", "must be from 1 to %d (0 means 1), got %d", MaxWeight, s.Weight)
		}
		served[s.Code] = true
	}
}

// path checks a file or directory path: not blank unless optional, and
// free of control characters.
func (p *problems) path(field, s string, optional bool) {
	switch {
	case s == "" && optional:
	case strings.TrimSpace(s) == "":
		p.add(field, "must be a path")
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		p.add(field, "must not contain control characters")
	}
}

// problems collects FieldErrors.
type problems []error

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, fieldErrorf(path, format, args...))
}

func (p problems) err() error { return errors.Join(p...) }

func (p *problems) between(path string, v, lo, hi int) {
	if v < lo || v > hi {
		p.add(path, "must be from %d to %d, got %d", lo, hi, v)
	}
}

func (p *problems) durationBetween(path string, d, lo, hi Duration) {
	if d < lo || d > hi {
		p.add(path, "must be from %s to %s, got %s", lo, hi, d)
	}
}

func (p *problems) unique(path, v string, seen map[string]bool) {
	if seen[v] {
		p.add(path, "%q is given twice", clip(v))
	}
	seen[v] = true
}

// text checks that both languages of t are given and printable.
func (p *problems) text(path string, t lang.Text) {
	p.line(path+".ar", t.AR)
	p.line(path+".en", t.EN)
}

func (p *problems) line(path, s string) {
	switch {
	case strings.TrimSpace(s) == "":
		p.add(path, "must not be empty")
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		p.add(path, "must not contain control characters")
	}
}

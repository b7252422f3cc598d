package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"time"
	_ "time/tzdata" // Africa/Cairo resolves without the system's tzdata

	"tabour/mqtt/auth"
	"tabour/queue"
)

// Config is the appliance's configuration file. See the package
// documentation for every field, its default and its rules.
type Config struct {
	Center     Center     `json:"center"`
	Device     string     `json:"device"`
	DataDir    string     `json:"data_dir"`
	Queue      Queue      `json:"queue"`
	NationalID NationalID `json:"national_id"`
	// CatalogFile is the path of a catalog file; "" means the built-in
	// catalog (package assets).
	CatalogFile string `json:"catalog"`
	// Services lists the codes of the catalog services the center offers,
	// in kiosk order; empty means all of them, in catalog order.
	Services []string        `json:"services,omitempty"`
	Counters []queue.Counter `json:"counters"`
	Kiosk    Kiosk           `json:"kiosk"`
	Printer  Printer         `json:"printer"`
	Scanner  Scanner         `json:"scanner"`
	MQTT     MQTT            `json:"mqtt"`
}

// MQTT is the local bus and the link to the center's workflow server.
type MQTT struct {
	// Disabled runs the appliance without a bus (a kiosk alone).
	Disabled bool `json:"disabled"`
	// External is the center's own broker (tcp://host:1883,
	// ssl://host:8883) with the appliance's Username and Password; ""
	// runs the embedded broker on Listen: default ":1883", or
	// "127.0.0.1:1883" (this machine only) in simulation.
	External string `json:"external"`
	Listen   string `json:"listen"`
	Username string `json:"username"`
	Password string `json:"password"`
	// CertFile and KeyFile make the embedded broker speak TLS; CAFile
	// checks an external broker's certificate.
	CertFile string `json:"cert_file"`
	KeyFile  string `json:"key_file"`
	CAFile   string `json:"ca_file"`
	// Upstream is the workflow server's broker that events are relayed to.
	Upstream Upstream `json:"upstream"`
	// Devices are the clients allowed on the embedded broker: counters,
	// displays, the workflow server, each with hex(sha256(password)).
	Devices []auth.Device `json:"devices,omitempty"`
	// ServerKeys are the workflow server's Ed25519 public keys (base64):
	// commands from the server must be signed by one of them.
	ServerKeys []string `json:"server_keys,omitempty"`
	// NotifyKey is the server's Curve25519 public key (base64): mobile
	// numbers for "your turn is near" texts are sealed to it at once. ""
	// means the kiosk does not offer texts.
	NotifyKey string `json:"notify_key"`
	// NotifyAhead: the "near" text goes out when this many tickets or
	// fewer are ahead (default 3).
	NotifyAhead int `json:"notify_ahead"`
}

// Upstream is the workflow server's broker.
type Upstream struct {
	URL      string `json:"url"` // "" = the local bus
	Username string `json:"username"`
	Password string `json:"password"`
	CAFile   string `json:"ca_file"`
	Disabled bool   `json:"disabled"` // keep every event in the outbox
}

// Scanner is the national-ID scanner at the kiosk.
type Scanner struct {
	// Device: "evdev:/dev/input/by-id/…-event-kbd" (a keyboard-wedge
	// scanner, grabbed so its keys never reach the screen),
	// "serial:/dev/ttyACM0?baud=9600", or "" for none (the kiosk window's
	// keyboard then stands in, as in simulation).
	Device string `json:"device"`
}

// Center identifies the technology center.
type Center struct {
	Code     string     `json:"code"`     // e.g. "ism-fayed"
	Name     queue.Text `json:"name"`     // shown on tickets and the hall display
	Timezone string     `json:"timezone"` // IANA name, e.g. "Africa/Cairo"
}

// Queue holds the queue engine's settings; see queue.Options.
type Queue struct {
	DayStart          Duration `json:"day_start"`
	NumberMin         int      `json:"number_min"`
	NumberMax         int      `json:"number_max"`
	NumberWidth       int      `json:"number_width"`
	PriorityEvery     int      `json:"priority_every"`
	RecycleNoShows    int      `json:"recycle_no_shows"`
	AppointmentEarly  Duration `json:"appointment_early"`
	AppointmentLate   Duration `json:"appointment_late"`
	DedupWindow       Duration `json:"dedup_window"`
	EstimateWindow    int      `json:"estimate_window"`
	DefaultServiceMin int      `json:"default_service_min"`
}

// NationalID says how national ID numbers typed at the kiosk are checked.
type NationalID struct {
	CheckDigit CheckDigit `json:"check_digit"`
}

// CheckDigit is what to do with the national ID's check digit, whose
// algorithm is not published.
type CheckDigit string

// Check-digit modes.
const (
	CheckStrict  CheckDigit = "strict"  // reject a mismatch
	CheckLenient CheckDigit = "lenient" // accept a mismatch, note it
	CheckOff     CheckDigit = "off"     // ignore the digit
)

// Kiosk holds the touch kiosk's settings.
type Kiosk struct {
	Language    Language `json:"language"`
	Digits      Digits   `json:"digits"`
	IdleTimeout Duration `json:"idle_timeout"`
	// TicketTimeout is how long the ticket screen stays before the kiosk
	// returns to the start by itself, so the next citizen never sees the
	// last one's number (three times as long when the ticket did not
	// print and must be photographed). 5s to 5m; default 20s.
	TicketTimeout Duration `json:"ticket_timeout"`
	// PrintTimeout is how long the kiosk waits for the printer before it
	// gives up and shows the ticket's QR code instead. 2s to 1m; default 10s.
	PrintTimeout Duration `json:"print_timeout"`
	// TicketBaseURL, if set, is printed as a QR code on each ticket with the
	// ticket reference appended ("https://…/t/" + "20261122-A023").
	TicketBaseURL string `json:"ticket_base_url"`
	// AdminPIN opens the maintenance screen (after five taps in the top
	// left corner within three seconds): 4 to 8 digits. Change it on site.
	AdminPIN string `json:"admin_pin"`
	// ElderlyAge is the age, read from a national ID entered at the
	// kiosk, from which a ticket gets senior priority.
	ElderlyAge int `json:"elderly_age"`
	// Common lists up to four service codes shown on the home screen, so
	// that their tickets take three taps.
	Common []string `json:"common"`
}

// Printer says which ticket printer the kiosk uses.
type Printer struct {
	// URI: "usb:/dev/usb/lp0", "tcp://192.0.2.10:9100",
	// "serial:/dev/ttyUSB0?baud=19200", or "virtual:DIR" (PNG and ESC/POS
	// files in DIR; "" = virtual:<data_dir>/printer).
	URI string `json:"uri"`
	// WidthDots is the print width: 576 (80 mm paper) or 384 (58 mm).
	WidthDots int `json:"width_dots"`
}

// Language is a kiosk language.
type Language string

// Languages.
const (
	Arabic  Language = "ar"
	English Language = "en"
)

// Digits says how numbers are written on screens and tickets.
type Digits string

// Digit styles.
const (
	ArabicDigits  Digits = "arabic"  // Arabic-Indic: ٠١٢٣٤٥٦٧٨٩
	WesternDigits Digits = "western" // 0123456789
)

// DefaultTimezone is the center time zone of Default.
const DefaultTimezone = "Africa/Cairo"

var utf8BOM = []byte("\xef\xbb\xbf")

// Default returns the configuration of a simulated center, Fayed City
// Council's technology center, that runs with no file: the built-in catalog
// served by five counters.
func Default() Config {
	return Config{
		Center: Center{
			Code:     "ism-fayed",
			Name:     queue.Text{AR: "المركز التكنولوجي بمجلس مدينة فايد", EN: "Fayed City Council Technology Center"},
			Timezone: DefaultTimezone,
		},
		Device:  "kiosk1",
		DataDir: "./var",
		Queue: Queue{
			NumberMin:         1,
			NumberMax:         999,
			NumberWidth:       3,
			PriorityEvery:     3,
			RecycleNoShows:    1,
			AppointmentEarly:  Duration(15 * time.Minute),
			AppointmentLate:   Duration(10 * time.Minute),
			DedupWindow:       Duration(10 * time.Minute),
			EstimateWindow:    20,
			DefaultServiceMin: 5,
		},
		NationalID: NationalID{CheckDigit: CheckLenient},
		Counters:   defaultCounters(),
		Kiosk: Kiosk{
			Language:    Arabic,
			Digits:      ArabicDigits,
			IdleTimeout: Duration(60 * time.Second), TicketTimeout: Duration(20 * time.Second), PrintTimeout: Duration(10 * time.Second),
			AdminPIN:   "2468",
			ElderlyAge: 65,
			Common:     []string{"BLD-PERMIT", "RECON-REQ", "SHOP-LICENCE", "COLLECT"},
		},
		Printer: Printer{WidthDots: 576},
	}
}

// defaultCounters are Default's counters: 1 building permits and
// certificates, 2 shops and licences, 3 state land and reconciliation,
// 4 collection, inquiries and complaints, 5 a second reconciliation window
// (weighted towards it) that also hands out outputs.
func defaultCounters() []queue.Counter {
	return []queue.Counter{
		counter(1, "BLD-PERMIT", "BLD-MODIFY", "BLD-DEMOLISH", "BLD-SITE", "UTIL-CONNECT", "CERT-PROPERTY"),
		counter(2, "SHOP-LICENCE", "SHOP-RENEW", "ROAD-OCCUPY", "ADS-LICENCE", "QUARRY"),
		counter(3, "LAND-LEGAL", "LAND-FOLLOW", "RECON-REQ", "RECON-FOLLOW"),
		counter(4, "COLLECT", "INQUIRY", "COMPLAINT"),
		counter(5, "RECON-REQ:2", "RECON-FOLLOW:2", "COLLECT"),
	}
}

// counter builds counter n serving codes, each "CODE" or "CODE:weight".
func counter(n int, codes ...string) queue.Counter {
	k := queue.Counter{
		Number: n,
		Label:  queue.Text{AR: fmt.Sprintf("شباك %d", n), EN: fmt.Sprintf("Window %d", n)},
	}
	for _, c := range codes {
		w := 1
		if len(c) > 2 && c[len(c)-2] == ':' {
			w = int(c[len(c)-1] - '0')
			c = c[:len(c)-2]
		}
		k.Services = append(k.Services, queue.CounterService{Code: c, Weight: w})
	}
	return k
}

// Load reads the config file at path over Default (see Decode).
func Load(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", quotePath(err))
	}
	defer f.Close()
	return Decode(f)
}

// Decode reads one JSON object from r over Default and validates it.
// Decoding is strict: unknown fields (keys must match exactly), repeated
// fields, values of the wrong type, null where a value is needed and data
// after the object are errors naming the field. A field left out keeps its
// default, with two exceptions: an array replaces the default one whole, and
// center.name, if given, replaces the default name whole. If counters is left
// out, the default counters are kept, restricted to the offered services.
func Decode(r io.Reader) (Config, error) {
	data, err := readAll(r)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	c, err := decode(bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return Config{}, err
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

func decode(data []byte) (Config, error) {
	present, err := checkShape(data, reflect.TypeFor[Config]())
	if err != nil {
		return Config{}, err
	}
	c := Default()
	c.Counters = nil // so decoding cannot merge into the default counters
	if present["center.name"] {
		c.Center.Name = queue.Text{}
	}
	if err := decodeChecked(data, &c); err != nil {
		return Config{}, err
	}
	if !present["counters"] {
		c.Counters = c.offeredDefaultCounters()
	}
	if !present["kiosk.common"] {
		c.Kiosk.Common = c.offeredDefaultCommon()
	}
	c.normalize()
	return c, nil
}

// offeredDefaultCounters returns the default counters without the services
// c does not offer, dropping counters left with none.
// offeredDefaultCommon is Default's home-screen services less those the
// center does not offer.
func (c Config) offeredDefaultCommon() []string {
	cat, err := c.Catalog()
	if err != nil {
		return c.Kiosk.Common
	}
	return slices.DeleteFunc(slices.Clone(c.Kiosk.Common), func(code string) bool {
		_, ok := cat.Service(code)
		return !ok
	})
}

func (c Config) offeredDefaultCounters() []queue.Counter {
	all := defaultCounters()
	cat, err := c.Catalog()
	if err != nil {
		return all // Validate reports the catalog's problem
	}
	var out []queue.Counter
	for _, k := range all {
		k.Services = slices.DeleteFunc(k.Services, func(s queue.CounterService) bool {
			_, ok := cat.Service(s.Code)
			return !ok
		})
		if len(k.Services) > 0 {
			out = append(out, k)
		}
	}
	return out
}

// normalize turns an empty services list into nil and weight 0 into 1.
func (c *Config) normalize() {
	if len(c.Services) == 0 {
		c.Services = nil
	}
	for i := range c.Counters {
		for j := range c.Counters[i].Services {
			if c.Counters[i].Services[j].Weight == 0 {
				c.Counters[i].Services[j].Weight = 1
			}
		}
	}
}

// Catalog returns the services the center offers: the catalog (built-in,
// or the file named by CatalogFile) restricted to Services, in that order,
// with only the categories those services use.
func (c Config) Catalog() (Catalog, error) {
	cat, err := LoadCatalog(c.CatalogFile)
	if err != nil || len(c.Services) == 0 {
		return cat, err
	}
	return cat.offer(c.Services)
}

// offer restricts c to the services codes, in that order.
func (c Catalog) offer(codes []string) (Catalog, error) {
	var p problems
	out := Catalog{Version: c.Version}
	seen := map[string]bool{}
	used := map[string]bool{}
	for i, code := range codes {
		path := fmt.Sprintf("services[%d]", i)
		s, ok := c.Service(code)
		if !ok {
			p.add(path, "unknown service %q (not in the catalog)", clip(code))
		} else if !seen[code] {
			out.Services = append(out.Services, s)
			used[s.Category] = true
		}
		p.unique(path, code, seen)
	}
	for _, k := range c.Categories {
		if used[k.Code] {
			out.Categories = append(out.Categories, k)
		}
	}
	return out, p.err()
}

// Location returns the center's time zone.
func (c Config) Location() (*time.Location, error) {
	loc, err := loadLocation(c.Center.Timezone)
	if err != nil {
		return nil, fieldErrorf("center.timezone", "%v", err)
	}
	return loc, nil
}

// QueueOptions validates c and returns the queue engine's options. Clock
// and Driver keep queue's defaults.
func (c Config) QueueOptions() (queue.Options, error) {
	if err := c.Validate(); err != nil {
		return queue.Options{}, err
	}
	loc, err := c.Location()
	if err != nil {
		return queue.Options{}, err
	}
	o := queue.DefaultOptions()
	o.Device = c.Device
	o.Location = loc
	o.DayStart = c.Queue.DayStart.D()
	o.NumberMin, o.NumberMax = c.Queue.NumberMin, c.Queue.NumberMax
	o.NumberWidth = c.Queue.NumberWidth
	o.PriorityEvery = c.Queue.PriorityEvery
	o.RecycleNoShows = c.Queue.RecycleNoShows
	o.AppointmentEarly = c.Queue.AppointmentEarly.D()
	o.AppointmentLate = c.Queue.AppointmentLate.D()
	o.DedupWindow = c.Queue.DedupWindow.D()
	o.EstimateWindow = c.Queue.EstimateWindow
	o.DefaultServiceMin = c.Queue.DefaultServiceMin
	return o, nil
}

// QueueCounters returns a copy of the counters with weight 0 read as 1.
func (c Config) QueueCounters() []queue.Counter {
	out := make([]queue.Counter, len(c.Counters))
	for i, k := range c.Counters {
		k.Services = slices.Clone(k.Services)
		for j := range k.Services {
			if k.Services[j].Weight == 0 {
				k.Services[j].Weight = 1
			}
		}
		out[i] = k
	}
	return out
}

// Marshal returns c as indented JSON, the form Save writes.
func Marshal(c Config) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return b.Bytes(), nil
}

// Save validates c and writes it to path atomically: to a temporary file in
// the same directory, synced, renamed over path, and the directory synced,
// so a power cut leaves either the old file or the new one. An existing
// file's permissions are kept; a new file gets 0644.
func Save(path string, c Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	data, err := Marshal(c)
	if err != nil {
		return err
	}
	perm := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	if err := writeFileAtomic(path, data, perm); err != nil {
		return fmt.Errorf("config: save: %w", err)
	}
	return nil
}

func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
	_ "time/tzdata" // Africa/Cairo resolves without the system's tzdata

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"tabour/internal/atomicfile"
	"tabour/lang"
	"tabour/queue"
)

// Config is the appliance's configuration file. See the package
// documentation for every field, its default and its rules.
type Config struct {
	Center  Center `json:"center"`
	Device  string `json:"device"`
	DataDir string `json:"data_dir"`
	// Queue is the queue engine's own options, defaults included
	// (queue.DefaultOptions); QueueOptions adds the device and the time
	// zone.
	Queue      queue.Options `json:"queue"`
	NationalID NationalID    `json:"national_id"`
	// CatalogFile is the path of a catalog file; "" means the built-in
	// catalog (package assets).
	CatalogFile string `json:"catalog"`
	// Services lists the codes of the catalog services the center offers,
	// in kiosk order; empty means all of them, in catalog order.
	Services []string        `json:"services,omitempty"`
	Counters []queue.Counter `json:"counters"`
	Kiosk    Kiosk           `json:"kiosk"`
	Display  Display         `json:"display"`
	Console  Console         `json:"console"`
	Printer  Printer         `json:"printer"`
	Scanner  Scanner         `json:"scanner"`
	// MQTT is the bus section as written in the file: the bus package
	// owns its fields, defaults and rules, and the appliance has it
	// decoded (DecodeMQTT) and checked (MQTTError) when it starts. Empty
	// means the section is left out.
	MQTT jsontext.Value `json:"mqtt,omitzero"`

	// File is the file the config was loaded from; "" for Default.
	File string `json:"-"`
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
	Code     string    `json:"code"`     // e.g. "ism-fayed"
	Name     lang.Text `json:"name"`     // shown on tickets and the hall display
	Timezone string    `json:"timezone"` // IANA name, e.g. "Africa/Cairo"
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
	Language    lang.Lang `json:"language"`
	Digits      Digits    `json:"digits"`
	IdleTimeout Duration  `json:"idle_timeout"`
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
			Name:     lang.Text{AR: "المركز التكنولوجي بمجلس مدينة فايد", EN: "Fayed City Council Technology Center"},
			Timezone: DefaultTimezone,
		},
		Device:     "kiosk1",
		DataDir:    "./var",
		Queue:      queue.DefaultOptions(),
		NationalID: NationalID{CheckDigit: CheckLenient},
		Counters:   defaultCounters(),
		Kiosk: Kiosk{
			Language:    lang.AR,
			Digits:      ArabicDigits,
			IdleTimeout: Duration(60 * time.Second), TicketTimeout: Duration(20 * time.Second), PrintTimeout: Duration(10 * time.Second),
			AdminPIN:   "2468",
			ElderlyAge: 65,
			Common:     []string{"BLD-PERMIT", "RECON-REQ", "SHOP-LICENCE", "COLLECT"},
		},
		Printer: Printer{WidthDots: 576},
		Display: defaultDisplay(),
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
		Label:  lang.Text{AR: fmt.Sprintf("شباك %d", n), EN: fmt.Sprintf("Window %d", n)},
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

// Load reads the config file at path over Default (see Decode). Its
// errors name the file.
func Load(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", quotePath(err))
	}
	defer f.Close()
	c, err := Decode(f)
	if err != nil {
		return Config{}, inFile(err, path)
	}
	c.File = path
	return c, nil
}

// Decode reads one JSON object from r over Default and validates it.
// Decoding is strict: unknown fields (keys must match exactly), repeated
// fields, values of the wrong type and data after the object are errors
// naming the field. A field left out keeps its default, with two
// exceptions: an array replaces the default one whole, and center.name, if
// given, replaces the default name whole. If counters is left out, the
// default counters are kept, restricted to the offered services. The mqtt
// section is kept as written (compacted) for the bus package to decode.
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
	present, err := members(data)
	if err != nil {
		return Config{}, err
	}
	c := Default()
	if present["center.name"] {
		c.Center.Name = lang.Text{}
	}
	if err := json.Unmarshal(data, &c, options); err != nil {
		return Config{}, fieldError("", err)
	}
	if !present["counters"] {
		c.Counters = c.offeredDefaultCounters()
	}
	if !present["kiosk.common"] {
		c.Kiosk.Common = c.offeredDefaultCommon()
	}
	if len(c.MQTT) > 0 {
		if err := c.MQTT.Compact(); err != nil {
			return Config{}, fieldError("mqtt", err)
		}
	}
	c.normalize()
	return c, nil
}

// DecodeMQTT decodes the mqtt section strictly into v, the bus package's
// own configuration holding its defaults; a section left out leaves v as
// it is. Errors name the field ("mqtt.devices[1].role") and the file.
func (c Config) DecodeMQTT(v any) error {
	if len(c.MQTT) == 0 {
		return nil
	}
	if err := json.Unmarshal(c.MQTT, v, options); err != nil {
		return c.MQTTError(fieldError("mqtt", err))
	}
	return nil
}

// MQTTError returns err, from the bus package's check of the mqtt section,
// as FieldErrors naming the field and the file. An error that names its
// field with a method Field() string (a path in the section,
// "devices[1].role") and wraps the cause becomes a FieldError at
// mqtt.<field> with the cause's text; another keeps its text at mqtt.
func (c Config) MQTTError(err error) error {
	if err == nil {
		return nil
	}
	if errs, ok := err.(interface{ Unwrap() []error }); ok {
		out := make([]error, 0, len(errs.Unwrap()))
		for _, e := range errs.Unwrap() {
			out = append(out, c.MQTTError(e))
		}
		return errors.Join(out...)
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		fe = &FieldError{Path: "mqtt", Msg: err.Error()}
		var named interface {
			Field() string
			Unwrap() error
		}
		if errors.As(err, &named) && named.Unwrap() != nil {
			fe.Path = joinPath("mqtt", named.Field())
			fe.Msg = named.Unwrap().Error()
		}
	}
	return inFile(fe, c.File)
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

// QueueOptions validates c and returns the queue engine's options: Queue
// with the device and the center's time zone.
func (c Config) QueueOptions() (queue.Options, error) {
	if err := c.Validate(); err != nil {
		return queue.Options{}, err
	}
	loc, err := c.Location()
	if err != nil {
		return queue.Options{}, err
	}
	o := c.Queue
	o.Device = c.Device
	o.Location = loc
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
	data, err := json.Marshal(c, options, jsontext.WithIndent("  "), jsontext.EscapeForHTML(false))
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return append(data, '\n'), nil
}

// Save validates c and writes it to path atomically: to a temporary file in
// the same directory, synced, renamed over path, and the directory synced,
// so a power cut leaves either the old file or the new one. The file may
// hold password hashes and keys, so only its owner may read it: a new file
// gets 0600, an existing file keeps its owner's bits and loses the group's
// and others'.
func Save(path string, c Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	data, err := Marshal(c)
	if err != nil {
		return err
	}
	perm := os.FileMode(0o600)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm() & 0o700
	}
	if err := atomicfile.Write(path, data, perm); err != nil {
		return fmt.Errorf("config: save: %w", err)
	}
	return nil
}

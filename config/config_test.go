package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tabour/lang"
	"tabour/queue"
)

func decodeString(s string) (Config, error) { return Decode(strings.NewReader(s)) }

func TestDefaultValidates(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestDefaultCountersServeEveryService(t *testing.T) {
	cat, err := Default().Catalog()
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, k := range Default().Counters {
		for _, s := range k.Services {
			served[s.Code] = true
		}
	}
	for _, s := range cat.Services {
		if !served[s.Code] {
			t.Errorf("no default counter serves %s", s.Code)
		}
	}
	if n := len(Default().Counters); n < 4 || n > 5 {
		t.Errorf("%d default counters, want 4-5", n)
	}
}

func TestDefaultQueueOptions(t *testing.T) {
	o, err := Default().QueueOptions()
	if err != nil {
		t.Fatal(err)
	}
	if o.Location.String() != "Africa/Cairo" {
		t.Errorf("location %v", o.Location)
	}
	want := queue.DefaultOptions()
	o.Location, want.Location = nil, nil
	if !reflect.DeepEqual(o, want) {
		t.Errorf("QueueOptions:\n got %+v\nwant %+v", o, want)
	}
}

func TestEmptyObjectIsDefault(t *testing.T) {
	for _, in := range []string{"{}", " {}\n", "\ufeff{}"} {
		c, err := decodeString(in)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if !reflect.DeepEqual(c, Default()) {
			t.Errorf("%q: got %+v, want Default()", in, c)
		}
	}
}

func exampleConfig() Config {
	c := Default()
	c.Center = Center{
		Code: "ism-qantara-gharb",
		Name: lang.Text{
			AR: "المركز التكنولوجي بمجلس مدينة القنطرة غرب",
			EN: "El Qantara Gharb City Council Technology Center",
		},
		Timezone: "Africa/Cairo",
	}
	c.DataDir = "/var/lib/tabour"
	c.Services = []string{
		"BLD-PERMIT", "BLD-MODIFY", "BLD-DEMOLISH", "BLD-SITE", "UTIL-CONNECT", "CERT-PROPERTY",
		"SHOP-LICENCE", "SHOP-RENEW", "ROAD-OCCUPY", "ADS-LICENCE",
		"LAND-LEGAL", "LAND-FOLLOW", "RECON-REQ", "RECON-FOLLOW",
		"COLLECT", "INQUIRY", "COMPLAINT",
	}
	c.Counters = []queue.Counter{
		counter(1, "BLD-PERMIT", "BLD-MODIFY", "BLD-DEMOLISH", "BLD-SITE", "UTIL-CONNECT", "CERT-PROPERTY"),
		counter(2, "SHOP-LICENCE", "SHOP-RENEW", "ROAD-OCCUPY", "ADS-LICENCE", "COMPLAINT"),
		counter(3, "LAND-LEGAL", "LAND-FOLLOW", "RECON-REQ:2", "RECON-FOLLOW:2"),
		counter(4, "COLLECT:2", "INQUIRY", "RECON-FOLLOW", "COMPLAINT"),
	}
	c.Kiosk.TicketBaseURL = "https://tabour.example/t/"
	c.MQTT = []byte(`{"listen":":1883","upstream":{"url":"ssl://workflow.example:8883","username":"ism-qantara-gharb",` +
		`"password":"change-me"},"devices":[{"id":"ctr01","role":"counter","counter":1,` +
		`"password_sha256":"c48c9ef45c2f17de51c25dc2b616cd48d1fdf931e4ef926f868eec7a62e1da28"}],"notify_ahead":3}`)
	return c
}

func TestLoadExample(t *testing.T) {
	c, err := Load("../tabour.example.json")
	if err != nil {
		t.Fatal(err)
	}
	c.File = ""
	if want := exampleConfig(); !reflect.DeepEqual(c, want) {
		t.Errorf("got\n%+v\nwant\n%+v", c, want)
	}
	cat, err := c.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Services) != 17 {
		t.Errorf("%d services offered, want 17", len(cat.Services))
	}
	if _, ok := cat.Service("QUARRY"); ok {
		t.Error("QUARRY is offered but not listed")
	}
	if _, ok := cat.Category("licences"); !ok {
		t.Error("category licences missing")
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.json"))
	if err == nil || !strings.HasPrefix(err.Error(), "config: ") || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v", err)
	}
}

// wantErr checks that err is non-nil and contains every part of want.
func wantErr(t *testing.T, name string, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %q", name, want)
		return
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error\n%v\ndoes not contain %q", name, err, w)
		}
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "config: ") {
			t.Errorf("%s: error line %q lacks the config: prefix", name, line)
		}
	}
}

func TestUnknownFields(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"qeue": {}}`, `config: unknown field "qeue" (did you mean "queue"?)`},
		{`{"Queue": {}}`, `config: unknown field "Queue" (did you mean "queue"?)`},
		{`{"speaker": "usb"}`, `config: unknown field "speaker"`},
		{`{"queue": {"prioirty_every": 3}}`, `config: queue: unknown field "prioirty_every" (did you mean "priority_every"?)`},
		{`{"center": {"zone": "Africa/Cairo"}}`, `config: center: unknown field "zone"`},
		{`{"center": {"name": {"ar": "x", "en": "y", "fr": "z"}}}`, `config: center.name: unknown field "fr"`},
		{`{"kiosk": {"lang": "ar"}}`, `config: kiosk: unknown field "lang"`},
		{`{"counters": [{"number": 1, "label": {"ar": "a", "en": "b"}, "services": [{"code": "COLLECT", "wieght": 2}]}]}`,
			`config: counters[0].services[0]: unknown field "wieght" (did you mean "weight"?)`},
	}
	for _, tt := range tests {
		_, err := decodeString(tt.in)
		wantErr(t, tt.in, err, tt.want)
	}
}

func TestWrongTypes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"queue": {"priority_every": "3"}}`, `config: queue.priority_every: want a number, got string`},
		{`{"device": 1}`, `config: device: want a string, got number`},
		{`{"device": null}`, `config: device: "" is not a device id`},
		{`{"queue": []}`, `config: queue: want an object, got array`},
		{`{"counters": {}}`, `config: counters: want an array, got object`},
		{`{"counters": [1]}`, `config: counters[0]: want an object, got number`},
		{`{"services": ["A", 2]}`, `config: services[1]: want a string, got number`},
		{`{"queue": {"number_max": 1.5}}`, `config: queue.number_max: want a whole number, got 1.5`},
		{`{"queue": {"number_max": 1e3}}`, `config: queue.number_max: want a whole number, got 1e3`},
		{`{"queue": {"number_max": 99999999999999999999}}`, `config: queue.number_max: 99999999999999999999 is out of range`},
		{`{"queue": {"number_max": true}}`, `config: queue.number_max: want a number, got boolean`},
		{`{"kiosk": {"idle_timeout": 60}}`, `config: kiosk.idle_timeout: want a duration string like "30s", got number`},
		{`{"kiosk": {"idle_timeout": {}}}`, `config: kiosk.idle_timeout: want a duration string like "30s", got object`},
		{`{"kiosk": {"idle_timeout": null}}`, `config: kiosk.idle_timeout: want a duration string like "30s", got null`},
		{`{"queue": {"dedup_window": 600}}`, `config: queue.dedup_window: want a duration string like "30s", got number`},
		{`{"kiosk": {"idle_timeout": "a minute"}}`, `config: kiosk.idle_timeout: want a duration like "30s", "10m" or "1h30m", got "a minute"`},
		{`{"queue": {"dedup_window": "-1m"}}`, `config: queue.dedup_window: must not be negative, got "-1m"`},
		{`{"device": "a", "device": "b"}`, `config: device: given twice`},
		{`[]`, `config: want an object, got array`},
		{`"x"`, `config: want an object, got string`},
		{`null`, `config: want an object, got null`},
		{``, `config: unexpected end of JSON`},
		{`{"device": "a"`, `config: unexpected end of JSON`},
		{`{"device": "a",}`, `config: invalid JSON`},
		{`{} {}`, `config: unexpected data after the top-level object`},
		{`{} x`, `config: unexpected data after the top-level object`},
	}
	for _, tt := range tests {
		_, err := decodeString(tt.in)
		wantErr(t, tt.in, err, tt.want)
	}
}

func TestFieldErrorAs(t *testing.T) {
	_, err := decodeString(`{"queue": {"number_min": 5, "number_max": 2}}`)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "queue.number_max" {
		t.Fatalf("got %v (%+v)", err, fe)
	}
}

func TestTooLarge(t *testing.T) {
	in := `{"data_dir": "` + strings.Repeat("x", maxFileSize) + `"}`
	_, err := decodeString(in)
	wantErr(t, "large", err, "larger than")
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"center code", func(c *Config) { c.Center.Code = "Ism Fayed" }, `center.code: "Ism Fayed" is not a center code`},
		{"center code short", func(c *Config) { c.Center.Code = "a" }, `center.code:`},
		{"center name ar", func(c *Config) { c.Center.Name.AR = " " }, `center.name.ar: must not be empty`},
		{"center name control", func(c *Config) { c.Center.Name.EN = "a\nb" }, `center.name.en: must not contain control characters`},
		{"timezone", func(c *Config) { c.Center.Timezone = "Africa/Cairro" }, `center.timezone: unknown time zone "Africa/Cairro"`},
		{"timezone empty", func(c *Config) { c.Center.Timezone = "" }, `center.timezone: name an IANA time zone`},
		{"timezone local", func(c *Config) { c.Center.Timezone = "Local" }, `center.timezone: name an IANA time zone`},
		{"device", func(c *Config) { c.Device = "Kiosk_1" }, `device: "Kiosk_1" is not a device id`},
		{"data dir", func(c *Config) { c.DataDir = "" }, `data_dir: must be a path`},
		{"day start", func(c *Config) { c.Queue.DayStart = 24 * time.Hour }, `queue.day_start: must be from 0s to 23h59m59s, got 24h`},
		{"number min", func(c *Config) { c.Queue.NumberMin = 0 }, `queue.number_min: must be at least 1, got 0`},
		{"number max", func(c *Config) { c.Queue.NumberMax = 0 }, `queue.number_max: must be at least number_min (1), got 0`},
		{"number fit", func(c *Config) { c.Queue.NumberMax = 1000 }, `queue.number_max: 1000 does not fit in number_width (3) digits: at most 999`},
		{"number width", func(c *Config) { c.Queue.NumberWidth = 7 }, `queue.number_width: must be from 1 to 6, got 7`},
		{"priority every", func(c *Config) { c.Queue.PriorityEvery = 0 }, `queue.priority_every: must be from 1 to 100, got 0`},
		{"recycle", func(c *Config) { c.Queue.RecycleNoShows = -1 }, `queue.recycle_no_shows: must be from 0 to 10, got -1`},
		{"early", func(c *Config) { c.Queue.AppointmentEarly = 0 }, `queue.appointment_early: must be from 1s to 4h, got 0s`},
		{"late", func(c *Config) { c.Queue.AppointmentLate = 5 * time.Hour }, `queue.appointment_late: must be from 1s to 4h, got 5h`},
		{"dedup", func(c *Config) { c.Queue.DedupWindow = -1 }, `queue.dedup_window: must be from 0s to 24h`},
		{"estimate", func(c *Config) { c.Queue.EstimateWindow = 0 }, `queue.estimate_window: must be from 1 to 1000, got 0`},
		{"default service", func(c *Config) { c.Queue.DefaultServiceMin = 241 }, `queue.default_service_min: must be from 1 to 240, got 241`},
		{"check digit", func(c *Config) { c.NationalID.CheckDigit = "maybe" }, `national_id.check_digit: want strict, lenient or off, got "maybe"`},
		{"language", func(c *Config) { c.Kiosk.Language = "fr" }, `kiosk.language: want ar or en, got "fr"`},
		{"digits", func(c *Config) { c.Kiosk.Digits = "roman" }, `kiosk.digits: want arabic or western, got "roman"`},
		{"idle", func(c *Config) { c.Kiosk.IdleTimeout = Duration(time.Second) }, `kiosk.idle_timeout: must be from 10s to 30m, got 1s`},
		{"url scheme", func(c *Config) { c.Kiosk.TicketBaseURL = "ftp://x/t/" }, `kiosk.ticket_base_url: "ftp://x/t/" is not an absolute http or https URL`},
		{"url relative", func(c *Config) { c.Kiosk.TicketBaseURL = "/t/" }, `kiosk.ticket_base_url: "/t/" is not an absolute`},
		{"url query", func(c *Config) { c.Kiosk.TicketBaseURL = "https://x.example/t?r=" }, `kiosk.ticket_base_url: "https://x.example/t?r=" must have no user, query or fragment`},
		{"no counters", func(c *Config) { c.Counters = nil }, `counters: at least one counter is needed`},
		{"too many counters", func(c *Config) {
			for i := 6; i <= 100; i++ {
				c.Counters = append(c.Counters, counter(i, "COLLECT"))
			}
		}, `counters: at most 99 counters, got 100`},
		{"counter number", func(c *Config) { c.Counters[0].Number = 0 }, `counters[0].number: must be from 1 to 99, got 0`},
		{"counter number twice", func(c *Config) { c.Counters[1].Number = 1 }, `counters[1].number: counter 1 is given twice`},
		{"counter label", func(c *Config) { c.Counters[2].Label.EN = "" }, `counters[2].label.en: must not be empty`},
		{"counter no services", func(c *Config) { c.Counters[3].Services = nil }, `counters[3].services: a counter must serve at least one service`},
		{"counter unknown service", func(c *Config) { c.Counters[0].Services[0].Code = "BLD-PERMITS" },
			`counters[0].services[0].code: service "BLD-PERMITS" is not offered`},
		{"counter service twice", func(c *Config) { c.Counters[0].Services[1].Code = "BLD-PERMIT" },
			`counters[0].services[1].code: "BLD-PERMIT" is given twice`},
		{"weight high", func(c *Config) { c.Counters[0].Services[0].Weight = 11 }, `counters[0].services[0].weight: must be from 1 to 10 (0 means 1), got 11`},
		{"weight negative", func(c *Config) { c.Counters[0].Services[0].Weight = -1 }, `counters[0].services[0].weight: must be from 1 to 10 (0 means 1), got -1`},
		{"unserved", func(c *Config) { c.Counters[1].Services = c.Counters[1].Services[:4] }, `counters: no counter serves QUARRY`},
		{"offer unknown", func(c *Config) { c.Services = []string{"COLLECT", "PASSPORT"} }, `services[1]: unknown service "PASSPORT" (not in the catalog)`},
		{"offer twice", func(c *Config) { c.Services = []string{"COLLECT", "COLLECT"} }, `services[1]: "COLLECT" is given twice`},
		{"offer excludes counter service", func(c *Config) { c.Services = []string{"COLLECT"} }, `counters[0].services[0].code: service "BLD-PERMIT" is not offered`},
		{"catalog newline", func(c *Config) { c.CatalogFile = "a\nb" }, `config: catalog: must not contain control characters`},
		{"data dir control", func(c *Config) { c.DataDir = "var\x00" }, `config: data_dir: must not contain control characters`},
		{"catalog missing", func(c *Config) { c.CatalogFile = "testdata/nope.json" }, `config: catalog: open "testdata/nope.json": no such file or directory`},
		{"catalog not regular", func(c *Config) { c.CatalogFile = "testdata" }, `config: catalog: "testdata": not a regular file`},
		{"catalog bad", func(c *Config) { c.CatalogFile = "testdata/catalog-bad.json" }, `config: catalog "testdata/catalog-bad.json": services[1].prefix: "A" is given twice`},
		{"catalog typo", func(c *Config) { c.CatalogFile = "testdata/catalog-typo.json" },
			`config: catalog "testdata/catalog-typo.json": services[0]: unknown field "nmae" (did you mean "name"?)`},
	}
	for _, tt := range tests {
		c := Default()
		tt.change(&c)
		err := c.Validate()
		wantErr(t, tt.name, err, tt.want)
		if _, err := c.QueueOptions(); err == nil {
			t.Errorf("%s: QueueOptions accepted an invalid config", tt.name)
		}
	}
}

func TestValidationReportsAll(t *testing.T) {
	_, err := decodeString(`{"device": "", "queue": {"number_max": 0}, "kiosk": {"language": "fr"}}`)
	wantErr(t, "all", err, "config: device:", "config: queue.number_max:", "config: kiosk.language:")
}

func TestCenterNameReplacedWhole(t *testing.T) {
	_, err := decodeString(`{"center": {"name": {"ar": "مركز"}}}`)
	wantErr(t, "name", err, "config: center.name.en: must not be empty")
	c, err := decodeString(`{"center": {"code": "ism-fayed-2"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if c.Center.Name != Default().Center.Name || c.Center.Timezone != DefaultTimezone {
		t.Errorf("center defaults lost: %+v", c.Center)
	}
}

func TestCountersReplacedWhole(t *testing.T) {
	_, err := decodeString(`{"counters": [{"number": 7, "label": {"ar": "شباك 7", "en": "Window 7"}, "services": [{"code": "COLLECT"}]}]}`)
	// The default counters must not leak into counter 7; it alone leaves
	// services unserved.
	wantErr(t, "replace", err, "config: counters: no counter serves BLD-PERMIT")
	_, err = decodeString(`{"counters": null}`)
	wantErr(t, "null", err, "config: counters: at least one counter is needed")
}

func TestWeightZeroMeansOne(t *testing.T) {
	c, err := decodeString(`{"services": ["COLLECT"], "counters": [{"number": 1, "label": {"ar": "شباك 1", "en": "Window 1"}, "services": [{"code": "COLLECT"}]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Counters[0].Services[0].Weight; w != 1 {
		t.Errorf("weight %d, want 1", w)
	}
	d := Default()
	d.Counters[0].Services[0].Weight = 0
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if w := d.QueueCounters()[0].Services[0].Weight; w != 1 {
		t.Errorf("QueueCounters weight %d, want 1", w)
	}
	if d.Counters[0].Services[0].Weight != 0 {
		t.Error("QueueCounters changed the config")
	}
}

func TestServicesSubset(t *testing.T) {
	c, err := decodeString(`{"services": ["INQUIRY", "COLLECT"], "kiosk": {"digits": "western"}}`)
	if err != nil {
		t.Fatal(err)
	}
	want := []queue.Counter{counter(4, "COLLECT", "INQUIRY"), counter(5, "COLLECT")}
	if !reflect.DeepEqual(c.Counters, want) {
		t.Errorf("counters %+v, want %+v", c.Counters, want)
	}
	cat, err := c.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Services) != 2 || cat.Services[0].Code != "INQUIRY" || cat.Services[1].Code != "COLLECT" {
		t.Errorf("services %+v", cat.Services)
	}
	if len(cat.Categories) != 1 || cat.Categories[0].Code != "outputs" {
		t.Errorf("categories %+v", cat.Categories)
	}
	if _, ok := cat.Service("BLD-PERMIT"); ok {
		t.Error("BLD-PERMIT offered")
	}
}

func TestCatalogFile(t *testing.T) {
	c, err := Load("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := c.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	s, ok := cat.Service("BLD-PERMIT")
	if !ok || s.Fee == nil || s.Fee.AmountEGP != 150 {
		t.Errorf("BLD-PERMIT %+v", s)
	}
	want := []queue.Counter{counter(1, "BLD-PERMIT"), counter(4, "COLLECT"), counter(5, "COLLECT")}
	if !reflect.DeepEqual(c.Counters, want) {
		t.Errorf("counters %+v, want %+v", c.Counters, want)
	}
}

func TestBuiltinCatalog(t *testing.T) {
	cat, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cat.Services); n < 16 || n > 20 {
		t.Errorf("%d services", n)
	}
	codes, prefixes := map[string]bool{}, map[string]bool{}
	for _, s := range cat.Services {
		if codes[s.Code] || prefixes[s.Prefix] || len(s.Prefix) != 1 {
			t.Errorf("%s: code or prefix %q repeated or not one letter", s.Code, s.Prefix)
		}
		codes[s.Code], prefixes[s.Prefix] = true, true
		if s.Fee != nil {
			t.Errorf("%s: built-in fee", s.Code)
		}
		if _, ok := cat.Category(s.Category); !ok {
			t.Errorf("%s: category %q", s.Code, s.Category)
		}
		if got, ok := cat.Service(s.Code); !ok || got.Code != s.Code {
			t.Errorf("Service(%q) failed", s.Code)
		}
	}
	for _, code := range []string{"BLD-PERMIT", "BLD-DEMOLISH", "ROAD-OCCUPY", "SHOP-LICENCE", "QUARRY",
		"LAND-LEGAL", "RECON-REQ", "COLLECT", "INQUIRY", "COMPLAINT"} {
		if !codes[code] {
			t.Errorf("missing %s", code)
		}
	}
	if _, ok := cat.Service("NOPE"); ok {
		t.Error("Service(NOPE) found")
	}
	// Callers get their own copy.
	cat.Services[0].Documents[0].AR = "changed"
	cat.Services[1].Name.AR = "changed"
	again, _ := BuiltinCatalog()
	if again.Services[0].Documents[0].AR == "changed" || again.Services[1].Name.AR == "changed" {
		t.Error("BuiltinCatalog shares memory between calls")
	}
}

func TestCloneFee(t *testing.T) {
	c := Catalog{Services: []queue.Service{{Fee: &queue.Fee{AmountEGP: 10}}}}
	d := c.Clone()
	d.Services[0].Fee.AmountEGP = 20
	if c.Services[0].Fee.AmountEGP != 10 {
		t.Error("Clone shares the fee")
	}
}

func TestLongValuesClipped(t *testing.T) {
	long := strings.Repeat("x", 5000)
	for _, in := range []string{
		`{"` + long + `": 1}`,
		`{"device": "` + long + `"}`,
		`{"queue": {"number_max": ` + strings.Repeat("9", 5000) + `}}`,
		`{"kiosk": {"idle_timeout": "` + long + `"}}`,
	} {
		_, err := decodeString(in)
		if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "…") {
			t.Errorf("error for a long value: %.400v", err)
		}
	}
}

func TestCatalogValidation(t *testing.T) {
	data, err := os.ReadFile("testdata/catalog-bad.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = DecodeCatalog(data)
	wantErr(t, "bad catalog", err,
		`services[1].prefix: "A" is given twice`,
		`services[1].name.en: must not be empty`,
		`services[1].category: unknown category "roads"`,
		`services[1].target_wait_min: must be from 1 to 480, got 0`,
		`services[1].documents: list at least one document`,
		`services[1].fee.amount_egp: must be above 0`,
		`services[1].kinds[1]: unknown visit kind "pickup"`,
	)
	_, err = DecodeCatalog([]byte(`{"version": 2, "categories": [], "services": []}`))
	wantErr(t, "version", err, "version: want 1, got 2", "services: at least one service is needed")
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tabour.json")
	for _, c := range []Config{Default(), exampleConfig()} {
		if err := Save(path, c); err != nil {
			t.Fatal(err)
		}
		got, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if got.File != path {
			t.Errorf("File %q", got.File)
		}
		got.File = ""
		if !reflect.DeepEqual(got, c) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, c)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "tabour.json" {
		t.Errorf("directory holds %v, want only tabour.json", entries)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode())
	}
}

// Saving over a file readable by the group or others makes it the
// owner's only; the owner's own bits are kept.
func TestSaveNarrowsMode(t *testing.T) {
	for _, m := range []struct{ before, after os.FileMode }{{0o644, 0o600}, {0o666, 0o600}, {0o600, 0o600}, {0o640, 0o600}, {0o700, 0o700}} {
		path := filepath.Join(t.TempDir(), "tabour.json")
		if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, m.before); err != nil {
			t.Fatal(err)
		}
		if err := Save(path, Default()); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		if st.Mode().Perm() != m.after {
			t.Errorf("%v: mode %v after saving, want %v", m.before, st.Mode().Perm(), m.after)
		}
	}
}

func TestSaveRejectsInvalid(t *testing.T) {
	dir := t.TempDir()
	c := Default()
	c.Device = ""
	err := Save(filepath.Join(dir, "tabour.json"), c)
	wantErr(t, "save", err, "config: device:")
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
}

func TestSaveMissingDir(t *testing.T) {
	err := Save(filepath.Join(t.TempDir(), "no", "tabour.json"), Default())
	if err == nil || !strings.HasPrefix(err.Error(), "config: save: ") {
		t.Errorf("got %v", err)
	}
}

func TestMarshalReadable(t *testing.T) {
	data, err := Marshal(exampleConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"idle_timeout": "1m"`, `"dedup_window": "10m"`, `"day_start": "0s"`, "القنطرة غرب", `"services": [`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("marshalled config lacks %s", want)
		}
	}
	data, _ = Marshal(Default())
	if bytes.Contains(data, []byte(`"services": null`)) {
		t.Error("Default marshals services as null")
	}
}

func TestDuration(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		text string
	}{
		{0, "0s"}, {30 * time.Second, "30s"}, {10 * time.Minute, "10m"}, {90 * time.Minute, "1h30m"},
		{4 * time.Hour, "4h"}, {time.Hour + 30*time.Second, "1h0m30s"}, {1500 * time.Millisecond, "1.5s"},
	} {
		b, err := json.Marshal(Duration(tt.d))
		if err != nil || string(b) != `"`+tt.text+`"` {
			t.Errorf("marshal %v = %s, %v; want %q", tt.d, b, err, tt.text)
		}
		var d Duration
		if err := json.Unmarshal(b, &d); err != nil || d.D() != tt.d {
			t.Errorf("unmarshal %s = %v, %v", b, d, err)
		}
	}
	for _, in := range []string{`30`, `"-1s"`, `"1 minute"`, `null`, `""`, `true`} {
		var d Duration
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("unmarshal %s accepted", in)
		}
	}
}

// The mqtt section is kept for the bus package, which decodes it with
// DecodeMQTT; its errors name the field and the file.
func TestMQTTSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tabour.json")
	if err := os.WriteFile(path, []byte(`{"mqtt": {"listen": "127.0.0.1:1884",
		"upstream": {"url": "tcp://server:1883"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(c.MQTT) != `{"listen":"127.0.0.1:1884","upstream":{"url":"tcp://server:1883"}}` {
		t.Errorf("mqtt section %s", c.MQTT)
	}
	var bus struct {
		Listen   string `json:"listen"`
		Upstream struct {
			URL string `json:"url"`
		} `json:"upstream"`
	}
	if err := c.DecodeMQTT(&bus); err != nil || bus.Listen != "127.0.0.1:1884" || bus.Upstream.URL != "tcp://server:1883" {
		t.Fatalf("DecodeMQTT: %+v, %v", bus, err)
	}
	c.MQTT = []byte(`{"upstream": {"url": "x"}, "listne": "x"}`)
	wantErr(t, "unknown", c.DecodeMQTT(&bus), "config: "+path+`: mqtt: unknown field "listne" (did you mean "listen"?)`)
	c.MQTT = []byte(`{"listen": 1883}`)
	wantErr(t, "type", c.DecodeMQTT(&bus), "config: "+path+`: mqtt.listen: want a string, got number`)
	err = c.MQTTError(errors.Join(&namedErr{"devices[1].role", errors.New(`unknown role "ctr"`)}, errors.New("mqtt: other")))
	wantErr(t, "named", err, "config: "+path+`: mqtt.devices[1].role: unknown role "ctr"`, "config: "+path+": mqtt: mqtt: other")
}

type namedErr struct {
	field string
	err   error
}

func (e *namedErr) Error() string { return e.field + ": " + e.err.Error() }
func (e *namedErr) Field() string { return e.field }
func (e *namedErr) Unwrap() error { return e.err }

func TestLoadErrorNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tabour.json")
	if err := os.WriteFile(path, []byte(`{"queue": {"number_min": 0}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	wantErr(t, "load", err, "config: "+path+": queue.number_min: must be at least 1, got 0")
}

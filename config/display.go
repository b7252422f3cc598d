package config

import (
	"net/url"
	"regexp"
	"strings"

	"tabour/lang"
)

// Display is the waiting-hall display: on the kiosk's second monitor
// (Monitor), or on a box of its own (cmd/display reads the same file,
// with Broker, Username, Password and Appliance).
type Display struct {
	// Monitor is where the kiosk's process shows the hall display: an
	// output's RandR name ("HDMI-2", as `xrandr --listmonitors` shows
	// it) or its place from 1 (the primary). Empty: none, but a simulated
	// center shows it in a window of its own.
	Monitor string `json:"monitor"`
	// KioskMonitor is where the kiosk goes (default the primary).
	KioskMonitor string `json:"kiosk_monitor"`
	// Languages are shown, the main one first, and announced in turn:
	// ["ar"], ["en"] or ["ar", "en"] (default).
	Languages []lang.Lang `json:"languages"`
	Ticker    lang.Text   `json:"ticker"` // the line of notices along the bottom
	Closed    lang.Text   `json:"closed"` // under "the center is closed": when it opens
	// Letters is how Arabic announcements read a ticket's letter:
	// "english" (A إيه, default) or "arabic" (A ألف, B باء).
	Letters string `json:"letters"`
	// Audio is the ALSA device the announcements play on ("plughw:1,0";
	// empty: the default device; "off": no announcements), or "dir:PATH"
	// to write each to a WAV file in PATH instead (a simulated center
	// does, under its data_dir, as its printer writes tickets to files).
	Audio string `json:"audio"`
	// Voice is the directory of a center's own recorded voice pack
	// (manifest.json and one WAV per clip of `tabourctl clips`); empty:
	// the built-in voice, a synthesised placeholder.
	Voice string `json:"voice"`
	// LEDs are the counters' LED displays on one serial line (RS-485):
	// "ascii:/dev/ttyUSB0" or "modbus:/dev/ttyUSB0", with ?baud=9600
	// (default) and &width=4 (characters per display, default 4); a
	// counter's display address is its number. Empty: none.
	LEDs string `json:"leds"`
	// The bus, for a display on a box of its own or on a center's
	// external broker: its URL, the display's device credential and the
	// appliance's device id (default: device).
	Broker    string `json:"broker"`
	Username  string `json:"username"`
	Password  string `json:"password"`
	Appliance string `json:"appliance"`
}

// Letter readings (Display.Letters).
const (
	LettersEnglish = "english"
	LettersArabic  = "arabic"
)

// AudioOff turns the announcements off (Display.Audio); AudioDir
// prefixes a directory to write them to.
const (
	AudioOff = "off"
	AudioDir = "dir:"
)

func defaultDisplay() Display {
	return Display{Languages: []lang.Lang{lang.AR, lang.EN}, Letters: LettersEnglish,
		Ticker: lang.Text{AR: "احتفظ بتذكرتك حتى يُنادى رقمك، وتابع الشاشة.", EN: "Keep your ticket until your number is called, and watch this screen."}}
}

var (
	monitorRE = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,32}$`)
	alsaRE    = regexp.MustCompile(`^[A-Za-z0-9_.:,=-]{1,64}$`)
	ledsRE    = regexp.MustCompile(`^(ascii|modbus):/dev/[A-Za-z0-9_./:-]{1,200}(\?(baud=[0-9]{3,6})?(&?width=[0-9]{1,2})?)?$`)
)

func (d Display) check(p *problems) {
	for _, m := range []struct{ field, v string }{{"display.monitor", d.Monitor}, {"display.kiosk_monitor", d.KioskMonitor}} {
		if m.v != "" && !monitorRE.MatchString(m.v) {
			p.add(m.field, "want an output's name (HDMI-2) or its place from 1, got %q", clip(m.v))
		}
	}
	if d.Monitor != "" && d.Monitor == d.KioskMonitor {
		p.add("display.monitor", "%q is also the kiosk's monitor", clip(d.Monitor))
	}
	switch {
	case len(d.Languages) == 0 || len(d.Languages) > 2:
		p.add("display.languages", `want ["ar"], ["en"] or ["ar", "en"], got %d languages`, len(d.Languages))
	case len(d.Languages) == 2 && (d.Languages[0] != lang.AR || d.Languages[1] != lang.EN):
		p.add("display.languages", `two languages are ["ar", "en"]: Arabic first`)
	case d.Languages[0] != lang.AR && d.Languages[0] != lang.EN:
		p.add("display.languages", "want ar or en, got %q", clip(string(d.Languages[0])))
	}
	for _, t := range []struct {
		field string
		text  lang.Text
	}{{"display.ticker", d.Ticker}, {"display.closed", d.Closed}} {
		if t.text != (lang.Text{}) { // optional, but then in both languages
			p.text(t.field, t.text)
		}
	}
	if d.Letters != LettersEnglish && d.Letters != LettersArabic {
		p.add("display.letters", "want english or arabic, got %q", clip(d.Letters))
	}
	if dir, ok := strings.CutPrefix(d.Audio, AudioDir); ok {
		p.path("display.audio", dir, false)
	} else if d.Audio != "" && !alsaRE.MatchString(d.Audio) {
		p.add("display.audio", "want an ALSA device (plughw:1,0), off, dir:PATH or nothing, got %q", clip(d.Audio))
	}
	p.path("display.voice", d.Voice, true)
	if d.LEDs != "" && !ledsRE.MatchString(d.LEDs) {
		p.add("display.leds", "want ascii:/dev/… or modbus:/dev/…, with ?baud=9600&width=4, got %q", clip(d.LEDs))
	}
	if d.Broker != "" {
		if u, err := url.Parse(d.Broker); err != nil || (u.Scheme != "tcp" && u.Scheme != "ssl") || u.Host == "" {
			p.add("display.broker", "want tcp://host:1883 or ssl://host:8883, got %q", clip(d.Broker))
		}
	}
	if (d.Username == "") != (d.Password == "") {
		p.add("display.username", "give both the display's username and its password, or neither")
	}
	if d.Appliance != "" && !deviceRE.MatchString(d.Appliance) {
		p.add("display.appliance", "%q is not a device id", clip(d.Appliance))
	}
	if d.Username != "" && !deviceRE.MatchString(d.Username) {
		p.add("display.username", "%q is not a device id", clip(d.Username))
	}
}

// DisplayAppliance is the device id of the appliance the display follows.
func (c Config) DisplayAppliance() string {
	if c.Display.Appliance != "" {
		return c.Display.Appliance
	}
	return c.Device
}

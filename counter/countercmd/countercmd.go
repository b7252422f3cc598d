// Package countercmd is the counter keypad's command (cmd/counter): the
// reading of its flags and environment into counter.Opts, and the GPIO
// keypad that -keypad selects.
//
// The device's bus password is never a flag (a command line is visible to
// every user of the board): it comes from the file -password-file names
// (or $TABOUR_PASSWORD_FILE), or else from $TABOUR_PASSWORD.
package countercmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"periph.io/x/conn/v3/gpio"
	"periph.io/x/conn/v3/gpio/gpioreg"
	"periph.io/x/host/v3"

	"tabour/counter"
	"tabour/devices/keypad"
)

// DefaultPins are the buttons' pins of the wiring in devices/keypad.
const DefaultPins = "next=GPIO17,recall=GPIO27,done=GPIO22,no-show=GPIO23"

// Config is what the command line and the environment say.
type Config struct {
	Keypad   bool
	URL      string
	Center   string
	Device   string
	Counter  int
	Password string
	// Pins names each button's GPIO pin as gpioreg knows it.
	Pins map[keypad.Key]string
	// Light is the light's pin ("" for none); ActiveLow drives it low for
	// on (relay boards).
	Light     string
	ActiveLow bool
}

// Parse reads args (without the program name) and the environment through
// getenv. It returns flag.ErrHelp for -h.
func Parse(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("counter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&c.Keypad, "keypad", false, "drive the counter's GPIO keypad and its light")
	fs.StringVar(&c.URL, "broker", getenv("TABOUR_BROKER"), "the appliance's broker `URL`, tcp://host:1883 or ssl://host:8883 ($TABOUR_BROKER)")
	fs.StringVar(&c.Center, "center", getenv("TABOUR_CENTER"), "the center's `code` ($TABOUR_CENTER)")
	fs.StringVar(&c.Device, "device", getenv("TABOUR_DEVICE"), "the counter's device `id`, its bus username, e.g. ctr01 ($TABOUR_DEVICE)")
	counterNo := fs.String("counter", getenv("TABOUR_COUNTER"), "the counter's `number` ($TABOUR_COUNTER)")
	pwFile := fs.String("password-file", getenv("TABOUR_PASSWORD_FILE"), "`file` holding the device's bus password ($TABOUR_PASSWORD_FILE; else $TABOUR_PASSWORD)")
	pins := fs.String("pins", orString(getenv("TABOUR_KEYPAD_PINS"), DefaultPins), "the buttons' GPIO pins, `key=pin,...` ($TABOUR_KEYPAD_PINS)")
	fs.StringVar(&c.Light, "light", orString(getenv("TABOUR_KEYPAD_LIGHT"), "GPIO24"), "the \"ticket called\" light's GPIO `pin`, empty for none ($TABOUR_KEYPAD_LIGHT)")
	fs.BoolVar(&c.ActiveLow, "light-active-low", false, "drive the light's pin low for on (relay boards)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if !c.Keypad {
		return c, errors.New("give -keypad: the GPIO keypad is the only front end")
	}
	var missing []string
	for _, f := range []struct{ name, v string }{{"-broker", c.URL}, {"-center", c.Center}, {"-device", c.Device}, {"-counter", *counterNo}} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("give %s", strings.Join(missing, ", "))
	}
	n, err := strconv.Atoi(*counterNo)
	if err != nil || n <= 0 {
		return c, fmt.Errorf("-counter %q: want the counter's number", *counterNo)
	}
	c.Counter = n
	if c.Pins, err = ParsePins(*pins); err != nil {
		return c, err
	}
	if *pwFile != "" {
		b, err := os.ReadFile(*pwFile)
		if err != nil {
			return c, fmt.Errorf("password file: %w", err)
		}
		c.Password = strings.TrimRight(string(b), "\r\n")
	} else {
		c.Password = getenv("TABOUR_PASSWORD")
	}
	if c.Password == "" {
		return c, errors.New("no bus password: give -password-file FILE or set TABOUR_PASSWORD")
	}
	return c, nil
}

// ParsePins reads "next=GPIO17,recall=GPIO27,...": each key at most once.
func ParsePins(s string) (map[keypad.Key]string, error) {
	pins := map[keypad.Key]string{}
	for item := range strings.SplitSeq(s, ",") {
		name, pin, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok || pin == "" {
			return nil, fmt.Errorf("-pins: %q: want key=pin", item)
		}
		k, err := keypad.ParseKey(name)
		if err != nil {
			return nil, fmt.Errorf("-pins: %w", err)
		}
		if _, dup := pins[k]; dup {
			return nil, fmt.Errorf("-pins: %s twice", k)
		}
		pins[k] = pin
	}
	return pins, nil
}

func orString(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// Opener opens the keypad that c describes.
type Opener func(c Config) (counter.Keypad, error)

// Main runs the counter keypad with the command line args (without the
// program name) until SIGINT or SIGTERM, and returns the exit status.
func Main(args []string, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, os.Getenv, stderr, OpenGPIO)
}

// Run is Main until ctx ends, with the environment read through getenv and
// the keypad opened by open.
func Run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, open Opener) int {
	c, err := Parse(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "counter: %v\n", err)
		return 2
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	err = counter.Run(ctx, counter.Opts{URL: c.URL, Device: c.Device, Password: c.Password, Center: c.Center,
		Counter: c.Counter, Logger: logger, Open: func() (counter.Keypad, error) { return open(c) }})
	if err != nil {
		logger.Error("counter: stopped", "err", err)
		return 1
	}
	return 0
}

var hostInit = sync.OnceValue(func() error {
	_, err := host.Init()
	return err
})

// OpenGPIO opens the GPIO keypad of c through periph's host drivers. A pin
// the board does not have is an error, which Run logs, trying again later.
func OpenGPIO(c Config) (counter.Keypad, error) {
	if err := hostInit(); err != nil {
		return nil, fmt.Errorf("counter: GPIO: %w", err)
	}
	pins := map[keypad.Key]gpio.PinIn{}
	for k, name := range c.Pins {
		p := gpioreg.ByName(name)
		if p == nil {
			return nil, fmt.Errorf("counter: %s button: no GPIO pin %q", k, name)
		}
		pins[k] = p
	}
	var light gpio.PinOut
	if c.Light != "" {
		p := gpioreg.ByName(c.Light)
		if p == nil {
			return nil, fmt.Errorf("counter: light: no GPIO pin %q", c.Light)
		}
		light = p
	}
	o := keypad.DefaultOpts
	o.LightActiveLow = c.ActiveLow
	return keypad.New(pins, light, &o)
}

package hallcmd

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.bug.st/serial"

	"tabour/devices/leddisplay"
	"tabour/devices/leddisplay/ascii"
	"tabour/devices/leddisplay/modbus"
)

// ledLine is the counters' LED displays on the serial line display.leds
// names, opened when first used and opened again after a failure (a USB
// adapter unplugged and back), at most once every reopenEvery: a missing
// line makes each call fail at once, which the display's LED workers log
// and retry, and never holds up the hall.
type ledLine struct {
	uri string
	now func() time.Time

	mu       sync.Mutex
	dev      leddisplay.CounterDisplay
	close    func() error
	lastOpen time.Time
	lastErr  error
}

const reopenEvery = 5 * time.Second

var _ leddisplay.CounterDisplay = (*ledLine)(nil)

func newLEDLine(uri string) *ledLine { return &ledLine{uri: uri, now: time.Now} }

func (l *ledLine) Show(ctx context.Context, counter int, text string) error {
	if err := leddisplay.Check(text); err != nil { // the text's fault, not the line's
		return err
	}
	return l.do(func(d leddisplay.CounterDisplay) error { return d.Show(ctx, counter, text) })
}

func (l *ledLine) Clear(ctx context.Context, counter int) error {
	return l.do(func(d leddisplay.CounterDisplay) error { return d.Clear(ctx, counter) })
}

func (l *ledLine) do(f func(leddisplay.CounterDisplay) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dev == nil {
		if now := l.now(); !l.lastOpen.IsZero() && now.Sub(l.lastOpen) < reopenEvery {
			return l.lastErr
		}
		l.lastOpen = l.now()
		dev, closePort, err := openLEDs(l.uri)
		if err != nil {
			l.lastErr = err
			return err
		}
		l.dev, l.close = dev, closePort
	}
	err := f(l.dev)
	if err != nil { // the line failed: open it again next time
		_ = l.close()
		l.dev, l.close, l.lastErr = nil, nil, err
	}
	return err
}

// Close closes the line.
func (l *ledLine) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dev == nil {
		return nil
	}
	err := l.close()
	l.dev, l.close = nil, nil
	return err
}

// openLEDs opens the serial line of the counters' LED displays that
// display.leds names ("ascii:/dev/ttyUSB0?baud=9600&width=4") and returns
// its driver and the port to close.
func openLEDs(uri string) (leddisplay.CounterDisplay, func() error, error) {
	proto, rest, _ := strings.Cut(uri, ":")
	path, query, _ := strings.Cut(rest, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return nil, nil, fmt.Errorf("display.leds %q: %w", uri, err)
	}
	baud, width := 9600, leddisplay.DefaultWidth
	for key, v := range map[string]*int{"baud": &baud, "width": &width} {
		if s := q.Get(key); s != "" {
			if *v, err = strconv.Atoi(s); err != nil || *v <= 0 {
				return nil, nil, fmt.Errorf("display.leds %q: %s %q is not a positive number", uri, key, s)
			}
		}
	}
	port, err := serial.Open(path, &serial.Mode{BaudRate: baud, DataBits: 8, Parity: serial.NoParity, StopBits: serial.OneStopBit})
	if err != nil {
		return nil, nil, fmt.Errorf("display.leds: open %s: %w", path, err)
	}
	var dev leddisplay.CounterDisplay
	switch proto {
	case "ascii":
		o := ascii.DefaultOpts
		o.Width = width
		dev, err = ascii.New(port, &o)
	case "modbus":
		o := modbus.DefaultOpts
		o.Width = width
		dev, err = modbus.New(port, &o)
	default:
		err = fmt.Errorf("display.leds %q: no driver %q (ascii, modbus)", uri, proto)
	}
	if err != nil {
		port.Close()
		return nil, nil, err
	}
	return dev, port.Close, nil
}

package hallcmd

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"go.bug.st/serial"

	"tabour/devices/leddisplay"
	"tabour/devices/leddisplay/ascii"
	"tabour/devices/leddisplay/modbus"
)

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

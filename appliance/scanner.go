package appliance

import (
	"context"
	"fmt"
	"log"
	"net/url"
	"strconv"
	"strings"

	"tabour/devices/idscan"
	"tabour/devices/idscan/evdev"
	"tabour/devices/idscan/serialscan"
)

// openScanner builds the configured national-ID scanner; nil when there is
// none.
func openScanner(device string) (idscan.Scanner, error) {
	kind, rest, _ := strings.Cut(device, ":")
	switch kind {
	case "":
		return nil, nil
	case "evdev":
		return evdev.New(rest, nil)
	case "serial":
		u, err := url.Parse(rest)
		if err != nil {
			return nil, fmt.Errorf("appliance: scanner %q: %w", device, err)
		}
		baud, _ := strconv.Atoi(u.Query().Get("baud"))
		return serialscan.New(u.Path, &serialscan.Opts{Baud: baud})
	}
	return nil, fmt.Errorf("appliance: scanner %q: want evdev: or serial:", device)
}

// scans runs the configured scanner until ctx ends, retrying it with
// backoff, and delivers each scan to deliver (the kiosk). A scanner that is
// missing or fails is logged and retried; the kiosk carries on with its
// keypad. It returns at once when no scanner is configured.
func (a *Appliance) scans(ctx context.Context, deliver func(string)) {
	s, err := openScanner(a.Config.Scanner.Device)
	if err != nil {
		log.Printf("%v (scanner not used)", err)
		return
	}
	if s == nil {
		return
	}
	scans := make(chan string, 4)
	go idscan.RunWithRetry(ctx, s, scans, func(err error) {
		if err != nil {
			log.Printf("appliance: scanner %s: %v (retrying)", a.Config.Scanner.Device, err)
		}
	})
	for {
		select {
		case <-ctx.Done():
			return
		case s := <-scans:
			deliver(s)
		}
	}
}

package ctl

import (
	"fmt"
	"time"

	"tabour/config"
	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/kiosk/flow"
	"tabour/lang"
	"tabour/ui/i18n"
)

// printOut is what print-test prints with --json.
type printOut struct {
	Printer string `json:"printer"`
	Before  string `json:"status_before"`
	Detail  string `json:"detail,omitempty"`
	Printed bool   `json:"printed"`
	Error   string `json:"error,omitempty"`
}

// cmdPrintTest prints a test ticket in Arabic (or English) on a printer
// and reports its status, for the technician who installs it.
func cmdPrintTest(e *env, args []string) error {
	fs := e.flags("print-test")
	uri := fs.String("printer", "", "usb:/dev/usb/lp0, tcp://HOST:9100, serial:/dev/ttyUSB0?baud=19200 or virtual:DIR (default from config)")
	width := fs.Int("width", 0, "576 or 384 dots (default from config)")
	language := fs.String("lang", "ar", "ar or en")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := e.loadConfig(); err != nil {
		return err
	}
	if *uri == "" {
		*uri = e.cfg.Printer.URI
	}
	if *uri == "" {
		return fmt.Errorf("%w: --printer is required (no printer.uri in the config)", errUsage)
	}
	opts := escpos.DefaultOpts
	opts.Width = e.cfg.Printer.WidthDots
	if *width != 0 {
		opts.Width = *width
	}
	p, closer, err := escpos.OpenURI(e.ctx, *uri, &opts)
	if err != nil {
		return err
	}
	if closer != nil {
		defer closer.Close()
	}
	out := printOut{Printer: *uri}
	if st, err := p.Status(e.ctx); err == nil {
		out.Before, out.Detail = string(st.State), st.Detail
	}
	perr := p.Print(e.ctx, e.testTicket(lang.Lang(*language)))
	out.Printed = perr == nil
	if perr != nil {
		out.Error = perr.Error()
	}
	if e.json {
		if err := e.printJSON(out); err != nil {
			return err
		}
	} else {
		e.printf("printer %s: %s %s\n", out.Printer, out.Before, out.Detail)
		if out.Printed {
			e.printf("test ticket printed\n")
		}
	}
	return perr
}

func (e *env) testTicket(l lang.Lang) printer.Ticket {
	p := i18n.Printer{Lang: l, ArabicDigits: e.cfg.Kiosk.Digits == config.ArabicDigits}
	return flow.TestTicket(p, e.cfg.Center.Name, time.Now().In(location(e)))
}

package flow

import (
	"tabour/devices/printer"
	"tabour/lang"
)

// SetPrinter records the printer's state as last reported by the
// appliance's printer watch. While the printer cannot print, the home
// screen says so before a citizen starts.
func (f *Flow) SetPrinter(st printer.Status) { f.printer = st }

// PrinterStatus is the printer's state as last reported; the zero
// Status (state "") means not reported yet.
func (f *Flow) PrinterStatus() printer.Status { return f.printer }

// PrinterBanner is the warning shown before a citizen starts when the
// printer cannot print, or nil.
func (f *Flow) PrinterBanner() *lang.Text {
	if f.printer.State == "" || f.printer.State.CanPrint() {
		return nil
	}
	return msg("printer.banner")
}

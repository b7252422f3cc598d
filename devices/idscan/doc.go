// Package idscan is the contract between Tabour and a national-ID scanner:
// a device that reads the 14-digit national number (from the card's
// barcode or MRZ) and delivers it as one string. The kiosk validates what
// it gets (flow.Scan); this package only delivers.
//
// A Scanner's Run sends every completed scan on a channel until its
// context ends. Run returns an error when the device fails (unplugged,
// permission denied): RunWithRetry reports that as health through its
// onState callback and runs the scanner again after a capped exponential
// backoff, so a missing scanner never stops the kiosk.
//
// Drivers:
//
//	idscan/evdev       USB keyboard-wedge scanners, read from Linux evdev and grabbed
//	                   so their keystrokes never reach the touchscreen UI
//	idscan/serialscan  scanners in serial mode (USB CDC /dev/ttyACM0, RS-232)
//	Lines              lines from any io.Reader, e.g. stdin for simulation
//	idscan/idscantest  a fake for tests
//
// A scan is at most MaxLen (64) characters; longer input is dropped whole
// with ErrTooLong, and drivers report such dropped input through their
// Dropped hook rather than as a device error.
package idscan

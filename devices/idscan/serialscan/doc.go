// Package serialscan reads an ID scanner in serial mode and implements
// idscan.Scanner.
//
// Most barcode and MRZ scanners can be switched (by scanning a setup code
// from their manual) from keyboard emulation to a serial port: USB CDC ACM
// (/dev/ttyACM0, no driver needed, the baud is ignored) or RS-232 through
// an adapter (/dev/ttyUSB0, 9600 8N1 unless set otherwise). Each scan is
// then a line ending in CR, LF or CRLF; spaces around it are trimmed, and
// a line longer than Opts.MaxLen (64) bytes is dropped and reported to
// Opts.Dropped.
//
// Run opens the port with go.bug.st/serial, reads until its context ends
// (closing the port ends a blocked read) and returns an error when the
// port cannot be opened or read — a USB scanner unplugged — so that
// idscan.RunWithRetry reopens it.
//
// # Wiring
//
// Prefer the stable name /dev/serial/by-id/usb-…-if00 to /dev/ttyACM0,
// whose number changes with plug order. Serial nodes are root:dialout
// mode 0660: the appliance user must be in group dialout (usermod -aG
// dialout tabour). ModemManager may probe new ttyACM devices and swallow
// the first scans; disable it or mark the scanner with
// ENV{ID_MM_DEVICE_IGNORE}="1" in a udev rule.
package serialscan

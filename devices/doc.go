// Package devices holds one sub-package per class of hardware a Tabour
// appliance drives. Each is a contract (an interface), one or more drivers
// and a fake for tests, as periph does with gpio and gpiotest:
//
//	printer, printer/escpos, printer/printertest   ESC/POS thermal ticket printers
//	idscan                                         national-ID scanners (keyboard wedge, serial)
//	keypad                                         GPIO counter keypads and lights
//	leddisplay                                     counter LED displays on serial lines
//	audio                                          chime and voice announcements
//
// A missing or failing device never stops the queue: it is reported as
// health, retried with backoff, and the appliance carries on.
package devices

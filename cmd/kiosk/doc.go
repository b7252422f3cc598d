// Command kiosk is the Tabour appliance: the queue engine, the printer,
// the bus and the citizen's touchscreen in one process (see package
// tabour/kiosk/kioskcmd).
//
//	kiosk [-config FILE] [-simulate] [-windowed] [-size 1280x800] [-targets FILE]
//
// Without -windowed the kiosk is fullscreen with no way out but the
// maintenance screen. In simulation a keyboard stands in for the ID
// scanner: type the digits and press Enter. SIGTERM or SIGINT stops it:
// the window first, then every other part in reverse order.
package main

// Package leddisplaytest has fakes for counter LED displays.
//
// Display is a fake leddisplay.CounterDisplay that records what each
// counter shows, for tests of code that drives displays.
//
// Bus is a fake serial line with displays on it, for driver tests: it
// decodes what a driver writes (ASCII frames with ascii.ParseFrame, or
// Modbus requests with modbus.ParseRequest), records what each address
// shows, and answers Modbus requests as a display would — with an echo, an
// exception, or silence, as set per address.
package leddisplaytest

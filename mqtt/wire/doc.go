// Package wire converts the queue engine's values to the contract's: an
// event of the log (EventFrom), the report of a service day
// (DayReportFrom), and bilingual texts both ways (TextFrom, LangText).
//
// It is the appliance's side of the contract: the bus (package mqtt), the
// upstream relay (package relay) and tabourctl (package ctl) import it; a
// client app, which speaks the contract without the queue engine, does
// not.
package wire

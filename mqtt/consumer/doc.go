// Package consumer is a reference workflow-server consumer of the
// appliances' events (tabourctl events --ack runs it): Consumer subscribes
// to events/{device} of every appliance (or joins a shared subscription),
// stores each event once, by event id, in its own SQLite file,
// acknowledges what it stored on ack/{device}, and reports sequence gaps,
// hashes that do not match and broken links of the audit chain (Report).
// Given a fixture (LoadInquiries) it also answers the appliances'
// application status inquiries.
//
// It is a client app: it speaks the bus through packages contract and
// client only, and checks each event's hash with the contract's
// Event.HashOK, never with the queue engine; a layer test at the
// repository's root keeps it so. The SQLite driver is the caller's to
// register (Opts.Driver, default "sqlite3").
package consumer

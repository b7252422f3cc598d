// Package model is what the waiting-hall display shows, as plain values:
// the newest call, the calls before it, each service's queue, and whether
// the display can trust what it shows (Hall, Call, Line, Link). It is
// built from the bus's retained topics (serving/+, queue/+,
// status/{appliance}, hall) and imports the contract only, never Fyne or the
// MQTT client: the screen (package tabour/display) draws a Hall, and
// tests check a Hall without a window or a broker.
//
// Decode reads and checks one message of those topics; anything that is
// not the contract's JSON, disagrees with its topic or holds values the
// contract does not allow is refused with an error (ErrRefused), since
// any device on the bus could publish it. A Tracker is fed the decoded
// messages, the bus connection's ups and downs and the clock, keeps the
// hall's state and tells which calls to announce: a ticket called to a
// window is announced once, a recall again (Recall), a transfer at its
// new window; the retained copies a reconnect brings again and messages
// delivered out of order are never announced, and a call found retained
// (at start, after a reconnect) only if it is younger than
// TrackerOpts.MaxAge, while one delivered live (Message.Live) is
// announced whatever its time says: the appliance's clock may be off. Tracker.Snapshot is the Hall
// at a given time; calls older than TrackerOpts.KeepFor (12 h) are left
// out, so the morning does not open on yesterday's calls.
//
// The hall topic carries the manager's line of the day (Hall.Ticker, in
// place of the display's configured one while set) and announcements:
// a new one (by id) is Hall.Notice for NoticeFor (20 s) and is chimed
// once (Update.Notice); from its arrival if it came live (the clocks may
// differ), from its time if found retained, so an old one is never shown
// again.
package model

package model

import (
	"time"

	"tabour/mqtt/contract"
)

// MaxRecent is how many calls before the newest the hall shows.
const MaxRecent = 7

// Call is one ticket called to a window.
type Call struct {
	Ticket  string        // "A023", as printed on the ticket
	Counter int           // the window's number
	Window  contract.Text // the window's name ("شباك 1" / "Window 1"); empty: by number
	Service string        // service code
	At      time.Time     // when it was called (the serving message's since)
	Recall  bool          // the same ticket called again
}

// Line is one service's queue as the hall shows it.
type Line struct {
	Service string        // service code
	Name    contract.Text // the service's name; empty: by code
	Waiting int
	// Wait is the estimated wait of a ticket taken now; -1: unknown (no
	// open counter serves the service).
	Wait time.Duration
}

// Link says whether what the hall shows can be trusted.
type Link int

const (
	// Connecting: not yet connected to the bus since the display started.
	Connecting Link = iota
	// Live: connected, and the appliance is alive (its heartbeat is fresh).
	Live
	// BusLost: the connection to the bus is down.
	BusLost
	// ApplianceLost: the bus is up but the appliance is offline, lost or
	// its heartbeat is stale.
	ApplianceLost
)

// Hall is one frame of the waiting-hall display.
type Hall struct {
	Newest *Call  // nil: no call yet today
	Recent []Call // newest first, at most MaxRecent, not Newest
	Lines  []Line // by service code
	// Open is whether any counter is open; a hall with none shows its
	// idle screen (the center is closed).
	Open bool
	Link Link
	// Since is when Link last changed (for "connection lost since 10:42").
	Since time.Time
	Now   time.Time // the clock the frame shows
	// Ticker is the bottom line the manager set for the day (the hall
	// topic); nil: the display's configured line.
	Ticker *contract.Text
	// Notice is the announcement to show now, for NoticeFor after it
	// came; nil: none.
	Notice *Notice
}

// Notice is an announcement of the manager's (the hall topic).
type Notice struct {
	ID   string
	Text contract.Text
	At   time.Time // when it was made
}

// NoticeFor is how long the hall shows an announcement.
const NoticeFor = 20 * time.Second

// Package queue is the center's queue engine: services and counters, ticket
// numbering per service-day, fair routing (appointments, overdue tickets, a
// bounded priority share, weighted first-come), statistics and wait
// estimates, and the append-only event log with its audit hash chain and the
// outbox that the MQTT relay drains.
//
// Everything lives in one SQLite file opened in WAL mode with
// synchronous=FULL. Every state change is a single transaction that writes
// the new state, one or more events (per-appliance sequence number, UUIDv7
// id, hash of the previous event) and their outbox rows, so a power cut or a
// kill -9 leaves either the whole change or none of it, and a ticket number is
// never issued twice in a service day.
//
// # The head file
//
// A file can lose committed transactions without SQLite noticing: a copy
// made without its -wal, a file emptied to zero bytes or replaced by an
// older backup. The chain's head is therefore also kept outside the
// database, in the head file <db>.head (HeadPath): the seq and hash of the
// last committed event and the highest number issued per service on the
// newest day, rewritten atomically (fsync of the file and its directory)
// after commits by a goroutine of the engine, at most every 100 ms and at
// Close: it never names an event that is not committed, and after a crash
// it may only lag the database. Open
// refuses, with a *ChainError naming the missing range of seq and both
// files, a database whose log is behind its head file or holds another
// event at the head's seq; Verify and VerifyFile report the same. The
// engine then issues nothing until an operator runs AcceptLoss (tabourctl
// audit accept-loss): it records an audit.loss_accepted event that skips
// the missing range, and numbering goes on above the highest numbers the
// head file recorded, so no number is issued twice even then.
//
// The package uses only the standard library and database/sql. The SQLite
// driver (github.com/mattn/go-sqlite3) is registered by the program's main
// package and by tests; Open refers to it by name. A test guards that this
// package never imports Fyne, paho or periph.
//
// # Routing
//
// When counter N asks for its next ticket, the engine looks only at waiting
// tickets of the services N serves (and tickets transferred to N itself), and
// takes the first of the rules below. What N serves, and with what weight,
// is the catalog's (SyncCatalog) unless the manager changed it for the
// current service day (SetCounterServicesToday, a counter.services event);
// the next day starts from the catalog again.
//
// The rules:
//
//  1. a checked-in appointment whose window (Options.AppointmentEarly before
//     to Options.AppointmentLate after its time) contains now, earliest first;
//  2. an overdue ticket: one that has waited longer than its service's target
//     wait, longest waiting first;
//  3. a priority ticket (elderly, disability, pregnancy, other), if at least
//     Options.PriorityEvery normal tickets have been called in the center
//     since the last priority ticket — so priority never takes more than one
//     call in PriorityEvery+1 while normal tickets wait;
//  4. first come, first served across N's services, each ticket's waiting
//     time multiplied by the weight N gives its service.
//
// A counter may also call one ticket explicitly, with a reason code
// (CallReasons) and an optional note. Every call stores the reason it was
// chosen (appointment, overdue, priority, fifo, manual). Free text never
// enters the hashed event log: pauses, calls out of order and
// cancellations carry a code, and a clerk's note is kept beside the event
// (EventNote), where RedactNote can erase it without breaking the chain. Calls are serialised by SQLite's write lock, so two counters that
// call at the same instant never receive the same ticket.
//
// # A ticket's life
//
// waiting → called (recalls counted) → serving → done, or from called:
// no_show (back to waiting up to Options.RecycleNoShows times), done (a
// counter without a start key), or not_started when the counter calls the
// next ticket without having started or finished it. A ticket may also be
// transferred (waiting again, same number), held and returned, cancelled
// while waiting or held, and expired at day close. Each change appends one
// event (see the Ev constants for their types and data).
//
// # The hall's notices
//
// SetHallTicker and Announce record the manager's line of the day and
// announcements for the hall display as hall.ticker and hall.announced
// events, text in their data (a notice to the public, never personal
// data); Hall reads the current service day's state back from the last of
// them, so a restarted appliance shows the same.
//
// # The citizen's rating
//
// After a ticket is done, the citizen may rate the service once, the same
// service day: Rate stores a score from 1 to 5 and up to four reason codes
// (RatingReasons) in the ratings table and appends a ticket.rated event
// (EvRated) in one transaction; a second rating is refused with
// ErrAlreadyRated. A rating names the ticket, never the person. Ratings
// lists a day's, and LastDone finds the ticket a counter finished last, for
// the tablet facing the citizen at that window.
//
// # Wait estimate
//
// A wait is estimated by replaying the routing forward from the center's
// state now (see forecast.go): every counter that is open, or on a break
// and expected back, calls again when the ticket in its hand ends (the time
// left drawn from its handling-time distribution given how long it has
// lasted) and picks by the rules above, over every waiting ticket of every
// service. Handling times (call to end) are learned per service, and per
// service and counter once a counter has served five, in the transaction
// that finishes a ticket: an exponentially weighted mean over about the
// last Options.EstimateWindow served tickets, and its spread; blended with
// the service's configured average until five are served. No-shows feed a
// no-show rate and the time they keep a counter; tickets passed over as
// not_started feed nothing, nor do they count in Stats' served_today and
// mean service time.
//
// EstimateNew and EstimateTicket run the replay forty times with sampled
// handling times, no-shows and arrivals at today's recent rate (priority
// tickets arriving later overtake; later tickets of the ticket's own
// queue, which cannot, are not replayed); the wait is the replays' 60th
// percentile. Low–High is the replays' own 10–90 % spread scaled by how
// the day's promises fell within theirs (see calibrate), or their spread
// until twenty were kept. Stats' per-service estimate is one replay with
// mean handling times. An estimate's cost does not grow with the queue:
// it reads the open tickets only up to a few hundred per queue (the rest
// are counted), the counters, the handling table, the latest tickets
// issued and the latest promises, never the whole day; a run replays at
// most a few hundred calls and goes on from there at the pace it found,
// and long queues get fewer runs. What is read is shared by the estimates
// made before this engine's next commit (for at most a second), so Stats
// reads the center once for all its services. With no counter open or on
// a break serving the service, or none that will call the ticket, the
// estimate is unknown.
//
// The first estimate given for a ticket just issued is kept as its promise,
// and Accuracy scores a day's promises against the waits the tickets had.
package queue

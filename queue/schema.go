package queue

// migrations are applied in order; PRAGMA user_version records how many ran.
// Never edit a released migration: append a new one.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE services (
	code            TEXT PRIMARY KEY,
	prefix          TEXT NOT NULL UNIQUE,
	name_ar         TEXT NOT NULL,
	name_en         TEXT NOT NULL,
	category        TEXT NOT NULL,
	target_wait_min INTEGER NOT NULL,
	avg_service_min INTEGER NOT NULL,
	active          INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE counters (
	number       INTEGER PRIMARY KEY,
	label_ar     TEXT NOT NULL,
	label_en     TEXT NOT NULL,
	state        TEXT NOT NULL DEFAULT 'closed',
	state_reason TEXT NOT NULL DEFAULT '',
	state_since  TEXT NOT NULL DEFAULT '',
	active       INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE counter_services (
	counter INTEGER NOT NULL REFERENCES counters(number),
	service TEXT NOT NULL REFERENCES services(code),
	weight  INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (counter, service)
) STRICT;

CREATE TABLE tickets (
	id              INTEGER PRIMARY KEY,
	ref             TEXT NOT NULL, -- unique: derived from day, label and cycle
	service         TEXT NOT NULL, -- the queue it waits in now (changes on transfer)
	num_service     TEXT NOT NULL, -- the service whose numbering issued it
	day             TEXT NOT NULL,
	number          INTEGER NOT NULL,
	cycle           INTEGER NOT NULL DEFAULT 0,
	label           TEXT NOT NULL,
	state           TEXT NOT NULL,
	priority        TEXT NOT NULL DEFAULT 'none',
	prio            INTEGER NOT NULL DEFAULT 0,
	kind            TEXT NOT NULL DEFAULT 'submit',
	counter         INTEGER NOT NULL DEFAULT 0,
	target_counter  INTEGER NOT NULL DEFAULT 0,
	appointment_at  INTEGER NOT NULL DEFAULT 0,
	issued_at       INTEGER NOT NULL,
	queued_at       INTEGER NOT NULL,
	first_called_at INTEGER NOT NULL DEFAULT 0,
	called_at       INTEGER NOT NULL DEFAULT 0,
	started_at      INTEGER NOT NULL DEFAULT 0,
	ended_at        INTEGER NOT NULL DEFAULT 0,
	recalls         INTEGER NOT NULL DEFAULT 0,
	no_shows        INTEGER NOT NULL DEFAULT 0,
	transfers       INTEGER NOT NULL DEFAULT 0,
	call_reason     TEXT NOT NULL DEFAULT '',
	nid_hash        TEXT NOT NULL DEFAULT '',
	first_seq       INTEGER NOT NULL DEFAULT 0, -- seq of its ticket.issued event
	-- numbering reads the highest number of a cycle from this index: the
	-- number is allocated by the same insert that stores the ticket
	UNIQUE (num_service, day, cycle, number)
) STRICT;

CREATE INDEX tickets_waiting ON tickets (day, service, state, prio, queued_at);
CREATE INDEX tickets_appointments ON tickets (day, service, appointment_at) WHERE appointment_at > 0;
-- partial: issuing a ticket does not touch it
CREATE INDEX tickets_counter ON tickets (counter) WHERE state IN ('called','serving');
CREATE INDEX tickets_nid ON tickets (nid_hash, service) WHERE nid_hash != '';

-- events is append-only: seq has no gaps, and each row's hash covers its
-- fields and the previous row's hash (the audit chain).
CREATE TABLE events (
	seq       INTEGER PRIMARY KEY,
	id        TEXT NOT NULL, -- UUIDv7; acks find it through the outbox
	device    TEXT NOT NULL,
	boot_id   TEXT NOT NULL,
	type      TEXT NOT NULL,
	ticket_id INTEGER NOT NULL DEFAULT 0,
	ticket    TEXT NOT NULL DEFAULT '',
	service   TEXT NOT NULL DEFAULT '',
	counter   INTEGER NOT NULL DEFAULT 0,
	reason    TEXT NOT NULL DEFAULT '',
	data      TEXT NOT NULL DEFAULT '',
	at        INTEGER NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
) STRICT;

-- outbox lists the events the upstream relay has not had acknowledged.
CREATE TABLE outbox (
	seq INTEGER PRIMARY KEY REFERENCES events(seq)
) STRICT;

CREATE TRIGGER events_outbox AFTER INSERT ON events BEGIN
	INSERT INTO outbox (seq) VALUES (NEW.seq);
END;

-- routing carries the fairness state: normal calls since the last priority call.
CREATE TABLE routing (
	day                  TEXT PRIMARY KEY,
	normal_since_priority INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`,
	// 2: figures kept as tickets change, so that Stats, the estimates'
	// inputs and the queue topics read a few rows instead of the day.
	// Triggers keep them in the transaction of every ticket write, by
	// whichever process writes; the inserts at the end backfill them.
	`
-- service_day holds, per service day and the service a ticket is queued
-- in now, what ServiceStats reports: waiting tickets, tickets called at
-- least once and their summed wait to the first call, tickets done and
-- their summed service time (start to end), no-shows, called tickets first
-- called within the service's target wait, and the last ticket called or
-- recalled while queued in it.
CREATE TABLE service_day (
	day            TEXT NOT NULL,
	service        TEXT NOT NULL,
	waiting        INTEGER NOT NULL DEFAULT 0,
	called         INTEGER NOT NULL DEFAULT 0,
	wait_ms        INTEGER NOT NULL DEFAULT 0,
	served         INTEGER NOT NULL DEFAULT 0,
	service_ms     INTEGER NOT NULL DEFAULT 0,
	no_shows       INTEGER NOT NULL DEFAULT 0,
	within         INTEGER NOT NULL DEFAULT 0,
	last_called_at INTEGER NOT NULL DEFAULT 0,
	last_called    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (day, service)
) STRICT, WITHOUT ROWID;

-- counter_day holds the tickets each counter finished (done) per day.
CREATE TABLE counter_day (
	day     TEXT NOT NULL,
	counter INTEGER NOT NULL,
	served  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (day, counter)
) STRICT, WITHOUT ROWID;

-- the handling times behind the estimates: the last tickets done, newest
-- first, without reading the day (issuing a ticket does not touch it)
CREATE INDEX tickets_done ON tickets (day, service, ended_at) WHERE state = 'done';

CREATE TRIGGER tickets_stats_insert AFTER INSERT ON tickets BEGIN
	INSERT INTO service_day (day, service, waiting, called, wait_ms, served, service_ms, no_shows, within)
	VALUES (NEW.day, NEW.service, NEW.state = 'waiting', NEW.first_called_at > 0,
		IIF(NEW.first_called_at > 0, NEW.first_called_at - NEW.issued_at, 0),
		NEW.state = 'done', IIF(NEW.state = 'done', NEW.ended_at - NEW.started_at, 0), NEW.no_shows,
		NEW.first_called_at > 0 AND NEW.first_called_at - NEW.issued_at <=
			IFNULL((SELECT target_wait_min FROM services WHERE code = NEW.service), 0) * 60000)
	ON CONFLICT (day, service) DO UPDATE SET waiting = waiting + excluded.waiting,
		called = called + excluded.called, wait_ms = wait_ms + excluded.wait_ms,
		served = served + excluded.served, service_ms = service_ms + excluded.service_ms,
		no_shows = no_shows + excluded.no_shows, within = within + excluded.within;
END;

CREATE TRIGGER tickets_stats_update AFTER UPDATE ON tickets
WHEN OLD.state IS NOT NEW.state OR OLD.service IS NOT NEW.service OR OLD.day IS NOT NEW.day
	OR OLD.first_called_at IS NOT NEW.first_called_at OR OLD.issued_at IS NOT NEW.issued_at
	OR OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at OR OLD.no_shows IS NOT NEW.no_shows
BEGIN
	UPDATE service_day SET waiting = waiting - (OLD.state = 'waiting'),
		called = called - (OLD.first_called_at > 0),
		wait_ms = wait_ms - IIF(OLD.first_called_at > 0, OLD.first_called_at - OLD.issued_at, 0),
		served = served - (OLD.state = 'done'),
		service_ms = service_ms - IIF(OLD.state = 'done', OLD.ended_at - OLD.started_at, 0),
		no_shows = no_shows - OLD.no_shows,
		within = within - (OLD.first_called_at > 0 AND OLD.first_called_at - OLD.issued_at <=
			IFNULL((SELECT target_wait_min FROM services WHERE code = OLD.service), 0) * 60000)
	WHERE day = OLD.day AND service = OLD.service;
	INSERT INTO service_day (day, service, waiting, called, wait_ms, served, service_ms, no_shows, within)
	VALUES (NEW.day, NEW.service, NEW.state = 'waiting', NEW.first_called_at > 0,
		IIF(NEW.first_called_at > 0, NEW.first_called_at - NEW.issued_at, 0),
		NEW.state = 'done', IIF(NEW.state = 'done', NEW.ended_at - NEW.started_at, 0), NEW.no_shows,
		NEW.first_called_at > 0 AND NEW.first_called_at - NEW.issued_at <=
			IFNULL((SELECT target_wait_min FROM services WHERE code = NEW.service), 0) * 60000)
	ON CONFLICT (day, service) DO UPDATE SET waiting = waiting + excluded.waiting,
		called = called + excluded.called, wait_ms = wait_ms + excluded.wait_ms,
		served = served + excluded.served, service_ms = service_ms + excluded.service_ms,
		no_shows = no_shows + excluded.no_shows, within = within + excluded.within;
END;

CREATE TRIGGER tickets_last_called AFTER UPDATE OF called_at ON tickets
WHEN NEW.called_at > OLD.called_at
BEGIN
	UPDATE service_day SET last_called_at = NEW.called_at, last_called = NEW.label
	WHERE day = NEW.day AND service = NEW.service AND last_called_at <= NEW.called_at;
END;

CREATE TRIGGER tickets_counter_done AFTER UPDATE OF state ON tickets
WHEN (OLD.state = 'done') != (NEW.state = 'done') AND NEW.counter > 0
BEGIN
	INSERT INTO counter_day (day, counter, served) VALUES (NEW.day, NEW.counter, IIF(NEW.state = 'done', 1, -1))
	ON CONFLICT (day, counter) DO UPDATE SET served = served + excluded.served;
END;

INSERT INTO service_day (day, service, waiting, called, wait_ms, served, service_ms, no_shows, within,
	last_called_at, last_called)
SELECT t.day, t.service, SUM(t.state = 'waiting'), SUM(t.first_called_at > 0),
	SUM(IIF(t.first_called_at > 0, t.first_called_at - t.issued_at, 0)),
	SUM(t.state = 'done'), SUM(IIF(t.state = 'done', t.ended_at - t.started_at, 0)), SUM(t.no_shows),
	SUM(t.first_called_at > 0 AND t.first_called_at - t.issued_at <= IFNULL(s.target_wait_min, 0) * 60000),
	0, ''
FROM tickets t LEFT JOIN services s ON s.code = t.service
GROUP BY t.day, t.service;

-- the last ticket called or recalled in each service, from the events
INSERT INTO service_day (day, service, last_called_at, last_called)
SELECT l.day, l.service, ev.at, ev.ticket
FROM (SELECT t.day AS day, e.service AS service, MAX(e.seq) AS seq FROM events e JOIN tickets t ON t.id = e.ticket_id
	WHERE e.type IN ('ticket.called', 'ticket.recalled') GROUP BY t.day, e.service) l
JOIN events ev ON ev.seq = l.seq
WHERE true
ON CONFLICT (day, service) DO UPDATE SET last_called_at = excluded.last_called_at, last_called = excluded.last_called;

INSERT INTO counter_day (day, counter, served)
SELECT day, counter, COUNT(*) FROM tickets WHERE state = 'done' AND counter > 0 GROUP BY day, counter;
`,
	// 3: handling times learned incrementally (per service, and per service
	// and counter), and the wait each ticket was promised at issue.
	`
-- handling is updated in the transaction that ends a ticket: an
-- exponentially weighted mean and second moment of call→end over served
-- tickets (alpha = 1/min(n, window)), and the no-show rate and the time a
-- no-show kept the counter. counter 0 is the service over every counter.
CREATE TABLE handling (
	service    TEXT NOT NULL,
	counter    INTEGER NOT NULL,
	n          INTEGER NOT NULL DEFAULT 0,
	mean_ms    REAL NOT NULL DEFAULT 0,
	sq_ms      REAL NOT NULL DEFAULT 0,
	calls      INTEGER NOT NULL DEFAULT 0,
	ns_rate    REAL NOT NULL DEFAULT 0,
	ns_mean_ms REAL NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (service, counter)
) STRICT, WITHOUT ROWID;

-- promises: the estimate a ticket was given when it was issued.
CREATE TABLE promises (
	ticket_id INTEGER PRIMARY KEY,
	at        INTEGER NOT NULL,
	known     INTEGER NOT NULL,
	wait_ms   INTEGER NOT NULL,
	low_ms    INTEGER NOT NULL,
	high_ms   INTEGER NOT NULL
) STRICT;
`,
	// 4: numbers numbering stays above after an operator accepted a loss
	// of events (AcceptLoss): the highest numbers the head file recorded.
	`
-- number_floor: per service (its numbering) and day, the highest number
-- issued before a loss; a new ticket's number is one past the higher of
-- it and the day's tickets.
CREATE TABLE number_floor (
	num_service TEXT NOT NULL,
	day         TEXT NOT NULL,
	cycle       INTEGER NOT NULL,
	number      INTEGER NOT NULL,
	PRIMARY KEY (num_service, day)
) STRICT, WITHOUT ROWID;
`,
	// 5: the notes kept beside events, outside the audit hash.
	`
-- event_notes holds the free text a clerk gave with a pause or a call out
-- of order; the event itself carries only a reason code. The hash does
-- not cover it, so it can be redacted (text emptied, redacted_at set)
-- without breaking the chain.
CREATE TABLE event_notes (
	event_id    TEXT PRIMARY KEY, -- events.id
	text        TEXT NOT NULL,
	redacted_at INTEGER NOT NULL DEFAULT 0 -- Unix ms; 0 while kept
) STRICT, WITHOUT ROWID;
`,
	// 6: the sealed SMS boxes of tickets.
	`
-- sms_boxes holds, per ticket whose citizen asked for text notices, the
-- mobile number sealed to the workflow server's key (never the number),
-- written with the ticket, and which notices were sent.
CREATE TABLE sms_boxes (
	ticket_id INTEGER PRIMARY KEY,
	sealed    TEXT NOT NULL,
	near      INTEGER NOT NULL DEFAULT 0,
	called    INTEGER NOT NULL DEFAULT 0
) STRICT;
`,
	// 7: the manager's changes of the day: the services a counter serves
	// today, and the hall display's line and announcements.
	`
-- counter_services_day: the services a counter serves on one service day
-- instead of its counter_services (SetCounterServicesToday); a counter
-- without rows for the day serves the catalog's.
CREATE TABLE counter_services_day (
	day     TEXT NOT NULL,
	counter INTEGER NOT NULL,
	service TEXT NOT NULL,
	weight  INTEGER NOT NULL,
	PRIMARY KEY (day, counter, service)
) STRICT, WITHOUT ROWID;

-- the hall display's state is the last hall.ticker and hall.announced
-- events: found without reading the log
CREATE INDEX events_hall ON events (type, seq) WHERE type IN ('hall.ticker', 'hall.announced');
`,
	// 8: the citizens' ratings of their service.
	`
-- ratings: at most one per done ticket (Rate), naming the ticket, never
-- the person; reasons is a JSON array of RatingReasons codes.
CREATE TABLE ratings (
	ticket_id INTEGER PRIMARY KEY,
	day       TEXT NOT NULL,
	service   TEXT NOT NULL,
	counter   INTEGER NOT NULL,
	score     INTEGER NOT NULL,
	reasons   TEXT NOT NULL,
	at        INTEGER NOT NULL
) STRICT;

CREATE INDEX ratings_day ON ratings (day, at);
`,
}

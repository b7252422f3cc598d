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
}

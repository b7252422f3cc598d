package mqtt

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"tabour/queue"
)

// cmdStore remembers every command id the appliance answered, with the
// answer, so that a command delivered twice runs once (MQTT QoS 1 is at
// least once, and counters retry).
//
// The table lives in the engine's own SQLite file. A command that changes
// the queue records its id inside the engine's own transaction
// (queue.WithTxHook), marked running: the effect and the record reach the
// disk in one fsync'd commit or not at all, so a command never runs twice
// and costs no commit, nor even a read, of its own (an id already recorded
// fails the insert and rolls the effect back; then the stored answer is
// replayed). The answer is written with the next command's transaction,
// or after a quiet second through a second *sql.DB with
// synchronous=NORMAL (SQLite appends every commit to the same WAL in
// order, so it cannot overtake the effect). After a power cut before it
// the row is still running, and a redelivery is answered "interrupted"
// instead of running the command a second time.
// A refusal (nothing changed) is stored the same way, in one write. The
// price is sharing SQLite's write lock with the engine (busy_timeout
// covers it); a separate file would need an fsync before every command to
// give the same guarantee.
type cmdStore struct{ db *sql.DB }

// cmdRecord is one row.
type cmdRecord struct {
	ID, Device, Name, Digest string
	ExpiresAt                time.Time
	Running                  bool
	Result                   []byte // the res payload as sent
}

const cmdSchema = `CREATE TABLE IF NOT EXISTS mqtt_commands (
	cmd_id     TEXT PRIMARY KEY,
	device     TEXT NOT NULL,
	name       TEXT NOT NULL,
	digest     TEXT NOT NULL,
	expires_at INTEGER NOT NULL, -- Unix ms
	running    INTEGER NOT NULL,
	result     BLOB NOT NULL
) STRICT, WITHOUT ROWID;
-- no index on expires_at: the hourly prune reads the few thousand rows of
-- the retention window, and every command saves the index's page write
DROP INDEX IF EXISTS mqtt_commands_expiry;`

// openCmdStore opens the table in the SQLite file at path.
func openCmdStore(ctx context.Context, driver, path string) (*cmdStore, error) {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	db, err := sql.Open(driver, "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("mqtt: open command table: %w", err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, cmdSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("mqtt: create command table: %w", err)
	}
	return &cmdStore{db: db}, nil
}

// dbPath returns the file of a database's main schema.
func dbPath(ctx context.Context, db *sql.DB) (string, error) {
	var path string
	err := db.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&path)
	if err != nil || path == "" {
		return "", fmt.Errorf("mqtt: find the engine's database file: %v", err)
	}
	return path, nil
}

func (s *cmdStore) Close() error { return s.db.Close() }

// errKnown stops a transaction whose command id is already recorded.
var errKnown = errors.New("mqtt: command id already recorded")

// The statements run in the engine's transactions (prepared there by
// queue.Engine.Prepare).
const (
	qRunning = `INSERT INTO mqtt_commands
		(cmd_id, device, name, digest, expires_at, running, result) VALUES (?,?,?,?,?,1,x'')
		ON CONFLICT (cmd_id) DO NOTHING`
	qAnswered = "UPDATE mqtt_commands SET running = 0, result = ? WHERE cmd_id = ?"
)

// runningTx records rec as running in the transaction of its effect, or
// fails with errKnown (rolling the effect back) if its id is recorded.
func runningTx(ctx context.Context, tx queue.Execer, rec cmdRecord) error {
	res, err := tx.ExecContext(ctx, qRunning, rec.ID, rec.Device, rec.Name, rec.Digest, rec.ExpiresAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("mqtt: record command: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errKnown
	}
	return nil
}

// answered stores the answer of a command whose effect committed with its
// running row.
func (s *cmdStore) answered(ctx context.Context, id string, result []byte) error {
	_, err := s.db.ExecContext(ctx, qAnswered, result, id)
	if err != nil {
		return fmt.Errorf("mqtt: store command result: %w", err)
	}
	return nil
}

// answeredTx writes answers in the transaction of a later command.
func answeredTx(ctx context.Context, tx queue.Execer, answers []cmdAnswer) error {
	for _, a := range answers {
		_, err := tx.ExecContext(ctx, qAnswered, a.result, a.rec.ID)
		if err != nil {
			return fmt.Errorf("mqtt: store command result: %w", err)
		}
	}
	return nil
}

// refused stores a refusal (nothing changed) as the answer of a new id. It
// returns the stored record instead, and stores nothing, if the id is
// known.
func (s *cmdStore) refused(ctx context.Context, rec cmdRecord, result []byte) (*cmdRecord, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO mqtt_commands
		(cmd_id, device, name, digest, expires_at, running, result) VALUES (?,?,?,?,?,0,?)
		ON CONFLICT (cmd_id) DO NOTHING`,
		rec.ID, rec.Device, rec.Name, rec.Digest, rec.ExpiresAt.UnixMilli(), result)
	if err != nil {
		return nil, fmt.Errorf("mqtt: store command result: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil, nil
	}
	return s.get(ctx, rec.ID)
}

var errNoCommand = errors.New("mqtt: no such command")

func (s *cmdStore) get(ctx context.Context, id string) (*cmdRecord, error) {
	r := cmdRecord{ID: id}
	var exp int64
	err := s.db.QueryRowContext(ctx, `SELECT device, name, digest, expires_at, running, result
		FROM mqtt_commands WHERE cmd_id = ?`, id).Scan(&r.Device, &r.Name, &r.Digest, &exp, &r.Running, &r.Result)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoCommand
	}
	if err != nil {
		return nil, fmt.Errorf("mqtt: read command: %w", err)
	}
	r.ExpiresAt = time.UnixMilli(exp)
	return &r, nil
}

// prune deletes the commands that expired before t.
func (s *cmdStore) prune(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM mqtt_commands WHERE expires_at < ?", t.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("mqtt: prune commands: %w", err)
	}
	return res.RowsAffected()
}

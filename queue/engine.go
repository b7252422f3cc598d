package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
)

// Engine is the queue engine of one center, backed by one SQLite file.
// It is safe for concurrent use; other processes (tabourctl) may open the
// same file at the same time.
type Engine struct {
	db     *sql.DB
	file   string // the database file
	opts   Options
	bootID string
	head   *headWriter // nil until Open has checked the head file

	stmts  map[string]*sql.Stmt // registered queries, prepared by Open
	rolled atomic.Value         // the service day known to be rolled over

	wmu   sync.Mutex // held for every write transaction
	cache writeCache // guarded by wmu

	mu       sync.Mutex // guards services
	services map[string]Service

	watch    watchers
	version  *sql.Stmt // PRAGMA data_version, for Stamp
	follow   followers
	promises promises // estimates to record with the next write
}

// Open opens (creating if needed) the database at path, applies pending
// migrations and returns an engine. The "sqlite3" driver must be registered
// by the caller (import _ "github.com/mattn/go-sqlite3").
//
// Every failure names the file and its cause. A database that does not
// match its head file (HeadPath) — its log is behind the head, or holds
// another event at the head's seq — is refused with a *ChainError before
// anything is written to it: committed events were lost or replaced, and
// numbers would be issued again. AcceptLoss lifts the refusal.
func Open(ctx context.Context, path string, opts Options) (*Engine, error) {
	return open(ctx, path, opts, true)
}

// open opens the engine; check compares the database with its head file.
func open(ctx context.Context, path string, opts Options, check bool) (*Engine, error) {
	opts = opts.withDefaults()
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	head, hasHead, err := ReadHead(path)
	if err != nil {
		return nil, err
	}
	if check && hasHead && noDatabase(path) {
		return nil, &ChainError{DB: path, HeadFile: HeadPath(path), Head: head}
	}
	db, err := sql.Open(opts.Driver, dsn(path))
	if err != nil {
		return nil, &openError{path: path, err: err}
	}
	// One connection: every transaction in this process is serialised,
	// and SQLite's immediate write lock serialises it against others.
	db.SetMaxOpenConns(1)
	e := &Engine{db: db, file: path, opts: opts, bootID: newUUIDv7(opts.Clock.Now())}
	v, err := e.schemaVersion(ctx)
	if err != nil {
		db.Close()
		return nil, &openError{path: path, err: err}
	}
	if check && hasHead {
		err := error(&ChainError{DB: path, HeadFile: HeadPath(path), Head: head})
		if v > 0 {
			err = compareHead(ctx, db, path, head)
		}
		if err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := e.migrate(ctx, v); err != nil {
		db.Close()
		return nil, &openError{path: path, err: err}
	}
	if err := e.prepare(ctx); err != nil {
		e.Close()
		return nil, &openError{path: path, err: err}
	}
	if err := e.loadServices(ctx); err != nil {
		e.Close()
		return nil, &openError{path: path, err: err}
	}
	e.head = newHeadWriter(HeadPath(path), opts.Device, e.bootID)
	if !check {
		return e, nil // AcceptLoss anchors the head file on its event
	}
	if err := e.anchorHead(ctx, head, hasHead); err != nil {
		e.Close()
		return nil, &openError{path: path, err: err}
	}
	return e, nil
}

// dsn sets WAL, synchronous=FULL (a committed transaction survives a power
// cut), immediate write transactions and a busy timeout, in the parameter
// syntax of github.com/mattn/go-sqlite3.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	q.Set("_foreign_keys", "on")
	return "file:" + path + "?" + q.Encode()
}

// Close writes the promises not yet written, brings the head file up to
// the last commit and closes the database.
func (e *Engine) Close() error {
	e.promises.mu.Lock()
	pending := len(e.promises.pending)
	e.promises.mu.Unlock()
	if pending > 0 {
		_ = e.tx(context.Background(), func(*dbtx) error { return nil }) // they are figures, not state: best effort
	}
	for _, s := range e.stmts {
		s.Close()
	}
	if e.version != nil {
		e.version.Close()
	}
	var headErr error
	if e.head != nil {
		headErr = e.head.close()
	}
	return errors.Join(e.db.Close(), headErr)
}

// BootID identifies this run of the engine on its events.
func (e *Engine) BootID() string { return e.bootID }

// Options returns the options in force.
func (e *Engine) Options() Options { return e.opts }

// DB exposes the database handle to the packages that share the file
// (the MQTT relay's replay table). Use with care: one connection.
func (e *Engine) DB() *sql.DB { return e.db }

// schemaVersion is how many migrations the database has had (0: new).
func (e *Engine) schemaVersion(ctx context.Context) (int, error) {
	var v int
	err := e.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate applies the migrations after the first v.
func (e *Engine) migrate(ctx context.Context, v int) error {
	if v > len(migrations) {
		return fmt.Errorf("queue: database schema %d is newer than this program (%d)", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		err := e.tx(ctx, func(tx *dbtx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("queue: migration %d: %w", i+1, err)
		}
	}
	return nil
}

// tx runs f in one write transaction and commits it, or rolls back on error.
func (e *Engine) tx(ctx context.Context, f func(*dbtx) error) error {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	flushed := 0
	var evs []Event
	var issued []HeadNumber
	err := e.txLocked(ctx, func(tx *dbtx) error {
		tx.events, tx.issued = &evs, &issued
		if err := f(tx); err != nil {
			return err
		}
		if hook := txHook(ctx); hook != nil {
			if err := hook(ctx, tx); err != nil {
				return err
			}
		}
		var err error
		flushed, err = e.flushPromisesTx(ctx, tx)
		return err
	})
	if err != nil {
		e.cache = writeCache{} // what this transaction cached was rolled back
		return err
	}
	e.promisesWritten(flushed)
	if n := len(evs); n > 0 && e.head != nil {
		e.head.post(evs[n-1].Seq, evs[n-1].Hash, issued)
	}
	e.follow.send(evs)
	e.watch.notify()
	return nil
}

func (e *Engine) txLocked(ctx context.Context, f func(*dbtx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("queue: begin: %w", err)
	}
	stx, err := e.db.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return fmt.Errorf("queue: begin: %w", err)
	}
	tx := &dbtx{Tx: stx, stmts: e.stmts}
	if err := f(tx); err != nil {
		if rbErr := rollback(tx); rbErr != nil {
			return errors.Join(err, rbErr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("queue: commit: %w", err)
	}
	return nil
}

func rollback(tx *dbtx) error {
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("queue: rollback: %w", err)
	}
	return nil
}

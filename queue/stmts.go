package queue

import (
	"context"
	"database/sql"
	"fmt"
)

// registered lists the queries run inside every issue and call. Open
// prepares them once; inside a transaction they are reused instead of being
// parsed again (a third of an issue's CPU time otherwise).
var registered []string

// stmt registers a hot query and returns it unchanged.
func stmt(q string) string {
	registered = append(registered, q)
	return q
}

func (e *Engine) prepare(ctx context.Context) error {
	e.stmts = make(map[string]*sql.Stmt, len(registered))
	if err := e.prepareEach(ctx, registered); err != nil {
		return err
	}
	var err error
	if e.version, err = e.db.PrepareContext(ctx, "PRAGMA data_version"); err != nil {
		return fmt.Errorf("queue: prepare data_version: %w", err)
	}
	return nil
}

// Prepare prepares queries that a transaction hook (WithTxHook) runs, so
// that each run reuses them instead of parsing them again.
func (e *Engine) Prepare(ctx context.Context, queries ...string) error {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	return e.prepareEach(ctx, queries)
}

// prepareEach adds the statements of the queries not prepared yet.
func (e *Engine) prepareEach(ctx context.Context, queries []string) error {
	for _, q := range queries {
		if _, ok := e.stmts[q]; ok {
			continue
		}
		s, err := e.db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("queue: prepare %q: %w", q, err)
		}
		e.stmts[q] = s
	}
	return nil
}

// dbtx is a write transaction that runs registered queries as prepared
// statements.
//
// Its statements run without the caller's cancellation: a write
// transaction is checked for a cancelled context before it begins and
// then runs to its end (its statements take microseconds, and go-sqlite3
// watches a cancellable context with a goroutine of its own for every
// statement, which cost a command ~80 µs of its ~600).
type dbtx struct {
	*sql.Tx
	stmts    map[string]*sql.Stmt
	prepared map[string]*sql.Stmt // stmts bound to this transaction
	events   *[]Event             // appended in this transaction, for Follow
	issued   *[]HeadNumber        // numbers issued in this transaction, for the head file
}

// stmt returns q's statement bound to the transaction, or nil if q is not
// registered.
func (tx *dbtx) stmt(ctx context.Context, q string) *sql.Stmt {
	if s, ok := tx.prepared[q]; ok {
		return s
	}
	s, ok := tx.stmts[q]
	if !ok {
		return nil
	}
	if tx.prepared == nil {
		tx.prepared = map[string]*sql.Stmt{}
	}
	s = tx.StmtContext(ctx, s)
	tx.prepared[q] = s
	return s
}

func (tx *dbtx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx = context.WithoutCancel(ctx)
	if s := tx.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, q, args...)
}

func (tx *dbtx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx = context.WithoutCancel(ctx)
	if s := tx.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, q, args...)
}

func (tx *dbtx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = context.WithoutCancel(ctx)
	if s := tx.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, q, args...)
}

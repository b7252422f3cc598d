package queue

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// checkPath refuses, before SQLite sees it, a database path that cannot be
// a database file: a directory, or a file whose directory is missing or is
// not a directory.
func checkPath(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return &openError{path: path, err: errors.New("is a directory, not a database file")}
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
		return &openError{path: path, err: unwrapPath(err)}
	}
	dir := filepath.Dir(path)
	di, err := os.Stat(dir)
	switch {
	case err != nil:
		return &openError{path: path, err: fmt.Errorf("its directory %s: %w", dir, unwrapPath(err))}
	case !di.IsDir():
		return &openError{path: path, err: fmt.Errorf("its directory %s is not a directory", dir)}
	}
	return nil
}

// checkWritable refuses a database whose directory this process may not
// write in: SQLite creates the -wal and -shm files there.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	if err := writable(dir); err != nil {
		return &openError{path: path, err: fmt.Errorf("its directory %s is not writable by this user (%w): the database's -wal and -shm files are made there", dir, err)}
	}
	return nil
}

// unwrapPath drops the path and operation of a *fs.PathError, which the
// error that wraps it names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// openError is a failure to open the database: it names the file, the
// cause and what the cause usually means.
type openError struct {
	path string
	err  error
}

func (o *openError) Error() string {
	msg := strings.TrimPrefix(o.err.Error(), "queue: ")
	if h := openHint(msg); h != "" {
		msg += " (" + h + ")"
	}
	return "queue: open " + o.path + ": " + msg
}

func (o *openError) Unwrap() error { return o.err }

// openHint explains SQLite's usual open failures, recognised by their
// messages (the queue package does not import the driver).
func openHint(msg string) string {
	switch {
	case strings.Contains(msg, "file is not a database"):
		return "a damaged or foreign file; move it aside and restore the last backup, or remove it to start an empty database"
	case strings.Contains(msg, "malformed"):
		return "the file is damaged or cut short; move it aside and restore the last backup"
	case strings.Contains(msg, "unable to open database file"):
		return "the file, or its -wal and -shm next to it, cannot be opened or created: check that the directory exists and this user may write in it"
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"):
		return "the file or its directory is not writable by this user"
	case strings.Contains(msg, "disk I/O error"):
		return "the disk failed to read or write the file"
	}
	return ""
}

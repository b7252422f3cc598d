package queue_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tabour/queue"
)

// A database file that cannot be opened gives one error naming the file
// and the cause, and leaves the data directory as it was.
func TestOpenFailuresNameFileAndCause(t *testing.T) {
	real := realDatabase(t)
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, dir string) (path string)
		want  []string
	}{
		{"garbage", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "tabour.db")
			writeFile(t, p, []byte(strings.Repeat("not a database at all; ", 400)))
			return p
		}, []string{"file is not a database", "damaged or foreign file"}},
		{"truncated", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "tabour.db")
			writeFile(t, p, real[:len(real)/2])
			return p
		}, []string{"malformed", "cut short"}},
		{"header only", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "tabour.db")
			writeFile(t, p, real[:60])
			return p
		}, []string{"malformed"}},
		{"directory", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "tabour.db")
			if err := os.Mkdir(p, 0o750); err != nil {
				t.Fatal(err)
			}
			return p
		}, []string{"is a directory"}},
		{"unwritable data dir", unwritableDir, []string{"directory"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.setup(t, dir)
			before := snapshotDir(t, dir)
			e, err := queue.Open(context.Background(), path, queue.DefaultOptions())
			if err == nil {
				e.Close()
				t.Fatal("opened")
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.HasPrefix(msg, "queue: open "+path+": ") || strings.Count(msg, "queue:") != 1 {
				t.Errorf("error %q does not start with the file it concerns", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if after := snapshotDir(t, dir); after != before {
				t.Errorf("the data directory changed:\n%s\nthen\n%s", before, after)
			}
		})
	}
}

// unwritableDir returns a database path in a directory this process may
// not create files in: a read-only directory, or for root, who writes in
// any directory, a path under a regular file.
func unwritableDir(t *testing.T, dir string) string {
	if os.Geteuid() == 0 {
		f := filepath.Join(dir, "data")
		writeFile(t, f, []byte("a regular file"))
		return filepath.Join(f, "tabour.db")
	}
	ro := filepath.Join(dir, "data")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o700) })
	return filepath.Join(ro, "tabour.db")
}

// realDatabase is the main file of a database holding a few tickets,
// checkpointed and closed.
func realDatabase(t *testing.T) []byte {
	t.Helper()
	f := newFixture(t, nil)
	for range 30 {
		f.issue("BLD", queue.PriorityNone)
		f.issue("SHOP", queue.PriorityNone)
	}
	f.call(1)
	f.must(f.Close())
	b, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 8192 {
		t.Fatalf("database of %d bytes: too small to cut", len(b))
	}
	return b
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// snapshotDir lists every file under dir with its mode, size and content
// hash, one a line.
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		line := p + " " + fi.Mode().String()
		if fi.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(data)
			line += " " + hex.EncodeToString(h[:8])
		}
		b.WriteString(line + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

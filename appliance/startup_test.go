package appliance_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tabour/appliance"
	"tabour/config"
	"tabour/queue"
)

// A database the appliance cannot open stops Run with one error naming
// the file and the cause, before the UI and without a panic, and leaves
// the data directory as it was.
func TestStartupFailuresNameFileAndCause(t *testing.T) {
	real := realDatabase(t)
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, cfg *config.Config) (file string)
		want  string
	}{
		{"garbage", func(t *testing.T, cfg *config.Config) string {
			p := filepath.Join(cfg.DataDir, "tabour.db")
			writeFile(t, p, []byte(strings.Repeat("garbage ", 1000)))
			return p
		}, "file is not a database (a damaged or foreign file"},
		{"truncated", func(t *testing.T, cfg *config.Config) string {
			p := filepath.Join(cfg.DataDir, "tabour.db")
			writeFile(t, p, real[:len(real)*2/3])
			return p
		}, "database disk image is malformed (the file is damaged or cut short"},
		{"directory", func(t *testing.T, cfg *config.Config) string {
			p := filepath.Join(cfg.DataDir, "tabour.db")
			if err := os.Mkdir(p, 0o750); err != nil {
				t.Fatal(err)
			}
			return p
		}, "is a directory, not a database file"},
		{"unwritable data dir", func(t *testing.T, cfg *config.Config) string {
			if os.Geteuid() == 0 { // root writes in any directory: put it under a regular file
				f := filepath.Join(cfg.DataDir, "data")
				writeFile(t, f, []byte("a regular file"))
				cfg.DataDir = filepath.Join(f, "center")
				return cfg.DataDir
			}
			ro := filepath.Join(cfg.DataDir, "data")
			if err := os.Mkdir(ro, 0o500); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(ro, 0o700) })
			cfg.DataDir = ro
			return filepath.Join(ro, "tabour.db")
		}, "directory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := simulated(t, onFreePort)
			top := cfg.DataDir
			file := tt.setup(t, &cfg)
			before := snapshotDir(t, top)
			err := with(cfg, appliance.Options{}, func(context.Context, *appliance.Appliance) { t.Error("the UI ran") })
			if err == nil {
				t.Fatal("Run started")
			}
			msg := err.Error()
			t.Log(msg)
			if strings.Contains(msg, "\n") || !strings.Contains(msg, file+": ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q: want one line naming %s and %q", msg, file, tt.want)
			}
			if after := snapshotDir(t, top); after != before {
				t.Errorf("the data directory changed:\n%s\nthen\n%s", before, after)
			}
		})
	}
}

// realDatabase is the database file of a simulated center after a few
// tickets, closed.
func realDatabase(t *testing.T) []byte {
	t.Helper()
	cfg := simulated(t, onFreePort)
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) {
		for range 20 {
			a.Flow.ChooseService("COLLECT")
			a.Flow.GetTicket()
			a.Flow.ConfirmTap()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(cfg.DataDir, "tabour.db"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// snapshotDir lists every file under dir with its mode and content hash.
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
		b.WriteString(p + " " + fi.Mode().String())
		if fi.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(data)
			b.WriteString(" " + hex.EncodeToString(h[:8]))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A kiosk whose database lost events its head file records (here: put
// back to a copy of its file made while it ran, without the -wal) does
// not start, with one line saying what is
// missing and the command to run.
func TestStartRefusedAfterLoss(t *testing.T) {
	cfg := simulated(t, onFreePort)
	db := filepath.Join(cfg.DataDir, "tabour.db")
	var older []byte
	err := with(cfg, appliance.Options{}, func(_ context.Context, a *appliance.Appliance) {
		var err error
		if older, err = os.ReadFile(db); err != nil {
			t.Error(err)
		}
		for range 3 {
			a.Flow.ChooseService("COLLECT")
			a.Flow.GetTicket()
			a.Flow.ConfirmTap()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, db, older)
	for _, ext := range []string{"-wal", "-shm"} {
		os.Remove(db + ext)
	}
	err = with(cfg, appliance.Options{}, func(context.Context, *appliance.Appliance) { t.Error("the UI ran") })
	if err == nil {
		t.Fatal("Run started")
	}
	msg := err.Error()
	t.Log(msg)
	if !errors.Is(err, queue.ErrChainBehind) || strings.Contains(msg, "\n") || !strings.Contains(msg, " missing: ") ||
		!strings.HasSuffix(msg, "run: tabourctl --db "+db+" audit accept-loss") {
		t.Fatalf("error %q: want one line with the missing range and the command", msg)
	}
}

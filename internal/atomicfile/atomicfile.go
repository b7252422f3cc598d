// Package atomicfile replaces a file so that a reader sees either the old
// contents or the new, never half of them, and a power cut leaves one of
// the two on disk: the config, a virtual printer's tickets.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces path with data and perm: it writes a temporary file in
// the same directory, syncs it, renames it over path and syncs the
// directory. On error the temporary file is removed and path is left as it
// was.
func Write(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

//go:build !linux

package evdev

import (
	"errors"
	"os"
)

// grab fails: evdev exists only on Linux.
func grab(f *os.File) error { return errors.ErrUnsupported }

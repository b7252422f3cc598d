package evdev

import (
	"os"

	"golang.org/x/sys/unix"
)

// EVIOCGRAB is _IOW('E', 0x90, int) from linux/input.h: direction write
// (1<<30) | size of int (4<<16) | type 'E' (0x45<<8) | number 0x90. It is
// not in x/sys/unix. With argument 1 the caller becomes the only reader
// of the device until it closes it (or ungrabs with 0).
const EVIOCGRAB = 0x40044590

// grab makes f's reader the device's only one. It keeps f non-blocking
// (f.Fd would not), so closing f still ends a blocked Read.
func grab(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ioctlErr error
	err = rc.Control(func(fd uintptr) { ioctlErr = unix.IoctlSetInt(int(fd), EVIOCGRAB, 1) })
	if err != nil {
		return err
	}
	return ioctlErr
}

// Package evdev reads a USB keyboard-wedge ID scanner through the Linux
// input subsystem (evdev) and implements idscan.Scanner.
//
// A wedge scanner is a USB HID keyboard: it "types" each scan and presses
// Enter. Left alone, those keys would land in whatever has focus on the
// kiosk, so Dev opens the scanner's own event node and grabs it
// (EVIOCGRAB): while Tabour holds it open, no other reader — X11, Fyne, a
// console — sees its keys.
//
// # Protocol
//
// Reading the node gives whole struct input_event records (linux/input.h),
// 24 bytes each on 64-bit Linux, in host order (little-endian on amd64 and
// arm64):
//
//	offset  size  field
//	0       8     time.tv_sec   (s64)
//	8       8     time.tv_usec  (s64)
//	16      2     type          (u16)  EV_SYN 0, EV_KEY 1, EV_MSC 4
//	18      2     code          (u16)  KEY_* for EV_KEY
//	20      4     value         (s32)  EV_KEY: 0 release, 1 press, 2 autorepeat
//
// A key typically comes as EV_MSC/MSC_SCAN (the HID usage), EV_KEY press,
// EV_SYN/SYN_REPORT, then EV_KEY release, EV_SYN. The Decoder keeps only
// EV_KEY presses: it tracks KEY_LEFTSHIFT (42), KEY_RIGHTSHIFT (54) and
// KEY_CAPSLOCK (58), maps codes to characters on the US layout that
// scanners emulate (KEY_1…KEY_0 = 2…11, letters, minus, space, the
// numeric keypad KEY_KP0…KEY_KP9 = 82, 79, 80, 81, 75, 76, 77, 71, 72,
// 73), and ends a scan at KEY_ENTER (28) or KEY_KPENTER (96). Autorepeat,
// EV_SYN, EV_MSC and other types are ignored; EV_SYN/SYN_DROPPED (the
// kernel lost events) drops the scan in progress.
//
// Input that cannot be a scan is dropped and reported to Opts.Dropped, the
// scanner carrying on: a scan longer than Opts.MaxLen (64) characters; a
// partial scan followed by a pause longer than Opts.IdleGap (300 ms),
// measured on the events' own timestamps, since a wedge types a whole
// scan in tens of milliseconds; bytes that are not plausible events
// (skipped until the stream realigns). Run returns an error only when the
// device cannot be opened, grabbed or read (unplugged: ENODEV).
//
// EVIOCGRAB is _IOW('E', 0x90, int) = 0x40044590, absent from x/sys/unix.
// Grabbing anything but an evdev node fails with ENOTTY, reported as
// "evdev: grab: PATH: inappropriate ioctl for device".
//
// References: linux/input.h and linux/input-event-codes.h;
// Documentation/input/input.rst (struct input_event) and
// Documentation/input/event-codes.rst in the kernel tree.
//
// # Wiring
//
// Use the stable name under /dev/input/by-id/, e.g.
// /dev/input/by-id/usb-Honeywell_Imaging_Scanner-event-kbd (an -if01-
// variant may be the same device's other interface: pick the one that
// produces events when scanning, with evtest). The event nodes are
// root:input mode 0660: run the appliance as a user in group input
// (usermod -aG input tabour), or grant just this scanner with a udev rule,
// /etc/udev/rules.d/70-tabour-scanner.rules:
//
//	SUBSYSTEM=="input", ENV{ID_VENDOR_ID}=="0c2e", ENV{ID_MODEL_ID}=="0b61", GROUP="tabour", MODE="0660"
//
// (vendor and model from `udevadm info /dev/input/event3`). Set the
// scanner to a US keyboard layout with an Enter suffix; most ship so.
// Scanners that can be switched to USB CDC serial mode are better read
// with idscan/serialscan.
package evdev

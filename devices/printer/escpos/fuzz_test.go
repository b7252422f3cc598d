package escpos_test

import (
	"testing"

	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
)

// FuzzStatus feeds ParseStatus any answers: it must not panic, must give a
// known state with a reason, must call anything but well-formed answers
// Offline, and must never let a printer with paper out, cover open or an
// error print.
func FuzzStatus(f *testing.F) {
	for _, r := range []escpostest.Replies{escpostest.Online, escpostest.PaperNearEnd,
		escpostest.PaperOut, escpostest.CoverOpen, escpostest.CutterError, escpostest.Unrecoverable,
		escpostest.Silent, escpostest.Garbage} {
		f.Add(r[0], r[1], r[2], r[3])
	}
	f.Fuzz(func(t *testing.T, n1, n2, n3, n4 int) {
		st := escpos.ParseStatus(escpos.Answers{n1, n2, n3, n4})
		switch st.State {
		case printer.OK, printer.PaperLow, printer.PaperOut, printer.CoverOpen, printer.CutterErr, printer.Offline:
		default:
			t.Fatalf("unknown state %q", st.State)
		}
		if st.Detail == "" {
			t.Fatal("no detail")
		}
		for _, v := range []int{n1, n2, n4} {
			if (v < 0 || v > 0xff || v&0x93 != 0x12) && st.State != printer.Offline {
				t.Fatalf("answer %#x gave %s, want offline", v, st.State)
			}
		}
		if st.State.CanPrint() && (n2&0x64 != 0 || n4&0x60 != 0 || n1&0x08 != 0) {
			t.Fatalf("answers %#x %#x %#x %#x gave %s", n1, n2, n3, n4, st.State)
		}
	})
}

package evdev

import (
	"flag"
	"time"
)

var update = flag.Bool("update", false, "rewrite the recorded event streams in testdata/")

// recorder builds an input_event stream as a USB keyboard wedge produces
// it: per key, MSC_SCAN (the HID usage), EV_KEY press, SYN_REPORT, then
// EV_KEY release, SYN_REPORT, 1 ms apart.
type recorder struct {
	b []byte
	t time.Duration // since the recording's epoch
}

// base is 2025-01-01T00:00:00Z: recordings have realistic timestamps.
const base = 1735689600 * time.Second

func (r *recorder) ev(typ, code uint16, value int32) *recorder {
	t := base + r.t
	e := Event{Sec: int64(t / time.Second), Usec: int64(t % time.Second / time.Microsecond), Type: typ, Code: code, Value: value}
	r.b = e.Append(r.b)
	return r
}

func (r *recorder) syn() *recorder { return r.ev(EvSyn, SynReport, 0) }

// key presses and releases code.
func (r *recorder) key(code uint16) *recorder {
	r.ev(EvMsc, 4, 0x70000+int32(code)).ev(EvKey, code, Pressed).syn()
	r.t += time.Millisecond
	r.ev(EvKey, code, Released).syn()
	r.t += time.Millisecond
	return r
}

// shifted types code with left shift held.
func (r *recorder) shifted(code uint16) *recorder {
	r.ev(EvKey, KeyLeftShift, Pressed).syn()
	r.key(code)
	r.ev(EvKey, KeyLeftShift, Released).syn()
	return r
}

// typ types s on the main keys (US layout), shifting where needed, and
// presses Enter.
func (r *recorder) typ(s string) *recorder {
	for i := 0; i < len(s); i++ {
		code, shift := keyFor(s[i])
		if shift {
			r.shifted(code)
		} else {
			r.key(code)
		}
	}
	return r.key(KeyEnter)
}

// keyFor finds the key typing c in the keys table (main block first).
func keyFor(c byte) (code uint16, shift bool) {
	for code := uint16(1); code < 70; code++ {
		k, ok := keys[code]
		if ok && k[0] == c {
			return code, false
		}
		if ok && k[1] == c {
			return code, true
		}
	}
	panic("no key types " + string(c))
}

// numpad types digits on the numeric keypad and presses keypad Enter.
func (r *recorder) numpad(digits string) *recorder {
	kp := [10]uint16{82, 79, 80, 81, 75, 76, 77, 71, 72, 73} // KEY_KP0 … KEY_KP9
	for i := 0; i < len(digits); i++ {
		r.key(kp[digits[i]-'0'])
	}
	return r.key(KeyKPEnter)
}

func (r *recorder) wait(d time.Duration) *recorder { r.t += d; return r }

func (r *recorder) raw(b ...byte) *recorder { r.b = append(r.b, b...); return r }

// recording is one testdata stream and the results it must decode to:
// "scan <text>" or "drop <kind>".
type recording struct {
	name string
	make func() []byte
	want []string
}

const nid = "29001011234567"

var recordings = []recording{
	{"digits-row", func() []byte { return (&recorder{}).typ(nid).b }, []string{"scan " + nid}},
	{"numpad", func() []byte { return (&recorder{}).numpad(nid).b }, []string{"scan " + nid}},
	{"shifted", func() []byte { return (&recorder{}).typ("P<EGY" + nid + "_Ab").b }, []string{"scan P<EGY" + nid + "_Ab"}},
	{"right-shift-caps", rightShiftCaps, []string{"scan AB1"}},
	{"autorepeat", autorepeat, []string{"scan 290"}},
	{"interleaved", interleaved, []string{"scan 12"}},
	{"two-scans", func() []byte { return (&recorder{}).typ(nid).wait(2 * time.Second).numpad("30102030405060").b },
		[]string{"scan " + nid, "scan 30102030405060"}},
	{"garbage", garbage, []string{"scan 111", "drop garbage", "scan 222", "drop garbage", "scan 333"}},
	{"truncated", truncated, []string{"drop garbage", "scan " + nid}},
	{"truncated-tail", func() []byte { b := (&recorder{}).typ("42").key(5).b; return b[:len(b)-10] }, []string{"scan 42"}},
	{"over-long", func() []byte { return (&recorder{}).typ(nid + nid + nid + nid + nid).typ("77").b },
		[]string{"drop too-long", "scan 77"}},
	{"idle-gap", func() []byte { return (&recorder{}).key(3).key(10).wait(time.Second).typ(nid).b },
		[]string{"drop partial", "scan " + nid}},
	{"enter-alone", func() []byte { return (&recorder{}).key(KeyEnter).key(KeyKPEnter).typ("5").b }, []string{"scan 5"}},
	{"syn-dropped", func() []byte { return (&recorder{}).key(2).key(3).ev(EvSyn, SynDropped, 0).typ("9").b },
		[]string{"drop syn-dropped", "scan 9"}},
}

// rightShiftCaps: right shift, then caps lock on for the rest.
func rightShiftCaps() []byte {
	r := &recorder{}
	r.ev(EvKey, KeyRightShift, Pressed).syn().key(30).ev(EvKey, KeyRightShift, Released).syn()
	r.key(KeyCapsLock).key(48).key(KeyCapsLock).key(2)
	return r.key(KeyEnter).b
}

// autorepeat: '2' held long enough to repeat, then '9', '0'.
func autorepeat() []byte {
	r := &recorder{}
	r.ev(EvKey, 3, Pressed).syn()
	for range 3 {
		r.wait(33*time.Millisecond).ev(EvKey, 3, Repeated).syn()
	}
	r.ev(EvKey, 3, Released).syn()
	return r.key(10).key(11).key(KeyEnter).b
}

// interleaved: extra SYN, MSC and LED events between the keys.
func interleaved() []byte {
	r := &recorder{}
	r.syn().ev(EvMsc, 4, 0x7001e).ev(0x11, 0, 1).syn() // LED_NUML on
	r.key(2).ev(EvMsc, 4, 0x7001f).syn().syn().key(3)
	return r.ev(EvMsc, 4, 0x70028).key(KeyEnter).b
}

// garbage: seven junk bytes between two scans, and junk in the middle of
// another, which drops it up to its Enter.
func garbage() []byte {
	r := &recorder{}
	r.typ("111").raw(0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x17).typ("222")
	r.key(4).key(4).raw([]byte("garbage")...).key(4).key(KeyEnter).typ("333")
	return r.b
}

// truncated: the press of the third key loses its last 10 bytes, as a
// short read spliced into a stream would; the rest of that scan is
// dropped, the next one is read.
func truncated() []byte {
	r := &recorder{}
	r.key(2).key(3)
	r.ev(EvMsc, 4, 0x70020).ev(EvKey, 4, Pressed)
	r.b = r.b[:len(r.b)-10]
	r.syn().ev(EvKey, 4, Released).syn().key(5).key(KeyEnter)
	return r.typ(nid).b
}

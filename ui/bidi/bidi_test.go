package bidi

import (
	"strings"
	"testing"
)

// show writes runs left to right, RTL runs marked with <…>.
func show(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.RTL {
			b.WriteString("<" + r.Text + ">")
		} else {
			b.WriteString("[" + r.Text + "]")
		}
	}
	return b.String()
}

func TestVisual(t *testing.T) {
	tests := []struct {
		name string
		in   string
		rtl  bool
		want string
	}{
		{"pure Arabic", "تذكرة رقم", true, "<تذكرة رقم>"},
		{"Arabic with Western digits", "تذكرتك رقم 23 في الانتظار", true, "< في الانتظار>[23]<تذكرتك رقم >"},
		{"counter with Arabic-Indic digit", "الشباك رقم ٥", true, "[٥]<الشباك رقم >"},
		{"ticket label inside Arabic", "تذكرة رقم A023 - شباك ٤", true, "[٤]< - شباك >[A023]<تذكرة رقم >"},
		{"brackets around Arabic", "الرسوم (حسب الدليل الموحد)", true, "<الرسوم (حسب الدليل الموحد)>"},
		{"Latin in brackets in Arabic", "خدمة (BLD-PERMIT) متاحة", true, "<) متاحة>[BLD-PERMIT]<خدمة (>"},
		{"time with colon", "الانتظار المتوقع: ١٥ دقيقة", true, "< دقيقة>[١٥]<الانتظار المتوقع: >"},
		{"date and time Western", "الأحد 22/11/2026 10:15", true, "[10:15]< >[22/11/2026]<الأحد >"},
		{"English line", "Ticket A023, counter 4", false, "[Ticket A023, counter 4]"},
		{"English with Arabic name", "Service: ترخيص بناء (A)", false, "[Service: ]<ترخيص بناء>[ (A)]"},
		{"English with Arabic and number", "Go to شباك ٥ now", false, "[Go to ][٥]<شباك >[ now]"},
		{"English with Arabic-Indic before Arabic", "Go to ٥ شباك", false, "[Go to ]< شباك>[٥]"},
		{"English with number after Arabic", "Room قاعة 12, floor 3", false, "[Room ][12]<قاعة >[, floor 3]"},
		{"trailing spaces dropped", "رقم   ", true, "<رقم>"},
		{"empty", "", true, ""},
		{"digits only in RTL", "2026", true, "[2026]"},
		{"phone number", "رقم الهاتف 01012345678", true, "[01012345678]<رقم الهاتف >"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := show(Visual(tc.in, tc.rtl)); got != tc.want {
				t.Errorf("Visual(%q, rtl=%v)\n got %s\nwant %s", tc.in, tc.rtl, got, tc.want)
			}
		})
	}
}

func TestVisualKeepsEveryRune(t *testing.T) {
	for _, s := range []string{"تذكرتك رقم 23 في الانتظار", "Go to شباك ٥ now", "(أ) [B] {ج}"} {
		n := 0
		for _, r := range Visual(s, true) {
			n += len([]rune(r.Text))
		}
		if n != len([]rune(s)) {
			t.Errorf("%q: %d runes in runs, %d in input", s, n, len([]rune(s)))
		}
	}
}

func TestIsRTL(t *testing.T) {
	for s, want := range map[string]bool{"تذكرة": true, "A023 تذكرة": false, "123 تذكرة": true, "": false, "Window": false} {
		if IsRTL(s) != want {
			t.Errorf("IsRTL(%q) = %v", s, !want)
		}
	}
}

func FuzzVisual(f *testing.F) {
	for _, s := range []string{"تذكرتك رقم 23 في الانتظار", "Go to شباك ٥ now", "((]]", "\u202eabc\u202c"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, rtl bool) {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == 0x2029 || r == 0x1c || r == 0x1d || r == 0x1e || r == 0x85 {
				return ' '
			}
			return r
		}, s)
		runs := Visual(s, rtl)
		n := 0
		for _, r := range runs {
			n += len([]rune(r.Text))
		}
		if want := len([]rune(strings.TrimRight(s, " \t\v\f\u00a0\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"))); n != want {
			t.Fatalf("%q: %d runes out, want %d", s, n, want)
		}
	})
}

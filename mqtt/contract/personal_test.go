package contract

import (
	"strings"
	"testing"
	"unicode"
)

// Every decimal digit of every script reads as the digit it stands for:
// the ranges of unicode.Nd run from a zero in blocks of ten.
func TestDigitOfEveryScript(t *testing.T) {
	check := func(lo, hi, stride uint32) {
		if stride != 1 || (hi-lo+1)%10 != 0 {
			t.Errorf("unicode.Nd range %U-%U (stride %d) is not blocks of ten", lo, hi, stride)
		}
		for r := lo; r <= hi; r++ {
			d, ok := digit(rune(r))
			if !ok || int(d-'0') != int(r-lo)%10 {
				t.Errorf("digit(%U) = %q, %v", r, d, ok)
			}
		}
	}
	for _, rg := range unicode.Nd.R16 {
		check(uint32(rg.Lo), uint32(rg.Hi), uint32(rg.Stride))
	}
	for _, rg := range unicode.Nd.R32 {
		check(rg.Lo, rg.Hi, rg.Stride)
	}
	for i, r := range []rune("₀₁₂₃₄₅₆₇₈₉") {
		if d, ok := digit(r); !ok || d != byte('0'+i) {
			t.Errorf("digit(%U) = %q, %v", r, d, ok)
		}
	}
	for i, r := range []rune("⁰¹²³⁴⁵⁶⁷⁸⁹") {
		if d, ok := digit(r); !ok || d != byte('0'+i) {
			t.Errorf("digit(%U) = %q, %v", r, d, ok)
		}
	}
}

func TestLooksPersonal(t *testing.T) {
	personal := []string{
		"29001011234567",
		"2900.1010.1234.56",
		"２９００１０１１２３４５６７",       // full-width
		"2900  1010  1234  56", // double spaces
		"290\u200b0101\u200b1234567",
		"2\u200f9\u200e001011234567",
		"٢-٩-٠-٠-١-٠-١-١-٢-٣-٤-٥-٦-٧",
		"۲۹۰۰۱۰۱۱۲۳۴۵۶۷",
		"2_9_0_0_1_0_1_1_2_3_4_5_6_7",
		"2/9/0/0/1/0/1/1/2/3/4/5/6/7",
		"my id: 2900101 / 1234567",
		"29001011234567\u0332",
		"٠١٠،٠١٢٣،٤٥٦٧",
		"0100 123 4567",
		"0 1 0 0 . 1 2 3 . 4 5 6 7",
		"+20 100 123 4567",
		"+20  100  123  4567",
		"(+20) 100-123-4567",
		"0020.100.123.4567",
		"my phone 010-0123-4567",
		"１０２３４５６７８９０",
		"٠١٠ـ٠١٢٣ـ٤٥٦٧", // tatweel
		"010😀0123😀4567", // emoji
		"0100=123=4567",
		"2️⃣9️⃣0️⃣0️⃣1️⃣0️⃣1️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣", // keycaps
	}
	for _, s := range personal {
		if !LooksPersonal(s) {
			t.Errorf("LooksPersonal(%q) = false", s)
		}
	}
	clean := []string{
		"break", "prayer", "back 10:30",
		"break, back 10:30 on 2026-11-22",
		"meeting 10:30 - 11:15, room 3",
		"ticket A023 at counter 4",
		"printer jam 2026/11/22",
		"2026-01-15 at 10:30:45.123",
		"closed 10:30–11:45 for system update v2.3.1",
		"counters 1, 2, 3 and 10, 11, 12",
		"",
	}
	for _, s := range clean {
		if LooksPersonal(s) {
			t.Errorf("LooksPersonal(%q) = true", s)
		}
	}
}

// zeros are the digit zeros of the scripts a bypass may use; the digit n
// of a script is its zero plus n.
var zeros = []rune{'0', '٠', '۰', '０', '०', '০', '๐', '߀', '𝟎', '𝟘', '𝟶', '₀'}

// separators are what a bypass may put between digits.
var separators = []string{" ", "  ", ".", "-", "/", "_", ",", "،", "٫", "٬", "\u200b", "\u200c", "\u200d",
	"\u200e", "\u200f", "\u2060", "\ufeff", "\u00a0", "\u2009", "\u3000", "\t", "\n", "‐", "–", "—", "·", "(", ")", "+", "\u0332", "\ufe0f",
	"ـ", "=", "😀", "\u20e3", "#", "*"}

// FuzzPersonalInterleaved builds a valid national ID or mobile number from
// the fuzzer's bytes, writes each of its digits in a script of the
// fuzzer's choosing with separators of its choosing around it, and checks
// that the result is refused.
func FuzzPersonalInterleaved(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{2, 3, 99, 200, 7, 1, 255, 3, 40, 41, 42, 43, 44})
	f.Add([]byte("interleave full-width digits"))
	f.Fuzz(func(t *testing.T, data []byte) {
		at := 0
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := data[at%len(data)]
			at++
			return int(b) + at/len(data)
		}
		digits := personalDigits(next)
		var b strings.Builder
		for i := 0; i < len(digits); i++ {
			if i > 0 || next()%2 == 0 {
				for range next() % 3 {
					b.WriteString(separators[next()%len(separators)])
				}
			}
			b.WriteRune(zeros[next()%len(zeros)] + rune(digits[i]-'0'))
		}
		if s := b.String(); !LooksPersonal(s) {
			t.Fatalf("LooksPersonal(%q) = false for %s", s, digits)
		}
	})
}

// personalDigits builds the digits of a national ID or a mobile number
// (with or without a country prefix) from next.
func personalDigits(next func() int) string {
	d := func(n int) byte { return byte('0' + n%10) }
	var b []byte
	if next()%2 == 0 {
		govs := []int{1, 2, 3, 4, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 88}
		month, day, gov := 1+next()%12, 1+next()%31, govs[next()%len(govs)]
		b = append(b, byte('2'+next()%2), d(next()), d(next()), d(month/10), d(month), d(day/10), d(day), d(gov/10), d(gov))
		for range 5 {
			b = append(b, d(next()))
		}
		return string(b)
	}
	b = append(b, []byte([]string{"", "20", "0020", "0"}[next()%4])...)
	if len(b) == 0 || b[0] == '0' && len(b) == 1 {
		b = []byte{'0'}
	} else if next()%2 == 0 {
		b = append(b, '0') // +20 010…, written with the trunk zero
	}
	b = append(b, '1', "0125"[next()%4])
	for range 8 {
		b = append(b, d(next()))
	}
	return string(b)
}

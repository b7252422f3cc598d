package nationalid_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode"

	"tabour/nationalid"
)

// now is the injected clock: 10 May 2026, 09:30 in Cairo (UTC+3).
var now = time.Date(2026, 5, 10, 9, 30, 0, 0, time.FixedZone("EEST", 3*3600))

// weights are those of the public check-digit algorithm, restated here so
// the tests do not trust the package's own copy.
var weights = [13]int{2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2}

// remainder returns the weighted sum of the first 13 digits modulo 11.
func remainder(first13 string) int {
	sum := 0
	for i, w := range weights {
		sum += int(first13[i]-'0') * w
	}
	return sum % 11
}

// valid appends the check digit to 13 digits: 11−r, or 0 when r is 0 or 1.
func valid(first13 string) string {
	if len(first13) != 13 {
		panic("valid: want 13 digits, got " + first13)
	}
	r := remainder(first13)
	if r < 2 {
		return first13 + "0"
	}
	return first13 + string(rune('0'+11-r))
}

// invalid appends a check digit the package's rule must refuse.
func invalid(first13 string) string {
	r := remainder(first13)
	for k := 2; k <= 9; k++ {
		if k != 11-r {
			return first13 + string(rune('0'+k))
		}
	}
	panic("unreachable")
}

// arabicIndic and easternIndic rewrite ASCII digits in the other scripts.
func arabicIndic(s string) string  { return shift(s, '\u0660') }
func easternIndic(s string) string { return shift(s, '\u06F0') }

func shift(s string, zero rune) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + r - '0'
		}
		return r
	}, s)
}

var (
	cairoMale      = valid("2850314" + "01" + "1235") // 1985-03-14, Cairo, 13th digit 5
	gizaFemale     = valid("3011231" + "21" + "0042") // 2001-12-31, Giza, 13th digit 2
	abroadMale     = valid("2900101" + "88" + "0001") // 1990-01-01, born abroad
	leapDayFemale  = valid("3000229" + "01" + "4568") // 2000-02-29
	bornToday      = valid("3260510" + "02" + "0011") // the day of now
	southSinai2009 = valid("3090701" + "35" + "7770")
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseValid(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  string
		birth time.Time
		gov   int
		sex   nationalid.Sex
	}{
		{"cairo male 1985", cairoMale, cairoMale, date(1985, 3, 14), 1, nationalid.Male},
		{"giza female 2001", gizaFemale, gizaFemale, date(2001, 12, 31), 21, nationalid.Female},
		{"born abroad", abroadMale, abroadMale, date(1990, 1, 1), 88, nationalid.Male},
		{"leap day 2000", leapDayFemale, leapDayFemale, date(2000, 2, 29), 1, nationalid.Female},
		{"born today", bornToday, bornToday, date(2026, 5, 10), 2, nationalid.Male},
		{"south sinai", southSinai2009, southSinai2009, date(2009, 7, 1), 35, nationalid.Female},
		{"arabic-indic digits", arabicIndic(cairoMale), cairoMale, date(1985, 3, 14), 1, nationalid.Male},
		{"eastern arabic-indic digits", easternIndic(gizaFemale), gizaFemale, date(2001, 12, 31), 21, nationalid.Female},
		{"mixed scripts", arabicIndic(cairoMale[:7]) + cairoMale[7:], cairoMale, date(1985, 3, 14), 1, nationalid.Male},
		{"spaces", " " + cairoMale[:1] + " " + cairoMale[1:7] + " " + cairoMale[7:9] + " " + cairoMale[9:] + " ", cairoMale, date(1985, 3, 14), 1, nationalid.Male},
		{"tabs and hyphens", cairoMale[:7] + "-" + cairoMale[7:9] + "\t" + cairoMale[9:], cairoMale, date(1985, 3, 14), 1, nationalid.Male},
		{"rlm marks", "\u200F" + arabicIndic(gizaFemale) + "\u200F", gizaFemale, date(2001, 12, 31), 21, nationalid.Female},
		{"lrm and alm marks", "\u200E" + abroadMale[:7] + "\u061C" + abroadMale[7:] + "\u200E", abroadMale, date(1990, 1, 1), 88, nationalid.Male},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := nationalid.Parse(tc.in, now, nationalid.CheckStrict)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if id.Digits != tc.want {
				t.Errorf("Digits = %s, want %s", id.Digits, tc.want)
			}
			if !id.Birth.Equal(tc.birth) || id.Birth.Location() != time.UTC {
				t.Errorf("Birth = %v, want %v UTC", id.Birth, tc.birth)
			}
			if id.Governorate.Code != tc.gov {
				t.Errorf("Governorate = %d, want %d", id.Governorate.Code, tc.gov)
			}
			if id.Sex != tc.sex {
				t.Errorf("Sex = %v, want %v", id.Sex, tc.sex)
			}
			if !id.CheckDigitOK {
				t.Error("CheckDigitOK = false, want true")
			}
		})
	}
}

// TestParseFutureUsesLocalDate: "future" compares calendar dates, with
// now's date taken in now's own location, not instants.
func TestParseFutureUsesLocalDate(t *testing.T) {
	cairo := time.FixedZone("EEST", 3*3600)
	tests := []struct {
		name    string
		now     time.Time
		wantErr bool
	}{
		{"01:00 Cairo, still the 9th in UTC", time.Date(2026, 5, 10, 1, 0, 0, 0, cairo), false},
		{"00:00 Cairo", time.Date(2026, 5, 10, 0, 0, 0, 0, cairo), false},
		{"23:59 Cairo the day before", time.Date(2026, 5, 9, 23, 59, 0, 0, cairo), true},
		{"23:59 UTC the day before", time.Date(2026, 5, 9, 23, 59, 0, 0, time.UTC), true},
	}
	for _, tc := range tests {
		_, err := nationalid.Parse(bornToday, tc.now, nationalid.CheckStrict)
		if (err != nil) != tc.wantErr || (err != nil && !errors.Is(err, nationalid.ErrFuture)) {
			t.Errorf("%s: err = %v, want error %v", tc.name, err, tc.wantErr)
		}
	}
}

func TestParseGovernorateNames(t *testing.T) {
	tests := []struct {
		in     string
		ar, en string
		abroad bool
	}{
		{cairoMale, "القاهرة", "Cairo", false},
		{gizaFemale, "الجيزة", "Giza", false},
		{abroadMale, "خارج الجمهورية", "Born abroad", true},
		{southSinai2009, "جنوب سيناء", "South Sinai", false},
	}
	for _, tc := range tests {
		id, err := nationalid.Parse(tc.in, now, nationalid.CheckStrict)
		if err != nil {
			t.Fatalf("Parse(%s): %v", tc.en, err)
		}
		g := id.Governorate
		if g.Name.AR != tc.ar || g.Name.EN != tc.en || g.Abroad() != tc.abroad || g.String() != tc.en {
			t.Errorf("Governorate = %+v (abroad %v), want %s / %s (abroad %v)", g, g.Abroad(), tc.ar, tc.en, tc.abroad)
		}
	}
}

func TestParseEveryGovernorate(t *testing.T) {
	for _, g := range nationalid.Governorates() {
		in := valid(fmt.Sprintf("2850314%02d1235", g.Code))
		id, err := nationalid.Parse(in, now, nationalid.CheckStrict)
		if err != nil {
			t.Errorf("code %02d: %v", g.Code, err)
			continue
		}
		if id.Governorate != g {
			t.Errorf("code %02d: got %+v, want %+v", g.Code, id.Governorate, g)
		}
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		now    time.Time
		reason nationalid.Reason
		want   error
	}{
		{"empty", "", now, nationalid.ReasonEmpty, nationalid.ErrEmpty},
		{"separators only", " \t-\u200F ", now, nationalid.ReasonEmpty, nationalid.ErrEmpty},
		{"13 digits", cairoMale[:13], now, nationalid.ReasonLength, nationalid.ErrLength},
		{"15 digits", cairoMale + "1", now, nationalid.ReasonLength, nationalid.ErrLength},
		{"letter", cairoMale[:5] + "O" + cairoMale[6:], now, nationalid.ReasonNonDigit, nationalid.ErrNonDigit},
		{"letters only", "abc", now, nationalid.ReasonNonDigit, nationalid.ErrNonDigit},
		{"fullwidth digit", "２" + cairoMale[1:], now, nationalid.ReasonNonDigit, nationalid.ErrNonDigit},
		{"newline", cairoMale + "\n", now, nationalid.ReasonNonDigit, nationalid.ErrNonDigit},
		{"invalid utf-8", cairoMale[:7] + "\xff" + cairoMale[7:], now, nationalid.ReasonNonDigit, nationalid.ErrNonDigit},
		{"century 1", valid("1850314011235"), now, nationalid.ReasonCentury, nationalid.ErrCentury},
		{"century 4", valid("4010101011235"), now, nationalid.ReasonCentury, nationalid.ErrCentury},
		{"century 0", valid("0850314011235"), now, nationalid.ReasonCentury, nationalid.ErrCentury},
		{"month 13", valid("2851314011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"month 00", valid("2850014011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"day 00", valid("2850300011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"day 32", valid("2850132011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"31 April", valid("2850431011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"30 February", valid("2850230011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"29 February 1900", valid("2000229011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"29 February 2001", valid("3010229011235"), now, nationalid.ReasonDate, nationalid.ErrDate},
		{"tomorrow", valid("3260511011235"), now, nationalid.ReasonFuture, nationalid.ErrFuture},
		{"2099", valid("3991231011235"), now, nationalid.ReasonFuture, nationalid.ErrFuture},
		{"born after an older now", gizaFemale, date(2001, 12, 30), nationalid.ReasonFuture, nationalid.ErrFuture},
		{"governorate 05", valid("2850314051235"), now, nationalid.ReasonGovernorate, nationalid.ErrGovernorate},
		{"governorate 99", valid("2850314991235"), now, nationalid.ReasonGovernorate, nationalid.ErrGovernorate},
		{"governorate 00", valid("2850314001235"), now, nationalid.ReasonGovernorate, nationalid.ErrGovernorate},
		{"governorate 30", valid("2850314301235"), now, nationalid.ReasonGovernorate, nationalid.ErrGovernorate},
		{"check digit", invalid("2850314011235"), now, nationalid.ReasonCheckDigit, nationalid.ErrCheckDigit},
		{"check digit arabic-indic", arabicIndic(invalid("3011231210042")), now, nationalid.ReasonCheckDigit, nationalid.ErrCheckDigit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := nationalid.Parse(tc.in, tc.now, nationalid.CheckStrict)
			if err == nil {
				t.Fatalf("Parse accepted it: %s", id)
			}
			if id != (nationalid.ID{}) {
				t.Errorf("Parse returned a non-zero ID with its error")
			}
			var e *nationalid.Error
			if !errors.As(err, &e) || e.Reason != tc.reason {
				t.Fatalf("err = %v, want reason %v", err, tc.reason)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.want)
			}
			assertNoLeak(t, tc.in, err)
		})
	}
}

func TestErrorDetails(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantLen int
		wantPos int
	}{
		{cairoMale[:13], "nationalid: got 13 digits, want 14", 13, 0},
		{cairoMale + "12", "nationalid: got 16 digits, want 14", 16, 0},
		{"\u200F" + arabicIndic(cairoMale[:3]) + "x", "nationalid: character 5 is not a digit", 0, 5},
		{"", "nationalid: empty input", 0, 0},
		{invalid("2850314011235"), "nationalid: check digit does not match", 0, 0},
	}
	for _, tc := range tests {
		_, err := nationalid.Parse(tc.in, now, nationalid.CheckStrict)
		var e *nationalid.Error
		if !errors.As(err, &e) {
			t.Fatalf("err = %v, want *Error", err)
		}
		if err.Error() != tc.want || e.Length != tc.wantLen || e.Pos != tc.wantPos {
			t.Errorf("err = %q (Length %d, Pos %d), want %q (%d, %d)", err, e.Length, e.Pos, tc.want, tc.wantLen, tc.wantPos)
		}
	}
}

func TestReasonTexts(t *testing.T) {
	reasons := []nationalid.Reason{
		nationalid.ReasonEmpty, nationalid.ReasonLength, nationalid.ReasonNonDigit,
		nationalid.ReasonCentury, nationalid.ReasonDate, nationalid.ReasonFuture,
		nationalid.ReasonGovernorate, nationalid.ReasonCheckDigit,
	}
	seen := map[string]bool{}
	for _, r := range reasons {
		e := &nationalid.Error{Reason: r}
		if !strings.HasPrefix(e.Error(), "nationalid: ") || seen[r.String()] || r.String() == "unknown" {
			t.Errorf("reason %d: Error %q, code %q", int(r), e.Error(), r.String())
		}
		seen[r.String()] = true
		if !hasArabic(e.AR()) || e.AR() != r.AR() {
			t.Errorf("%v: AR() = %q, want an Arabic sentence", r, e.AR())
		}
		if e.EN() == "" || hasArabic(e.EN()) || e.EN() != r.EN() {
			t.Errorf("%v: EN() = %q, want an English sentence", r, e.EN())
		}
	}
	if got := nationalid.ReasonLength.AR(); got != "الرقم القومي يجب أن يتكون من 14 رقمًا." {
		t.Errorf("ReasonLength.AR() = %q", got)
	}
	if got := nationalid.Reason(99); got.String() != "unknown" || got.AR() == "" || got.EN() == "" {
		t.Errorf("Reason(99) = %q, %q, %q", got.String(), got.AR(), got.EN())
	}
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

func TestErrorsIsDistinguishesReasons(t *testing.T) {
	_, err := nationalid.Parse(cairoMale[:13], now, nationalid.CheckStrict)
	if !errors.Is(err, nationalid.ErrLength) || errors.Is(err, nationalid.ErrEmpty) || errors.Is(err, nationalid.ErrCheckDigit) {
		t.Errorf("errors.Is misroutes %v", err)
	}
	if !errors.Is(fmt.Errorf("kiosk: read id: %w", err), nationalid.ErrLength) {
		t.Error("errors.Is fails through a wrapping error")
	}
}

func TestCheckModes(t *testing.T) {
	bad := invalid("2850314011235")
	tests := []struct {
		mode    nationalid.CheckMode
		in      string
		wantErr bool
		wantOK  bool
	}{
		{nationalid.CheckStrict, bad, true, false},
		{nationalid.CheckLenient, bad, false, false},
		{nationalid.CheckOff, bad, false, true},
		{nationalid.CheckStrict, cairoMale, false, true},
		{nationalid.CheckLenient, cairoMale, false, true},
		{nationalid.CheckOff, cairoMale, false, true},
		{nationalid.CheckMode(42), bad, true, false}, // unknown modes are strict
	}
	for _, tc := range tests {
		id, err := nationalid.Parse(tc.in, now, tc.mode)
		if (err != nil) != tc.wantErr {
			t.Errorf("%v: err = %v, want error %v", tc.mode, err, tc.wantErr)
			continue
		}
		if err == nil && (id.CheckDigitOK != tc.wantOK || id.Digits != tc.in) {
			t.Errorf("%v: CheckDigitOK = %v, want %v", tc.mode, id.CheckDigitOK, tc.wantOK)
		}
	}
	var zero nationalid.CheckMode
	if zero != nationalid.CheckLenient {
		t.Error("the zero CheckMode is not CheckLenient")
	}
}

// TestCheckDigitAmbiguous pins the rule for r of 0 or 1: 0 and 1 pass, any
// other digit fails.
func TestCheckDigitAmbiguous(t *testing.T) {
	for _, first13 := range []string{"2850314010001", "2850314010041"} {
		r := remainder(first13)
		if r > 1 {
			t.Fatalf("%s: r = %d, the fixture is wrong", first13, r)
		}
		for k := '0'; k <= '9'; k++ {
			_, err := nationalid.Parse(first13+string(k), now, nationalid.CheckStrict)
			if want := k <= '1'; (err == nil) != want {
				t.Errorf("r=%d, check %c: err = %v, want accepted %v", r, k, err, want)
			}
		}
	}
}

// TestCheckDigitEveryRemainder covers r from 2 to 10: exactly 11−r passes.
func TestCheckDigitEveryRemainder(t *testing.T) {
	seen := map[int]bool{}
	for serial := 0; len(seen) < 9 && serial < 1000; serial++ {
		first13 := fmt.Sprintf("285031401%03d1", serial)
		r := remainder(first13)
		if r < 2 || seen[r] {
			continue
		}
		seen[r] = true
		for k := 0; k <= 9; k++ {
			_, err := nationalid.Parse(first13+fmt.Sprint(k), now, nationalid.CheckStrict)
			if want := k == 11-r; (err == nil) != want {
				t.Errorf("r=%d, check %d: err = %v, want accepted %v", r, k, err, want)
			}
		}
	}
	if len(seen) != 9 {
		t.Fatalf("covered remainders %v, want 2..10", seen)
	}
}

func TestParseCheckMode(t *testing.T) {
	tests := []struct {
		in      string
		want    nationalid.CheckMode
		wantErr bool
	}{
		{"strict", nationalid.CheckStrict, false},
		{"lenient", nationalid.CheckLenient, false},
		{"off", nationalid.CheckOff, false},
		{" Strict ", nationalid.CheckStrict, false},
		{"OFF", nationalid.CheckOff, false},
		{"", 0, true},
		{"on", 0, true},
		{"strictest", 0, true},
	}
	for _, tc := range tests {
		got, err := nationalid.ParseCheckMode(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseCheckMode(%q) = %v, %v", tc.in, got, err)
		}
		if err == nil && got.String() != strings.ToLower(strings.TrimSpace(tc.in)) {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
	if s := nationalid.CheckMode(7).String(); s != "CheckMode(7)" {
		t.Errorf("CheckMode(7).String() = %q", s)
	}
}

func TestCheckModeText(t *testing.T) {
	var cfg struct {
		Mode nationalid.CheckMode `json:"mode"`
	}
	if err := json.Unmarshal([]byte(`{"mode":"strict"}`), &cfg); err != nil || cfg.Mode != nationalid.CheckStrict {
		t.Fatalf("unmarshal: %v, %v", cfg.Mode, err)
	}
	if err := json.Unmarshal([]byte(`{"mode":"maybe"}`), &cfg); err == nil {
		t.Error("unmarshal accepted \"maybe\"")
	}
	out, err := json.Marshal(cfg)
	if err != nil || string(out) != `{"mode":"strict"}` {
		t.Errorf("marshal = %s, %v", out, err)
	}
	if _, err := nationalid.CheckMode(-1).MarshalText(); err == nil {
		t.Error("MarshalText accepted CheckMode(-1)")
	}
}

func TestAge(t *testing.T) {
	cairo := time.FixedZone("EET", 2*3600)
	tests := []struct {
		name  string
		birth string
		on    time.Time
		want  int
	}{
		{"day before birthday", cairoMale, date(2026, 3, 13), 40},
		{"on birthday", cairoMale, date(2026, 3, 14), 41},
		{"after birthday", cairoMale, date(2026, 12, 31), 41},
		{"birthday in local time", cairoMale, time.Date(2026, 3, 14, 0, 30, 0, 0, cairo), 41},
		{"day of birth", cairoMale, date(1985, 3, 14), 0},
		{"before birth", cairoMale, date(1980, 1, 1), 0},
		{"leap day, common year 28 Feb", leapDayFemale, date(2001, 2, 28), 0},
		{"leap day, common year 1 Mar", leapDayFemale, date(2001, 3, 1), 1},
		{"leap day, leap year", leapDayFemale, date(2004, 2, 29), 4},
		{"31 Dec, next day", gizaFemale, date(2002, 1, 1), 0},
		{"31 Dec, a year on", gizaFemale, date(2002, 12, 31), 1},
	}
	for _, tc := range tests {
		id, err := nationalid.Parse(tc.birth, now, nationalid.CheckStrict)
		if err != nil {
			t.Fatal(err)
		}
		if got := id.Age(tc.on); got != tc.want {
			t.Errorf("%s: Age = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestSexFromThirteenthDigit(t *testing.T) {
	for d := 0; d <= 9; d++ {
		in := valid(fmt.Sprintf("285031401123%d", d))
		id, err := nationalid.Parse(in, now, nationalid.CheckStrict)
		if err != nil {
			t.Fatal(err)
		}
		want := nationalid.Female
		if d%2 == 1 {
			want = nationalid.Male
		}
		if id.Sex != want {
			t.Errorf("13th digit %d: Sex = %v, want %v", d, id.Sex, want)
		}
	}
}

func TestSexLabels(t *testing.T) {
	tests := []struct {
		sex         nationalid.Sex
		str, ar, en string
	}{
		{nationalid.Male, "male", "ذكر", "Male"},
		{nationalid.Female, "female", "أنثى", "Female"},
		{nationalid.Sex(0), "unknown", "غير معروف", "Unknown"},
	}
	for _, tc := range tests {
		if tc.sex.String() != tc.str || tc.sex.AR() != tc.ar || tc.sex.EN() != tc.en {
			t.Errorf("Sex(%d) = %q %q %q", int(tc.sex), tc.sex.String(), tc.sex.AR(), tc.sex.EN())
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantPos int
	}{
		{"", "", 0},
		{"0123456789", "0123456789", 0},
		{"٠١٢٣٤٥٦٧٨٩", "0123456789", 0},
		{"۰۱۲۳۴۵۶۷۸۹", "0123456789", 0},
		{"\u200E1 2\t3-4\u200F\u061C5", "12345", 0},
		{"12a", "", 3},
		{"١٢.", "", 3},
		{"1\u00A02", "", 2}, // no-break space is not a separator
		{"1\u202B2", "", 2}, // embedding controls are not marks
		{"\r\n", "", 1},
	}
	for _, tc := range tests {
		got, err := nationalid.Normalize(tc.in)
		var e *nationalid.Error
		switch {
		case tc.wantPos == 0 && (err != nil || got != tc.want):
			t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.wantPos > 0 && (!errors.As(err, &e) || e.Pos != tc.wantPos || !errors.Is(err, nationalid.ErrNonDigit)):
			t.Errorf("Normalize(%q) = %q, %v; want non-digit at %d", tc.in, got, err, tc.wantPos)
		}
	}
}

func TestGovernorates(t *testing.T) {
	all := nationalid.Governorates()
	if len(all) != 28 {
		t.Fatalf("%d governorates, want 28 (27 and abroad)", len(all))
	}
	for i, g := range all {
		if i > 0 && all[i-1].Code >= g.Code {
			t.Errorf("not ordered at %d", g.Code)
		}
		if !hasArabic(g.Name.AR) || g.Name.EN == "" {
			t.Errorf("code %d: name %+v", g.Code, g.Name)
		}
		if got, ok := nationalid.LookupGovernorate(g.Code); !ok || got != g {
			t.Errorf("LookupGovernorate(%d) = %+v, %v", g.Code, got, ok)
		}
	}
	for _, code := range []int{0, 5, 10, 20, 30, 36, 87, 99} {
		if g, ok := nationalid.LookupGovernorate(code); ok {
			t.Errorf("LookupGovernorate(%d) = %+v, want unknown", code, g)
		}
	}
	all[0].Name.EN = "changed"
	if g, _ := nationalid.LookupGovernorate(1); g.Name.EN != "Cairo" {
		t.Error("Governorates returned the package's own slice")
	}
}

func TestStringIsMasked(t *testing.T) {
	for _, in := range []string{cairoMale, gizaFemale, abroadMale, leapDayFemale} {
		id, err := nationalid.Parse(in, now, nationalid.CheckStrict)
		if err != nil {
			t.Fatal(err)
		}
		want := in[:1] + "***********" + in[12:]
		if got := id.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
		for _, out := range renderings(t, id) {
			assertMasked(t, in, out)
		}
	}
	if s := (nationalid.ID{}).String(); s != "" {
		t.Errorf("zero ID String() = %q", s)
	}
	if s := (nationalid.ID{Digits: "12345"}).String(); s != "*****" {
		t.Errorf("short ID String() = %q", s)
	}
}

// renderings prints id every way code might by accident.
func renderings(t *testing.T, id nationalid.ID) []string {
	t.Helper()
	wrapped := struct{ Citizen nationalid.ID }{id}
	js, err := json.Marshal(wrapped)
	if err != nil {
		t.Fatal(err)
	}
	var text, jsonLog bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("visit", "id", id)
	slog.New(slog.NewJSONHandler(&jsonLog, nil)).Info("visit", "id", id, "w", wrapped)
	return []string{
		id.String(), fmt.Sprint(id), fmt.Sprintf("%v %+v %#v %s %q", id, id, id, id, id),
		fmt.Sprintf("%v %+v %#v", wrapped, wrapped, wrapped), fmt.Sprint(&id),
		string(js), text.String(), jsonLog.String(),
	}
}

func assertMasked(t *testing.T, digits, out string) {
	t.Helper()
	if strings.Contains(out, digits) || strings.Contains(out, digits[1:12]) {
		t.Errorf("rendering leaks the number: %s", out)
	}
	if !strings.Contains(out, "***********") {
		t.Errorf("rendering is not the masked form: %s", out)
	}
}

// assertNoLeak fails if err's texts contain the number or a run of it.
func assertNoLeak(t *testing.T, in string, err error) {
	t.Helper()
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, shiftBack(in))
	var e *nationalid.Error
	errors.As(err, &e)
	for _, msg := range []string{err.Error(), e.AR(), e.EN()} {
		for i := 0; i+4 <= len(digits); i++ {
			if strings.Contains(msg, digits[i:i+4]) {
				t.Fatalf("error text %q contains part of the number", msg)
			}
		}
		if in != "" && strings.Contains(msg, in) {
			t.Fatalf("error text %q contains the input", msg)
		}
	}
}

// shiftBack maps Arabic-Indic digits to ASCII for the leak check.
func shiftBack(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\u0660' && r <= '\u0669':
			return '0' + r - '\u0660'
		case r >= '\u06F0' && r <= '\u06F9':
			return '0' + r - '\u06F0'
		}
		return r
	}, s)
}

func TestHash(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	a, _ := nationalid.Parse(cairoMale, now, nationalid.CheckStrict)
	b, _ := nationalid.Parse(arabicIndic(cairoMale), now, nationalid.CheckStrict)
	c, _ := nationalid.Parse(gizaFemale, now, nationalid.CheckStrict)
	ha, err := a.Hash(key)
	if err != nil {
		t.Fatal(err)
	}
	hb, _ := b.Hash(key)
	hc, _ := c.Hash(key)
	hk, _ := a.Hash([]byte("another key of sixteen+ bytes"))
	if len(ha) != 64 || ha != hb || ha == hc || ha == hk || strings.Contains(ha, cairoMale) {
		t.Errorf("hashes: %s %s %s %s", ha, hb, hc, hk)
	}
	if _, err := a.Hash([]byte("short")); err == nil {
		t.Error("Hash accepted a 5-byte key")
	}
	if _, err := (nationalid.ID{}).Hash(key); err == nil {
		t.Error("Hash accepted the zero ID")
	}
}

func TestComplete(t *testing.T) {
	for _, first13 := range []string{"2900101012345", "2850314010017", "3011231210024", "2000229880013", "2500101012345"} {
		got, err := nationalid.Complete(first13)
		if err != nil {
			t.Fatal(err)
		}
		if remainder(first13) >= 2 && got != valid(first13) {
			t.Errorf("Complete(%s) = %s, want %s", first13, got, valid(first13))
		}
		if _, err := nationalid.Parse(got, now, nationalid.CheckStrict); err != nil && !errors.Is(err, nationalid.ErrDate) && !errors.Is(err, nationalid.ErrFuture) {
			t.Errorf("Complete(%s) = %s is refused in strict mode: %v", first13, got, err)
		}
	}
	for _, bad := range []string{"", "290010101234", "29001010123456", "29001010123A5"} {
		if _, err := nationalid.Complete(bad); err == nil {
			t.Errorf("Complete(%q) accepted", bad)
		}
	}
}

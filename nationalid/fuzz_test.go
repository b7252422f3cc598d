package nationalid_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tabour/nationalid"
)

// FuzzParse checks that Parse never panics, that whatever it accepts is
// consistent, and that its errors never echo the number.
func FuzzParse(f *testing.F) {
	seeds := []string{
		cairoMale, gizaFemale, abroadMale, leapDayFemale, bornToday, southSinai2009,
		arabicIndic(cairoMale), easternIndic(gizaFemale), "\u200F" + arabicIndic(gizaFemale) + "\u200F",
		"2 850314 01 1235 3", cairoMale[:7] + "-" + cairoMale[7:9] + "\t" + cairoMale[9:],
		"", " ", cairoMale[:13], cairoMale + "1", "abc", cairoMale[:5] + "O" + cairoMale[6:],
		valid("1850314011235"), valid("4010101011235"), valid("2851314011235"),
		valid("2850431011235"), valid("2850230011235"), valid("2000229011235"),
		valid("3260511011235"), valid("2850314051235"), valid("2850314991235"),
		invalid("2850314011235"), "2850314010001", "\xff\xfe", "٢٨٥٠٣١٤",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i%4))
	}
	fuzzNow := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, m uint8) {
		mode := nationalid.CheckMode(m % 4) // 3 is unknown, which means strict
		id, err := nationalid.Parse(s, fuzzNow, mode)
		if err != nil {
			checkRejected(t, s, err)
			return
		}
		checkAccepted(t, s, id, fuzzNow, mode)
	})
}

func checkAccepted(t *testing.T, s string, id nationalid.ID, now time.Time, mode nationalid.CheckMode) {
	norm, err := nationalid.Normalize(s)
	if err != nil || norm != id.Digits || len(id.Digits) != nationalid.Length {
		t.Fatalf("Normalize(input) = %q, %v; Digits %q", norm, err, id.Digits)
	}
	if again, err := nationalid.Normalize(id.Digits); err != nil || again != id.Digits {
		t.Fatalf("Normalize(Digits) = %q, %v", again, err)
	}
	if id.Birth.After(now) || id.Birth.Location() != time.UTC || !id.Birth.Equal(id.Birth.Truncate(24*time.Hour)) {
		t.Fatalf("Birth %v is after %v or not UTC midnight", id.Birth, now)
	}
	if g, ok := nationalid.LookupGovernorate(id.Governorate.Code); !ok || g != id.Governorate {
		t.Fatalf("unknown governorate %+v", id.Governorate)
	}
	if id.Sex != nationalid.Male && id.Sex != nationalid.Female {
		t.Fatalf("Sex = %v", id.Sex)
	}
	if !id.CheckDigitOK && mode != nationalid.CheckLenient {
		t.Fatalf("CheckDigitOK false under %v", mode)
	}
	if strings.Contains(id.String(), id.Digits[1:12]) {
		t.Fatalf("String() leaks: %s", id)
	}
}

func checkRejected(t *testing.T, s string, err error) {
	var e *nationalid.Error
	if !errors.As(err, &e) || !errors.Is(err, e.Reason) || !strings.HasPrefix(err.Error(), "nationalid: ") {
		t.Fatalf("err = %#v, want a *nationalid.Error", err)
	}
	if e.AR() == "" || e.EN() == "" {
		t.Fatalf("%v: empty citizen message", e.Reason)
	}
	// Only the count of digits or a character position ever appears in the
	// text, and neither can spell a run of eight or more input digits.
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, shiftBack(s))
	if len(digits) >= 8 && strings.Contains(err.Error(), digits) {
		t.Fatalf("error %q contains the digits", err)
	}
}

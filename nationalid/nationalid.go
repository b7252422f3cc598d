package nationalid

import "time"

// Length is the number of digits in a national ID number.
const Length = 14

// Sex is the sex encoded in the 13th digit: odd for men, even for women.
type Sex int

const (
	Male Sex = iota + 1
	Female
)

// String returns "male", "female", or "unknown" for the zero value.
func (s Sex) String() string { return s.pick("male", "female", "unknown") }

// AR returns the Arabic label: ذكر or أنثى.
func (s Sex) AR() string { return s.pick("ذكر", "أنثى", "غير معروف") }

// EN returns the English label: Male or Female.
func (s Sex) EN() string { return s.pick("Male", "Female", "Unknown") }

func (s Sex) pick(male, female, unknown string) string {
	switch s {
	case Male:
		return male
	case Female:
		return female
	}
	return unknown
}

// ID is a parsed national ID number. It is personal data: see the package
// documentation. Printing, logging or marshalling an ID gives only its
// masked form; the clear number is in Digits alone.
type ID struct {
	// Digits are the 14 ASCII digits. Never log them or send them off the
	// appliance; use Hash for that.
	Digits string
	// Birth is the birth date at midnight UTC.
	Birth time.Time
	// Governorate is the governorate of birth (code 88 for born abroad).
	Governorate Governorate
	// Sex is read from the 13th digit.
	Sex Sex
	// CheckDigitOK reports whether the check digit matched the public
	// algorithm. It is always true under CheckOff.
	CheckDigitOK bool
}

// Parse normalises s (see Normalize) and validates it as a national ID
// number. The birth date must not be after now's calendar date, taken in
// now's location. mode says what to do with the check digit. Every error is
// an *Error; none contains the number.
func Parse(s string, now time.Time, mode CheckMode) (ID, error) {
	d, err := Normalize(s)
	if err != nil {
		return ID{}, err
	}
	if err := checkLength(d); err != nil {
		return ID{}, err
	}
	birth, err := birthDate(d, now)
	if err != nil {
		return ID{}, err
	}
	gov, ok := LookupGovernorate(atoi(d[7:9]))
	if !ok {
		return ID{}, reject(ReasonGovernorate)
	}
	checkOK, err := verifyCheckDigit(d, mode)
	if err != nil {
		return ID{}, err
	}
	return ID{Digits: d, Birth: birth, Governorate: gov, Sex: sexOf(d[12]), CheckDigitOK: checkOK}, nil
}

// Age returns the full years the holder has lived on the calendar date of
// on, taken in on's location; 0 before the birth date. Someone born on 29
// February turns a year older on 1 March in common years.
func (id ID) Age(on time.Time) int {
	y, m, d := on.Date()
	by, bm, bd := id.Birth.Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return max(age, 0)
}

func checkLength(d string) error {
	switch {
	case d == "":
		return reject(ReasonEmpty)
	case len(d) != Length:
		return &Error{Reason: ReasonLength, Length: len(d)}
	}
	return nil
}

// birthDate reads C YYMMDD from the 14 ASCII digits d and checks it is a
// real date not after now's calendar date.
func birthDate(d string, now time.Time) (time.Time, error) {
	century, ok := centuryBase(d[0])
	if !ok {
		return time.Time{}, reject(ReasonCentury)
	}
	y, m, day := century+atoi(d[1:3]), time.Month(atoi(d[3:5])), atoi(d[5:7])
	t := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if t.Month() != m || t.Day() != day {
		return time.Time{}, reject(ReasonDate)
	}
	ny, nm, nd := now.Date()
	if t.After(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, reject(ReasonFuture)
	}
	return t, nil
}

// centuryBase maps the century digit to the first year of its century.
func centuryBase(c byte) (int, bool) {
	switch c {
	case '2':
		return 1900, true
	case '3':
		return 2000, true
	}
	return 0, false
}

func sexOf(digit byte) Sex {
	if (digit-'0')%2 == 1 {
		return Male
	}
	return Female
}

// atoi converts a short run of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

package nationalid_test

import (
	"errors"
	"fmt"
	"time"

	"tabour/nationalid"
)

func ExampleParse() {
	now := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
	// As typed on an Arabic keypad, with a right-to-left mark.
	id, err := nationalid.Parse("\u200F٢٨٥٠٣١٤ ٠١ ١٢٣٥ ٣", now, nationalid.CheckStrict)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id) // masked: safe even if it ends up in a log
	fmt.Println(id.Birth.Format(time.DateOnly), id.Age(now))
	fmt.Println(id.Governorate.Code, id.Governorate.Name.EN, id.Governorate.Name.AR)
	fmt.Println(id.Sex.EN(), id.Sex.AR(), id.CheckDigitOK)
	// Output:
	// 2***********53
	// 1985-03-14 41
	// 1 Cairo القاهرة
	// Male ذكر true
}

func ExampleParse_error() {
	now := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
	_, err := nationalid.Parse("2850314011235", now, nationalid.CheckStrict)
	fmt.Println(err)
	fmt.Println(errors.Is(err, nationalid.ErrLength))
	var e *nationalid.Error
	if errors.As(err, &e) {
		fmt.Println(e.AR())
		fmt.Println(e.EN())
	}
	// Output:
	// nationalid: got 13 digits, want 14
	// true
	// الرقم القومي يجب أن يتكون من 14 رقمًا.
	// The national ID number must be 14 digits long.
}

func ExampleID_Hash() {
	now := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
	id, _ := nationalid.Parse("28503140112353", now, nationalid.CheckStrict)
	key := []byte("a 32-byte secret from the center") // never hard-code a real key
	h, _ := id.Hash(key)
	fmt.Println(len(h))
	// Output: 64
}

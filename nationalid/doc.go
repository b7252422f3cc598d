// Package nationalid owns the 14-digit Egyptian national ID number
// (الرقم القومي): normalising what a keypad or a scanner sends, validating it,
// and reading the birth date, governorate of birth and sex it encodes. It
// uses only the standard library.
//
// # Format
//
// A number reads C YYMMDD GG SSSS K:
//
//   - C is the century digit: 2 for births in 1900–1999, 3 for 2000–2099;
//     any other digit is rejected.
//   - YYMMDD is the birth date, which must be a real calendar date and not
//     after the current date.
//   - GG is the governorate of birth (see Governorates); 88 means born
//     abroad.
//   - SSSS is a serial; its last digit (the 13th digit of the number) is odd
//     for men and even for women.
//   - K is a check digit.
//
// Parse accepts ASCII digits, Arabic-Indic digits (٠–٩) and Eastern
// Arabic-Indic digits (۰–۹), and ignores spaces, tabs, hyphens and the bidi
// marks LRM, RLM and ALM; see Normalize.
//
// # Check digit
//
// The check-digit algorithm has never been published. The common public one
// weights the first 13 digits by 2,7,6,5,4,3,2,7,6,5,4,3,2, takes the sum
// modulo 11 as r and expects 11−r. For r of 0 or 1 that is 11 or 10, which is
// not a digit, and public implementations disagree on what to expect then.
// This package therefore expects:
//
//   - 11−r when r is 2 to 10 (giving 9 down to 1);
//   - either 0 or 1 when r is 0 or 1.
//
// Because the rule is a reconstruction, the check is a soft signal and the
// caller picks a CheckMode: CheckLenient (the zero value) accepts a mismatch
// and reports it as ID.CheckDigitOK == false; CheckStrict rejects it with
// ReasonCheckDigit; CheckOff ignores the digit altogether and reports
// CheckDigitOK == true.
//
// # Personal data
//
// A national ID number is personal data under Egypt's Personal Data
// Protection Law (Law 151 of 2020), and so are the birth date, governorate
// and sex read from it. The number must never appear in clear in logs, in
// MQTT messages or on printed tickets. Use it locally, for the moment it is
// needed, and send at most a keyed hash (ID.Hash) off the appliance.
//
// To make accidents harder, an ID formats as a masked string everywhere it
// can be printed by mistake: String, GoString (%#v), slog's LogValue and
// MarshalText (and so JSON) all give the masked form, for example
// "2***********45". The clear digits are only in the Digits field, which code
// must read on purpose. (fmt cannot call the methods of a value held in an
// unexported struct field, so do not keep an ID in one that may be printed.)
// Errors never contain the number or any part of it.
package nationalid

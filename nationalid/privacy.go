package nationalid

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// MinHashKeyLen is the shortest key Hash accepts. A national ID number has
// only about 10^10 plausible values, so an unkeyed or short-keyed hash is
// reversed by brute force; use a random key of 32 bytes kept on the
// appliance or in the center's secret store.
const MinHashKeyLen = 16

// String returns the masked number: the first digit and the last two, the
// rest as '*', e.g. "2***********45". An ID whose Digits are not 14 long is
// all '*'.
func (id ID) String() string { return mask(id.Digits) }

// GoString masks %#v too.
func (id ID) GoString() string { return "nationalid.ID(" + mask(id.Digits) + ")" }

// LogValue makes log/slog record the masked number only.
func (id ID) LogValue() slog.Value { return slog.StringValue(mask(id.Digits)) }

// MarshalText gives the masked number, so encoding/json and friends never
// write the clear digits. An ID is not meant to be stored or sent; store or
// send Hash instead.
func (id ID) MarshalText() ([]byte, error) { return []byte(mask(id.Digits)), nil }

// Hash returns the hex HMAC-SHA256 of the digits under key: the most that may
// leave the appliance, e.g. to recognise a returning citizen without holding
// the number. key must be at least MinHashKeyLen bytes.
func (id ID) Hash(key []byte) (string, error) {
	if len(key) < MinHashKeyLen {
		return "", fmt.Errorf("nationalid: hash: key shorter than %d bytes", MinHashKeyLen)
	}
	if len(id.Digits) != Length {
		return "", errors.New("nationalid: hash: not a parsed ID")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id.Digits))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

func mask(d string) string {
	if len(d) != Length {
		return strings.Repeat("*", len(d))
	}
	return d[:1] + strings.Repeat("*", Length-3) + d[Length-2:]
}

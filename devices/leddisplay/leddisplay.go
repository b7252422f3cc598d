package leddisplay

import (
	"context"
	"fmt"
	"strings"
)

// CounterDisplay shows ticket labels on the counters' displays.
// Implementations are safe for concurrent use.
type CounterDisplay interface {
	// Show puts text (a ticket label such as "A023", or "") on counter's
	// display. Text a display cannot show is an error and nothing is sent.
	Show(ctx context.Context, counter int, text string) error
	// Clear blanks counter's display.
	Clear(ctx context.Context, counter int) error
}

// DefaultWidth is the number of characters of a typical counter display.
const DefaultWidth = 4

// Shows reports whether a segment display can show c: A–Z, 0–9, space
// and '-'.
func Shows(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '-'
}

// Check returns an error naming the first character of text a segment
// display cannot show.
func Check(text string) error {
	for i := 0; i < len(text); i++ {
		if !Shows(text[i]) {
			r := []rune(text[i:])[0]
			return fmt.Errorf("leddisplay: %q cannot be shown: %q at byte %d", text, r, i)
		}
	}
	return nil
}

// Fit checks text and right-aligns it in width characters.
func Fit(text string, width int) (string, error) {
	if err := Check(text); err != nil {
		return "", err
	}
	if len(text) > width {
		return "", fmt.Errorf("leddisplay: %q is longer than the display's %d characters", text, width)
	}
	return strings.Repeat(" ", width-len(text)) + text, nil
}

// Address returns counter's display address: addrs[counter] if addrs has
// it, otherwise counter itself, checked against [lo, hi].
func Address(addrs map[int]int, counter, lo, hi int) (int, error) {
	a, ok := addrs[counter]
	if !ok {
		a = counter
	}
	if a < lo || a > hi {
		return 0, fmt.Errorf("leddisplay: counter %d: address %d outside [%d, %d]", counter, a, lo, hi)
	}
	return a, nil
}

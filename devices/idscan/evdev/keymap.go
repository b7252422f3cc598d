package evdev

// Key codes with a meaning of their own (linux/input-event-codes.h).
const (
	KeyEnter      = 28
	KeyKPEnter    = 96
	KeyLeftShift  = 42
	KeyRightShift = 54
	KeyCapsLock   = 58
)

// keys maps a key code to the character it types on a US layout — the
// layout keyboard-wedge scanners emulate — without and with shift.
var keys = map[uint16][2]byte{
	2: {'1', '!'}, 3: {'2', '@'}, 4: {'3', '#'}, 5: {'4', '$'}, 6: {'5', '%'},
	7: {'6', '^'}, 8: {'7', '&'}, 9: {'8', '*'}, 10: {'9', '('}, 11: {'0', ')'},
	12: {'-', '_'}, 13: {'=', '+'},
	16: {'q', 'Q'}, 17: {'w', 'W'}, 18: {'e', 'E'}, 19: {'r', 'R'}, 20: {'t', 'T'},
	21: {'y', 'Y'}, 22: {'u', 'U'}, 23: {'i', 'I'}, 24: {'o', 'O'}, 25: {'p', 'P'},
	26: {'[', '{'}, 27: {']', '}'},
	30: {'a', 'A'}, 31: {'s', 'S'}, 32: {'d', 'D'}, 33: {'f', 'F'}, 34: {'g', 'G'},
	35: {'h', 'H'}, 36: {'j', 'J'}, 37: {'k', 'K'}, 38: {'l', 'L'},
	39: {';', ':'}, 40: {'\'', '"'}, 41: {'`', '~'}, 43: {'\\', '|'},
	44: {'z', 'Z'}, 45: {'x', 'X'}, 46: {'c', 'C'}, 47: {'v', 'V'}, 48: {'b', 'B'},
	49: {'n', 'N'}, 50: {'m', 'M'},
	51: {',', '<'}, 52: {'.', '>'}, 53: {'/', '?'}, 57: {' ', ' '},
	// Numeric keypad: KEY_KP7 71 … KEY_KP0 82; shift does not change them
	// (num lock is assumed on, as scanners send them).
	71: {'7', '7'}, 72: {'8', '8'}, 73: {'9', '9'}, 74: {'-', '-'},
	75: {'4', '4'}, 76: {'5', '5'}, 77: {'6', '6'}, 78: {'+', '+'},
	79: {'1', '1'}, 80: {'2', '2'}, 81: {'3', '3'}, 82: {'0', '0'}, 83: {'.', '.'},
	55: {'*', '*'}, 98: {'/', '/'},
}

// char is the character key code types, and whether it types one.
func char(code uint16, shift, caps bool) (byte, bool) {
	k, ok := keys[code]
	if !ok {
		return 0, false
	}
	c := k[0]
	if shift {
		c = k[1]
	}
	if caps && c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	} else if caps && c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c, true
}

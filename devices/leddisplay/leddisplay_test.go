package leddisplay

import "testing"

func TestFit(t *testing.T) {
	for _, c := range []struct {
		in, want string
		width    int
		ok       bool
	}{
		{"A023", "A023", 4, true},
		{"23", "  23", 4, true},
		{"", "    ", 4, true},
		{"B-7", "  B-7", 5, true},
		{"A0234", "", 4, false},
		{"a023", "", 4, false},
		{"A.23", "", 4, false},
		{"أ٢٣", "", 4, false},
		{"A\x0323", "", 4, false},
	} {
		got, err := Fit(c.in, c.width)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("Fit(%q, %d) = %q, %v; want %q, ok %v", c.in, c.width, got, err, c.want, c.ok)
		}
	}
	if _, err := Fit("أ1", 4); err == nil || err.Error() != `leddisplay: "أ1" cannot be shown: 'أ' at byte 0` {
		t.Errorf("error %v", err)
	}
}

func TestAddress(t *testing.T) {
	m := map[int]int{3: 17}
	for _, c := range []struct{ counter, want int }{{1, 1}, {3, 17}, {99, 99}, {0, -1}, {100, -1}} {
		got, err := Address(m, c.counter, 1, 99)
		if c.want < 0 && err == nil || c.want >= 0 && (err != nil || got != c.want) {
			t.Errorf("Address(%d) = %d, %v; want %d", c.counter, got, err, c.want)
		}
	}
}

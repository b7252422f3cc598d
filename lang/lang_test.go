package lang_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"tabour/lang"
)

func ExampleText_In() {
	name := lang.Text{AR: "رخصة بناء", EN: "Building permit"}
	fmt.Println(name.In(lang.AR))
	fmt.Println(name.In(lang.EN))
	// Output:
	// رخصة بناء
	// Building permit
}

func ExampleToArabicIndic() {
	fmt.Println(lang.ToArabicIndic("A023 10:15"))
	fmt.Println(lang.ToASCII("٠١٢۳٤"))
	// Output:
	// A٠٢٣ ١٠:١٥
	// 01234
}

func TestLang(t *testing.T) {
	if !lang.AR.RTL() || lang.EN.RTL() {
		t.Error("RTL: Arabic is right to left, English is not")
	}
	if lang.AR.Other() != lang.EN || lang.EN.Other() != lang.AR || lang.Lang("").Other() != lang.AR {
		t.Error("Other: the toggle goes from Arabic to English and back")
	}
	if got := (lang.Text{AR: "أ", EN: "a"}).In(""); got != "أ" {
		t.Errorf("In(\"\") = %q, want the Arabic", got)
	}
}

// The JSON shape is the one of the catalog, the config and the payloads.
func TestTextJSON(t *testing.T) {
	b, err := json.Marshal(lang.Text{AR: "شباك 1", EN: "Window 1"})
	if err != nil || string(b) != `{"ar":"شباك 1","en":"Window 1"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var got lang.Text
	if err := json.Unmarshal([]byte(`{"en":"Cairo","ar":"القاهرة"}`), &got); err != nil || got != (lang.Text{AR: "القاهرة", EN: "Cairo"}) {
		t.Fatalf("Unmarshal = %+v, %v", got, err)
	}
}

func TestASCIIDigit(t *testing.T) {
	for r, want := range map[rune]byte{'7': '7', '٧': '7', '۷': '7', '٠': '0', '۹': '9'} {
		if d, ok := lang.ASCIIDigit(r); !ok || d != want {
			t.Errorf("ASCIIDigit(%q) = %q, %v; want %q", r, d, ok, want)
		}
	}
	for _, r := range []rune{'a', '٫', '/', '\u200f'} {
		if _, ok := lang.ASCIIDigit(r); ok {
			t.Errorf("ASCIIDigit(%q) is a digit", r)
		}
	}
}

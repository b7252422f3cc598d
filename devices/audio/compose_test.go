package audio

import (
	"slices"
	"strings"
	"testing"
)

// spellArabic is an independent spelling of 1–999 in MSA: it works on
// the digits as text and joins words with "و" the way they are written.
func spellArabic(n int) string {
	units := strings.Fields("_ واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة")
	tens := strings.Fields("_ _ عشرون ثلاثون أربعون خمسون ستون سبعون ثمانون تسعون")
	hundreds := strings.Fields("_ مائة مائتان ثلاثمائة أربعمائة خمسمائة ستمائة سبعمائة ثمانمائة تسعمائة")
	teens := []string{"عشرة", "أحد عشر", "اثنا عشر"}
	for _, u := range units[3:] {
		teens = append(teens, u+" عشر")
	}
	var parts []string
	h, t, u := n/100, n/10%10, n%10
	if h > 0 {
		parts = append(parts, hundreds[h])
	}
	switch {
	case t == 1:
		parts = append(parts, teens[u])
	case t == 0 && u > 0:
		parts = append(parts, units[u])
	case t > 1 && u == 0:
		parts = append(parts, tens[t])
	case t > 1:
		parts = append(parts, units[u], tens[t])
	}
	return strings.Join(parts, " و")
}

// spellEnglish is an independent British spelling of 1–999.
func spellEnglish(n int) string {
	small := strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
	tens := strings.Fields("_ _ twenty thirty forty fifty sixty seventy eighty ninety")
	below100 := func(r int) string {
		if r < 20 {
			return small[r]
		}
		if r%10 == 0 {
			return tens[r/10]
		}
		return tens[r/10] + " " + small[r%10]
	}
	switch {
	case n < 100:
		return below100(n)
	case n%100 == 0:
		return small[n/100] + " hundred"
	}
	return small[n/100] + " hundred and " + below100(n%100)
}

// say joins the clips' texts as they would be written: "و" sticks to the
// next word.
func say(t *testing.T, seq []ClipID) string {
	t.Helper()
	var b strings.Builder
	for i, id := range seq {
		text, ok := ClipText(id)
		if !ok {
			t.Fatalf("clip %s is not in the table", id)
		}
		if i > 0 && seq[i-1] != "ar.and" {
			b.WriteByte(' ')
		}
		b.WriteString(text)
	}
	return b.String()
}

func TestNumbersAgainstSpelling(t *testing.T) {
	for n := 1; n <= 999; n++ {
		if got, want := say(t, arabicNumber(n)), spellArabic(n); got != want {
			t.Errorf("ar %d: %q, want %q", n, got, want)
		}
		if got, want := say(t, englishNumber(n)), spellEnglish(n); got != want {
			t.Errorf("en %d: %q, want %q", n, got, want)
		}
	}
}

// TestNumberAnchors: spellings given in the brief and checked by hand.
func TestNumberAnchors(t *testing.T) {
	for n, want := range map[int]string{
		1: "واحد", 2: "اثنان", 10: "عشرة", 11: "أحد عشر", 12: "اثنا عشر", 19: "تسعة عشر",
		20: "عشرون", 23: "ثلاثة وعشرون", 100: "مائة", 105: "مائة وخمسة", 110: "مائة وعشرة",
		200: "مائتان", 212: "مائتان واثنا عشر", 301: "ثلاثمائة وواحد", 999: "تسعمائة وتسعة وتسعون",
	} {
		if got := say(t, arabicNumber(n)); got != want {
			t.Errorf("ar %d: %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{
		7: "seven", 23: "twenty three", 40: "forty", 100: "one hundred", 105: "one hundred and five",
		999: "nine hundred and ninety nine",
	} {
		if got := say(t, englishNumber(n)); got != want {
			t.Errorf("en %d: %q, want %q", n, got, want)
		}
	}
}

func TestCompose(t *testing.T) {
	for _, c := range []struct {
		lang, label string
		counter     int
		style       LetterStyle
		want        string
	}{
		{"ar", "A023", 4, LatinNames, "chime تذكرة رقم إيه ثلاثة وعشرون إلى الشباك رقم أربعة"},
		{"ar", "B105", 12, ArabicNames, "chime تذكرة رقم باء مائة وخمسة إلى الشباك رقم اثنا عشر"},
		{"en", "A023", 4, LatinNames, "chime ticket number A twenty three please go to window four"},
		{"en", "7", 1, LatinNames, "chime ticket number seven please go to window one"},
		{"ar", "AB999", 999, LatinNames, "chime تذكرة رقم إيه بي تسعمائة وتسعة وتسعون إلى الشباك رقم تسعمائة وتسعة وتسعون"},
	} {
		seq, err := Composer{ArabicLetters: c.style}.Compose(c.lang, c.label, c.counter)
		if err != nil {
			t.Fatal(err)
		}
		if got := say(t, seq); got != c.want {
			t.Errorf("Compose(%s, %s, %d) = %q, want %q", c.lang, c.label, c.counter, got, c.want)
		}
	}
}

func TestComposeAll(t *testing.T) {
	seq, err := Composer{}.ComposeAll([]string{"ar", "en"}, "C7", 2)
	if err != nil {
		t.Fatal(err)
	}
	ar, _ := Compose("ar", "C7", 2)
	en, _ := Compose("en", "C7", 2)
	if want := append(ar, en[1:]...); !slices.Equal(seq, want) {
		t.Errorf("ComposeAll = %v, want %v", seq, want)
	}
	if _, err := (Composer{}).ComposeAll(nil, "C7", 2); err == nil {
		t.Error("no languages accepted")
	}
}

func TestComposeRejects(t *testing.T) {
	for _, c := range []struct {
		lang, label string
		counter     int
	}{
		{"fr", "A1", 1}, {"ar", "A000", 1}, {"ar", "A1000", 1}, {"ar", "A", 1}, {"ar", "a12", 1},
		{"ar", "A+12", 1}, {"ar", "A1B", 1}, {"ar", "", 1}, {"ar", "A1", 0}, {"en", "A1", 1000}, {"ar", "أ١", 1},
	} {
		if seq, err := Compose(c.lang, c.label, c.counter); err == nil {
			t.Errorf("Compose(%q, %q, %d) = %v, want an error", c.lang, c.label, c.counter, seq)
		}
	}
}

func TestParseLabel(t *testing.T) {
	letters, n, err := ParseLabel("A023")
	if letters != "A" || n != 23 || err != nil {
		t.Errorf("ParseLabel(A023) = %q, %d, %v", letters, n, err)
	}
	letters, n, err = ParseLabel("105")
	if letters != "" || n != 105 || err != nil {
		t.Errorf("ParseLabel(105) = %q, %d, %v", letters, n, err)
	}
}

func TestClipTable(t *testing.T) {
	seen := map[ClipID]bool{}
	for _, c := range Clips() {
		if seen[c.ID] {
			t.Errorf("clip %s twice", c.ID)
		}
		seen[c.ID] = true
		if c.Text == "" || c.ID != Chime && c.Say == "" {
			t.Errorf("clip %+v lacks text", c)
		}
	}
	if len(seen) != 149 {
		t.Errorf("%d clips, want 149 (1 chime, 7 phrases, 36 ar + 27 en numbers, 78 letters)", len(seen))
	}
}

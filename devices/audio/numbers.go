package audio

import "fmt"

// word is one number clip's plain and vowelled text.
type word struct{ text, say string }

// Arabic numbers in Modern Standard Arabic, the masculine counting forms
// read after "رقم". Hundreds are written مائة as is usual and vowelled as
// مِئَة, how it is said.
var (
	arUnits = [10]word{1: {"واحد", "وَاحِد"}, {"اثنان", "اِثْنَان"}, {"ثلاثة", "ثَلَاثَة"}, {"أربعة", "أَرْبَعَة"},
		{"خمسة", "خَمْسَة"}, {"ستة", "سِتَّة"}, {"سبعة", "سَبْعَة"}, {"ثمانية", "ثَمَانِيَة"}, {"تسعة", "تِسْعَة"}}
	arTeens = [10]word{{"عشرة", "عَشَرَة"}, {"أحد عشر", "أَحَدَ عَشَر"}, {"اثنا عشر", "اِثْنَا عَشَر"},
		{"ثلاثة عشر", "ثَلَاثَةَ عَشَر"}, {"أربعة عشر", "أَرْبَعَةَ عَشَر"}, {"خمسة عشر", "خَمْسَةَ عَشَر"},
		{"ستة عشر", "سِتَّةَ عَشَر"}, {"سبعة عشر", "سَبْعَةَ عَشَر"}, {"ثمانية عشر", "ثَمَانِيَةَ عَشَر"},
		{"تسعة عشر", "تِسْعَةَ عَشَر"}}
	arTens = [10]word{2: {"عشرون", "عِشْرُون"}, {"ثلاثون", "ثَلَاثُون"}, {"أربعون", "أَرْبَعُون"},
		{"خمسون", "خَمْسُون"}, {"ستون", "سِتُّون"}, {"سبعون", "سَبْعُون"}, {"ثمانون", "ثَمَانُون"}, {"تسعون", "تِسْعُون"}}
	arHundreds = [10]word{1: {"مائة", "مِئَة"}, {"مائتان", "مِئَتَان"}, {"ثلاثمائة", "ثَلَاثُمِئَة"},
		{"أربعمائة", "أَرْبَعُمِئَة"}, {"خمسمائة", "خَمْسُمِئَة"}, {"ستمائة", "سِتُّمِئَة"},
		{"سبعمائة", "سَبْعُمِئَة"}, {"ثمانمائة", "ثَمَانِمِئَة"}, {"تسعمائة", "تِسْعُمِئَة"}}
)

// English number words.
var (
	enOnes = [20]string{1: "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens = [10]string{2: "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// numberClips lists the number clips of both languages: ar.n.1 … ar.n.19,
// the tens, the hundreds; en.n.1 … en.n.19 and the tens.
func numberClips() []Clip {
	var cs []Clip
	add := func(lang string, n int, text, say string) {
		cs = append(cs, Clip{ID: clipID(lang, "n", n), Lang: lang, Text: text, Say: say})
	}
	for i := 1; i <= 9; i++ {
		add("ar", i, arUnits[i].text, arUnits[i].say)
		add("ar", 10+i-1, arTeens[i-1].text, arTeens[i-1].say)
		add("ar", 100*i, arHundreds[i].text, arHundreds[i].say)
	}
	add("ar", 19, arTeens[9].text, arTeens[9].say)
	for t := 2; t <= 9; t++ {
		add("ar", 10*t, arTens[t].text, arTens[t].say)
		add("en", 10*t, enTens[t], enTens[t])
	}
	for i := 1; i <= 19; i++ {
		add("en", i, enOnes[i], enOnes[i])
	}
	return cs
}

// arabicNumber is n (1–999) in Arabic word order: hundreds, then units
// before tens, joined by "و": 23 ثلاثة وعشرون, 105 مائة وخمسة,
// 999 تسعمائة وتسعة وتسعون.
func arabicNumber(n int) []ClipID {
	var seq []ClipID
	num := func(v int) ClipID { return clipID("ar", "n", v) }
	if h := n / 100; h > 0 {
		seq = append(seq, num(100*h))
	}
	r := n % 100
	if r == 0 {
		return seq
	}
	if len(seq) > 0 {
		seq = append(seq, "ar.and")
	}
	if r < 20 || r%10 == 0 {
		return append(seq, num(r))
	}
	return append(seq, num(r%10), "ar.and", num(r-r%10))
}

// englishNumber is n (1–999) in British English: "one hundred and five",
// "twenty three".
func englishNumber(n int) []ClipID {
	var seq []ClipID
	num := func(v int) ClipID { return clipID("en", "n", v) }
	if h := n / 100; h > 0 {
		seq = append(seq, num(h), "en.hundred")
	}
	r := n % 100
	if r == 0 {
		return seq
	}
	if len(seq) > 0 {
		seq = append(seq, "en.and")
	}
	if r < 20 || r%10 == 0 {
		return append(seq, num(r))
	}
	return append(seq, num(r-r%10), num(r%10))
}

// checkNumber rejects what cannot be read.
func checkNumber(what string, n int) error {
	if n < 1 || n > 999 {
		return fmt.Errorf("audio: %s %d outside [1, 999]", what, n)
	}
	return nil
}

package audio

// LetterStyle is how Arabic announcements read a ticket's Latin letter.
type LetterStyle int

// Letter styles.
const (
	// LatinNames reads the letter's English name in Arabic: A إيه, B بي.
	LatinNames LetterStyle = iota
	// ArabicNames reads the Arabic letter at the same place in the
	// alphabet (hijāʾī order): A ألف, B باء, C تاء. For centers whose
	// signs pair letters so.
	ArabicNames
)

// arLatin is each Latin letter's name as Egyptians say it, plain and
// vowelled. P and V are vowelled with پ and ڤ so the synthesiser keeps
// them apart from B and F; their plain spelling is the usual بي and في.
var arLatin = [26]word{
	{"إيه", "إِيه"}, {"بي", "بِي"}, {"سي", "سِي"}, {"دي", "دِي"}, {"إي", "إِي"}, {"إف", "إِف"},
	{"جي", "جِي"}, {"إتش", "إِتْش"}, {"آي", "آي"}, {"جيه", "جِيه"}, {"كيه", "كِيه"}, {"إل", "إِل"},
	{"إم", "إِم"}, {"إن", "إِن"}, {"أو", "أُو"}, {"بي", "پِي"}, {"كيو", "كْيُو"}, {"آر", "آر"},
	{"إس", "إِس"}, {"تي", "تِي"}, {"يو", "يُو"}, {"في", "ڤِي"}, {"دبليو", "دَبْلْيُو"}, {"إكس", "إِكْس"},
	{"واي", "وَاي"}, {"زد", "زِد"},
}

// arNames is the Arabic alphabet's first 26 letter names, for ArabicNames.
var arNames = [26]word{
	{"ألف", "أَلِف"}, {"باء", "بَاء"}, {"تاء", "تَاء"}, {"ثاء", "ثَاء"}, {"جيم", "جِيم"}, {"حاء", "حَاء"},
	{"خاء", "خَاء"}, {"دال", "دَال"}, {"ذال", "ذَال"}, {"راء", "رَاء"}, {"زاي", "زَاي"}, {"سين", "سِين"},
	{"شين", "شِين"}, {"صاد", "صَاد"}, {"ضاد", "ضَاد"}, {"طاء", "طَاء"}, {"ظاء", "ظَاء"}, {"عين", "عَيْن"},
	{"غين", "غَيْن"}, {"فاء", "فَاء"}, {"قاف", "قَاف"}, {"كاف", "كَاف"}, {"لام", "لَام"}, {"ميم", "مِيم"},
	{"نون", "نُون"}, {"هاء", "هَاء"},
}

// letterClips lists ar.letter.X (Latin names), ar.harf.X (Arabic names)
// and en.letter.X for X in A–Z.
func letterClips() []Clip {
	var cs []Clip
	for i := range 26 {
		l := string(rune('A' + i))
		cs = append(cs,
			Clip{ID: clipID("ar", "letter", l), Lang: "ar", Text: arLatin[i].text, Say: arLatin[i].say},
			Clip{ID: clipID("ar", "harf", l), Lang: "ar", Text: arNames[i].text, Say: arNames[i].say},
			Clip{ID: clipID("en", "letter", l), Lang: "en", Text: l, Say: l})
	}
	return cs
}

// letterClip is the clip reading letter l (A–Z) in lang and style.
func letterClip(lang string, l byte, style LetterStyle) ClipID {
	kind := "letter"
	if lang == "ar" && style == ArabicNames {
		kind = "harf"
	}
	return clipID(lang, kind, string(rune(l)))
}

package audio

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Composer turns a call — ticket label and counter — into clips.
type Composer struct {
	// ArabicLetters is how Arabic reads the ticket's letter.
	ArabicLetters LetterStyle
}

// Compose is Composer{}.Compose: Arabic letters by their English names.
func Compose(lang, label string, counter int) ([]ClipID, error) {
	return Composer{}.Compose(lang, label, counter)
}

// Compose returns the clips announcing ticket label at counter in lang
// ("ar" or "en"): the chime, "ticket number", the label's letters, its
// number, "to window number", the counter.
//
//	ar A023 at 4: chime تذكرة رقم إيه ثلاثة و عشرون إلى الشباك رقم أربعة
//	en A023 at 4: chime ticket number A twenty three please go to window four
func (c Composer) Compose(lang, label string, counter int) ([]ClipID, error) {
	letters, n, err := ParseLabel(label)
	if err != nil {
		return nil, err
	}
	if err := checkNumber("counter", counter); err != nil {
		return nil, err
	}
	number := arabicNumber
	switch lang {
	case "ar":
	case "en":
		number = englishNumber
	default:
		return nil, fmt.Errorf("audio: no voice for language %q", lang)
	}
	seq := []ClipID{Chime, ClipID(lang + ".ticket")}
	for i := 0; i < len(letters); i++ {
		seq = append(seq, letterClip(lang, letters[i], c.ArabicLetters))
	}
	seq = append(append(seq, number(n)...), ClipID(lang+".window"))
	return append(seq, number(counter)...), nil
}

// ComposeAll announces in each of langs in turn, under one chime.
func (c Composer) ComposeAll(langs []string, label string, counter int) ([]ClipID, error) {
	if len(langs) == 0 {
		return nil, errors.New("audio: no languages")
	}
	var all []ClipID
	for i, lang := range langs {
		seq, err := c.Compose(lang, label, counter)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			seq = seq[1:] // one chime
		}
		all = append(all, seq...)
	}
	return all, nil
}

// ParseLabel splits a ticket label into its letters (A–Z, maybe none) and
// its number (1–999, leading zeros allowed): "A023" → "A", 23.
func ParseLabel(label string) (letters string, n int, err error) {
	i := 0
	for i < len(label) && label[i] >= 'A' && label[i] <= 'Z' {
		i++
	}
	digits := label[i:]
	if len(digits) == 0 || len(digits) > 3 || strings.Trim(digits, "0123456789") != "" {
		return "", 0, fmt.Errorf("audio: label %q is not letters A–Z then 1–3 digits", label)
	}
	n, _ = strconv.Atoi(digits)
	if n == 0 {
		return "", 0, fmt.Errorf("audio: label %q has number 0", label)
	}
	return label[:i], n, nil
}

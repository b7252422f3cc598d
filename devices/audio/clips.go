package audio

import (
	"fmt"
	"sort"
	"sync"
)

// ClipID names one recorded clip: "chime", "ar.ticket", "ar.n.23",
// "en.letter.A". A pack's file for it is ID + ".wav".
type ClipID string

// Clip is one entry of the clip table: what it says, in plain text (the
// manifest, tests) and as the speech synthesiser is given it (Arabic with
// its vowels, since espeak-ng needs them to read it right).
type Clip struct {
	ID   ClipID
	Lang string // "ar", "en", or "" for the chime
	Text string
	Say  string // "" for clips that are not speech
}

// Chime opens every announcement.
const Chime ClipID = "chime"

func clipID(lang, kind string, v any) ClipID { return ClipID(fmt.Sprintf("%s.%s.%v", lang, kind, v)) }

// phrase clips of each language
var phrases = []Clip{
	{ID: "ar.ticket", Lang: "ar", Text: "تذكرة رقم", Say: "تَذْكِرَةُ رَقْم"},
	{ID: "ar.window", Lang: "ar", Text: "إلى الشباك رقم", Say: "إِلَى الشُّبَّاكِ رَقْم"},
	{ID: "ar.and", Lang: "ar", Text: "و", Say: "وَ"},
	{ID: "en.ticket", Lang: "en", Text: "ticket number", Say: "ticket number"},
	{ID: "en.window", Lang: "en", Text: "please go to window", Say: "please go to window"},
	{ID: "en.hundred", Lang: "en", Text: "hundred", Say: "hundred"},
	{ID: "en.and", Lang: "en", Text: "and", Say: "and"},
}

// Clips is the whole clip table, sorted by ID: every clip Compose can
// name, in any letter style.
func Clips() []Clip {
	all := append([]Clip{{ID: Chime, Text: "chime"}}, phrases...)
	all = append(all, numberClips()...)
	all = append(all, letterClips()...)
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}

// ClipText is the plain text of id, and whether the table has it.
func ClipText(id ClipID) (string, bool) {
	t, ok := clipTexts()[id]
	return t, ok
}

var clipTexts = sync.OnceValue(func() map[ClipID]string {
	m := map[ClipID]string{}
	for _, c := range Clips() {
		m[c.ID] = c.Text
	}
	return m
})

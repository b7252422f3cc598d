package ticketimg

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"

	"tabour/assets"
)

// The embedded fonts, parsed once: [*font.Font] is safe for concurrent use,
// the faces made from it are not and belong to one typesetter.
var (
	fontsOnce sync.Once
	fontSet   [4]*font.Font // arabic regular, arabic bold, latin regular, latin bold
	fontsErr  error
)

func loadFonts() ([4]*font.Font, error) {
	fontsOnce.Do(func() {
		files := [4][]byte{assets.NotoSansArabicRegular, assets.NotoSansArabicBold,
			assets.NotoSansRegular, assets.NotoSansBold}
		for i, b := range files {
			face, err := font.ParseTTF(bytes.NewReader(b))
			if err != nil {
				fontsErr = fmt.Errorf("ticketimg: parse font %d: %w", i, err)
				return
			}
			fontSet[i] = face.Font
		}
	})
	return fontSet, fontsErr
}

// faceMap gives Arabic-script runs the Arabic face and every other run Noto
// Sans, falling back to whichever face has the glyph. It implements
// shaping.FontmapScript, so digits and punctuation follow the script the
// segmenter resolved for them.
type faceMap struct {
	arabic, latin *font.Face
	script        language.Script
}

func (m *faceMap) SetScript(s language.Script) { m.script = s }

func (m *faceMap) ResolveFace(r rune) *font.Face {
	first, second := m.latin, m.arabic
	if m.script == language.Arabic {
		first, second = m.arabic, m.latin
	}
	if _, ok := first.NominalGlyph(r); ok {
		return first
	}
	if _, ok := second.NominalGlyph(r); ok {
		return second
	}
	return first
}

package audio_test

import (
	"fmt"
	"strings"

	"tabour/devices/audio"
)

func ExampleCompose() {
	seq, _ := audio.Compose("en", "A023", 4)
	var words []string
	for _, id := range seq {
		text, _ := audio.ClipText(id)
		words = append(words, text)
	}
	fmt.Println(strings.Join(words, " "))
	seq, _ = audio.Compose("ar", "B105", 2)
	fmt.Println(seq)
	// Output:
	// chime ticket number A twenty three please go to window four
	// [chime ar.ticket ar.letter.B ar.n.100 ar.and ar.n.5 ar.window ar.n.2]
}

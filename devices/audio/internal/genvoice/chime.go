package main

import (
	"encoding/binary"
	"math"
)

// chime synthesises a two-note "ding-dong" (E5 then C5, each a sine with
// a soft octave, a 5 ms attack and an exponential decay) as 16-bit mono
// PCM at rate.
func chime(rate int) []byte {
	var pcm []byte
	pcm = note(pcm, rate, 659.25, 0.45)
	return note(pcm, rate, 523.25, 0.8)
}

// note appends one decaying tone of freq Hz lasting secs.
func note(pcm []byte, rate int, freq, secs float64) []byte {
	n := int(secs * float64(rate))
	for i := range n {
		t := float64(i) / float64(rate)
		env := math.Min(1, t/0.005) * math.Exp(-t/0.25)
		v := math.Sin(2*math.Pi*freq*t) + 0.3*math.Sin(4*math.Pi*freq*t)
		s := int16(math.Round(0.4 * 32767 * env * v / 1.3))
		pcm = binary.LittleEndian.AppendUint16(pcm, uint16(s))
	}
	return pcm
}

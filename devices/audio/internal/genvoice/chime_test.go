package main

import (
	"encoding/binary"
	"testing"
)

func TestChime(t *testing.T) {
	pcm := chime(16000)
	if want := 2 * (7200 + 12800); len(pcm) != want {
		t.Fatalf("%d bytes, want %d", len(pcm), want)
	}
	peak := 0
	for i := 0; i < len(pcm); i += 2 {
		peak = max(peak, abs(int(int16(binary.LittleEndian.Uint16(pcm[i:])))))
	}
	if peak < 8000 || peak > 13107 { // about 0.4 of full scale
		t.Fatalf("peak %d", peak)
	}
	if int16(binary.LittleEndian.Uint16(pcm)) != 0 {
		t.Fatal("the chime does not start from silence")
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

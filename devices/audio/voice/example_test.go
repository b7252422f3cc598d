package voice_test

import (
	"context"
	"fmt"

	"tabour/devices/audio"
	"tabour/devices/audio/audiotest"
	"tabour/devices/audio/voice"
)

// The appliance announces each call on the hall speakers.
func Example() {
	pack, err := voice.Pack()
	if err != nil {
		panic(err)
	}
	sink := audiotest.New() // in cmd/: audio.NewAplay("plughw:1,0")
	sink.Started = make(chan []byte, 1)
	a, err := audio.NewAnnouncer(pack, sink, nil) // Arabic, then English
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go a.Run(ctx)
	if err := a.Announce("A023", 4); err != nil {
		panic(err)
	}
	f, _, _ := audio.ParseWAV(<-sink.Started)
	fmt.Println("playing", f)
	// Output: playing 16000 Hz 1 ch 16-bit
}

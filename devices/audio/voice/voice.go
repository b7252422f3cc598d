package voice

import (
	"embed"
	"io/fs"

	"tabour/devices/audio"
)

//go:embed manifest.json *.wav
var files embed.FS

// FS holds manifest.json and the clips.
func FS() fs.FS { return files }

// Pack loads the default voice pack.
func Pack() (*audio.Pack, error) { return audio.LoadPack(files) }

// Package voice is Tabour's default announcement voice: one WAV clip per
// entry of audio.Clips — the chime, the Arabic and English phrases, the
// numbers 1–19, the tens, the hundreds, the letters — 16 kHz mono 16-bit
// PCM, listed in manifest.json and built into the binary.
//
// The speech is espeak-ng's (Arabic voice "ar", fed vowelled text; English
// "en") and its quality is a placeholder: a center should record a human
// voice reading the same clip table, in the same format, and load that
// pack with audio.LoadPack instead. The chime is synthesised.
//
// The files are generated, reproducibly, by internal/genvoice (needs the
// Debian packages espeak-ng and sox); regenerate them after changing the
// clip table:
//
//	go generate ./devices/audio/voice
//
//go:generate go run tabour/devices/audio/internal/genvoice -out .
package voice

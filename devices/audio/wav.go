package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Format is a PCM sample format.
type Format struct {
	Rate     int `json:"rate"`     // samples per second
	Channels int `json:"channels"` // 1 = mono
	Bits     int `json:"bits"`     // bits per sample
}

// DefaultFormat is what the default pack holds: 16 kHz mono 16-bit.
var DefaultFormat = Format{Rate: 16000, Channels: 1, Bits: 16}

func (f Format) String() string { return fmt.Sprintf("%d Hz %d ch %d-bit", f.Rate, f.Channels, f.Bits) }

// frameSize is the bytes per sample frame.
func (f Format) frameSize() int { return f.Channels * f.Bits / 8 }

// ErrWAV is matched by every error about a malformed WAV file.
var ErrWAV = errors.New("audio: not a PCM WAV file")

// ParseWAV returns the format and the PCM data of a RIFF WAVE file of
// integer PCM (format tag 1). Chunks other than "fmt " and "data" (LIST,
// fact…) are skipped.
func ParseWAV(b []byte) (Format, []byte, error) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return Format{}, nil, fmt.Errorf("%w: no RIFF WAVE header", ErrWAV)
	}
	var f Format
	haveFmt := false
	for b = b[12:]; len(b) >= 8; {
		id, size := string(b[0:4]), int(binary.LittleEndian.Uint32(b[4:8]))
		if size > len(b)-8 {
			return Format{}, nil, fmt.Errorf("%w: chunk %q of %d bytes runs past the end", ErrWAV, id, size)
		}
		body := b[8 : 8+size]
		switch id {
		case "fmt ":
			var err error
			if f, err = parseFmt(body); err != nil {
				return Format{}, nil, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return Format{}, nil, fmt.Errorf("%w: data before fmt", ErrWAV)
			}
			return f, body[:len(body)/f.frameSize()*f.frameSize()], nil
		}
		b = b[min(len(b), 8+size+size%2):] // chunks are padded to even sizes
	}
	return Format{}, nil, fmt.Errorf("%w: no data chunk", ErrWAV)
}

// parseFmt reads a "fmt " chunk body.
func parseFmt(b []byte) (Format, error) {
	if len(b) < 16 {
		return Format{}, fmt.Errorf("%w: fmt chunk of %d bytes", ErrWAV, len(b))
	}
	tag := binary.LittleEndian.Uint16(b[0:])
	f := Format{
		Channels: int(binary.LittleEndian.Uint16(b[2:])),
		Rate:     int(binary.LittleEndian.Uint32(b[4:])),
		Bits:     int(binary.LittleEndian.Uint16(b[14:])),
	}
	if tag != 1 || f.Channels < 1 || f.Rate < 1 || f.Bits < 8 || f.Bits%8 != 0 {
		return Format{}, fmt.Errorf("%w: format tag %d, %v", ErrWAV, tag, f)
	}
	return f, nil
}

// EncodeWAV returns a canonical 44-byte-header WAV file of pcm in f.
func EncodeWAV(f Format, pcm []byte) []byte {
	b := make([]byte, 0, 44+len(pcm))
	le := binary.LittleEndian
	b = append(b, "RIFF"...)
	b = le.AppendUint32(b, uint32(36+len(pcm)))
	b = append(b, "WAVEfmt "...)
	b = le.AppendUint32(b, 16)
	b = le.AppendUint16(b, 1) // PCM
	b = le.AppendUint16(b, uint16(f.Channels))
	b = le.AppendUint32(b, uint32(f.Rate))
	b = le.AppendUint32(b, uint32(f.Rate*f.frameSize()))
	b = le.AppendUint16(b, uint16(f.frameSize()))
	b = le.AppendUint16(b, uint16(f.Bits))
	b = append(b, "data"...)
	b = le.AppendUint32(b, uint32(len(pcm)))
	return append(b, pcm...)
}

// Duration is how long a WAV plays.
func Duration(wav []byte) (time.Duration, error) {
	f, pcm, err := ParseWAV(wav)
	if err != nil {
		return 0, err
	}
	if f.frameSize() == 0 || f.Rate == 0 {
		return 0, fmt.Errorf("audio: a WAV of %v has no duration", f)
	}
	frames := len(pcm) / f.frameSize()
	return time.Duration(frames) * time.Second / time.Duration(f.Rate), nil
}

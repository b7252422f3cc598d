package auth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// DefaultMaxSessions is how many connections one device credential may
// hold at once unless a center says otherwise; the appliance's own
// credential is not bounded.
const DefaultMaxSessions = 4

// maxFileSize bounds a devices file: a center lists tens of devices.
const maxFileSize = 1 << 20

// File is a center's registry as the mosquitto plugin
// (tabour/mqtt/auth/mosquitto) reads it: the center, its devices with the
// SHA-256 of each password (never a clear password), and the bound on one
// credential's connections. `tabourctl mosquitto` writes it from the
// appliance's config file.
type File struct {
	Center      string   `json:"center"`
	Devices     []Device `json:"devices"`
	MaxSessions int      `json:"max_sessions,omitempty"` // 0: DefaultMaxSessions
}

// File returns the registry as a devices file, its devices sorted by id.
func (r *Registry) File(maxSessions int) File {
	devs := r.Devices()
	slices.SortFunc(devs, func(a, b Device) int { return strings.Compare(a.ID, b.ID) })
	return File{Center: r.center, Devices: devs, MaxSessions: maxSessions}
}

// Marshal renders f as indented JSON.
func (f File) Marshal() []byte {
	b, _ := json.MarshalIndent(f, "", "  ")
	return append(b, '\n')
}

// ReadFile reads and checks a devices file; its errors name the file.
func ReadFile(path string) (*Registry, int, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, 0, err // names the file
	}
	defer fh.Close()
	reg, n, err := DecodeFile(fh)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return reg, n, nil
}

// DecodeFile reads one devices file from r strictly (unknown fields and
// data after the object are errors) and returns its registry and its
// bound on one credential's connections.
func DecodeFile(r io.Reader) (*Registry, int, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, 0, err
	}
	if len(data) > maxFileSize {
		return nil, 0, fmt.Errorf("%w: over %d bytes", ErrInvalid, maxFileSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if dec.More() {
		return nil, 0, fmt.Errorf("%w: data after the object", ErrInvalid)
	}
	if f.MaxSessions < 0 {
		return nil, 0, fmt.Errorf("%w: max_sessions %d is negative", ErrInvalid, f.MaxSessions)
	}
	if len(f.Devices) == 0 {
		return nil, 0, fmt.Errorf("%w: no devices", ErrInvalid)
	}
	reg, err := NewRegistry(f.Center, f.Devices)
	if err != nil {
		return nil, 0, err
	}
	if f.MaxSessions == 0 {
		f.MaxSessions = DefaultMaxSessions
	}
	return reg, f.MaxSessions, nil
}

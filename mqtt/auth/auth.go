package auth

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"tabour/mqtt/contract"
)

// Device is one client of the bus as the appliance's config file lists it.
type Device struct {
	ID      string `json:"id"`                // MQTT username and topic level, e.g. "ctr04"
	Role    Role   `json:"role"`              // appliance, server, counter, display, kiosk, monitor, console
	Counter int    `json:"counter,omitempty"` // the counter a counter device drives
	// PasswordSHA256 is hex(sha256(password)). Device passwords are long
	// random tokens, so a fast hash is enough, and the config file never
	// holds them in clear.
	PasswordSHA256 string `json:"password_sha256"`
}

// ErrInvalid marks a device list the registry refuses.
var ErrInvalid = errors.New("auth: invalid device")

// Validate checks one device entry.
func (d Device) Validate() error {
	switch {
	case !ValidLevel(d.ID):
		return fmt.Errorf("%w: id %q is not a plain topic level", ErrInvalid, d.ID)
	case !d.Role.valid():
		return fmt.Errorf("%w %s: unknown role %q", ErrInvalid, d.ID, d.Role)
	case d.Role == RoleCounter && d.Counter <= 0:
		return fmt.Errorf("%w %s: a counter device needs its counter number", ErrInvalid, d.ID)
	case len(d.PasswordSHA256) != 64:
		return fmt.Errorf("%w %s: password_sha256 must be 64 hex digits", ErrInvalid, d.ID)
	}
	_, err := hex.DecodeString(d.PasswordSHA256)
	if err != nil {
		return fmt.Errorf("%w %s: password_sha256: %v", ErrInvalid, d.ID, err)
	}
	return nil
}

// ValidLevel reports whether s can stand as one topic level (see
// contract.ValidLevel).
func ValidLevel(s string) bool { return contract.ValidLevel(s) }

// HashPassword returns the value of Device.PasswordSHA256 for a password.
func HashPassword(password string) string {
	sum := sha256.Sum256([]byte(password))
	return hex.EncodeToString(sum[:])
}

// Registry holds the devices of one center. It is safe for concurrent use.
type Registry struct {
	center string
	mu     sync.RWMutex
	byID   map[string]entry
	anon   bool // anonymous clients may read tabour/v1/#
}

// AllowAnonymousRead lets a client without a username read tabour/v1/#
// (the center's topics), and nothing else (no publish, no other topic): for a simulated
// center or a demonstration, never for an installed one.
func (r *Registry) AllowAnonymousRead(on bool) {
	r.mu.Lock()
	r.anon = on
	r.mu.Unlock()
}

// anonymous reports whether user is an allowed anonymous reader.
func (r *Registry) anonymous(user string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return user == "" && r.anon
}

type entry struct {
	dev   Device
	rules []Rule
}

// NewRegistry checks the devices and builds their rules.
func NewRegistry(center string, devices []Device) (*Registry, error) {
	if !ValidLevel(center) {
		return nil, fmt.Errorf("%w: center %q is not a plain topic level", ErrInvalid, center)
	}
	r := &Registry{center: center, byID: map[string]entry{}}
	for _, d := range devices {
		if err := r.Add(d); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Add registers one more device (the appliance adds its own clients with a
// password made at boot).
func (r *Registry) Add(d Device) error {
	if err := d.Validate(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.byID[d.ID]; dup {
		return fmt.Errorf("%w: %s listed twice", ErrInvalid, d.ID)
	}
	r.byID[d.ID] = entry{dev: d, rules: Rules(r.center, d)}
	return nil
}

// Center is the center code the rules are written for.
func (r *Registry) Center() string { return r.center }

// Device returns a registered device.
func (r *Registry) Device(id string) (Device, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.byID[id]
	return e.dev, ok
}

// Devices lists the registered devices in no particular order.
func (r *Registry) Devices() []Device {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Device, 0, len(r.byID))
	for _, e := range r.byID {
		out = append(out, e.dev)
	}
	return out
}

// Authenticate checks a username and password.
func (r *Registry) Authenticate(user string, password []byte) bool {
	if r.anonymous(user) {
		return true
	}
	e, ok := r.entry(user)
	sum := sha256.Sum256(password)
	want, _ := hex.DecodeString(e.dev.PasswordSHA256)
	return subtle.ConstantTimeCompare(sum[:], want) == 1 && ok
}

// Allow reports whether user may publish to topic (write) or subscribe to
// the filter topic (read).
func (r *Registry) Allow(user, topic string, write bool) bool {
	if r.anonymous(user) {
		return !write && FilterCovers("tabour/v1/#", topic)
	}
	e, ok := r.entry(user)
	return ok && allows(e.rules, topic, write)
}

func (r *Registry) entry(user string) (entry, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.byID[user]
	return e, ok
}

// RulesOf returns the access rules of user: a registered device's, or an
// allowed anonymous reader's (read tabour/v1/#); false for anyone else.
func (r *Registry) RulesOf(user string) ([]Rule, bool) {
	if r.anonymous(user) {
		return []Rule{{Read, "tabour/v1/#"}}, true
	}
	e, ok := r.entry(user)
	return e.rules, ok
}

// ClientIDAllowed reports whether user may connect with the MQTT client id
// clientID: a registered device only with its own id or its id followed by
// "-" and a suffix ("ctr04", "ctr04-console"), so that no credential can
// take over another device's session (the broker drops the older of two
// connections with one client id); an allowed anonymous reader only with a
// client id that no registered device could use.
func (r *Registry) ClientIDAllowed(user, clientID string) bool {
	if r.anonymous(user) {
		r.mu.RLock()
		defer r.mu.RUnlock()
		for id := range r.byID {
			if OwnsClientID(id, clientID) {
				return false
			}
		}
		return clientID != ""
	}
	_, ok := r.entry(user)
	return ok && OwnsClientID(user, clientID)
}

// OwnsClientID reports whether clientID belongs to device: the device id
// itself, or the id, "-" and a suffix.
func OwnsClientID(device, clientID string) bool {
	rest, ok := strings.CutPrefix(clientID, device)
	return ok && device != "" && (rest == "" || strings.HasPrefix(rest, "-"))
}

package mqtt

import (
	"encoding/base64"
	"strings"
)

// validateKeys checks ServerKeys and NotifyKey.
func (c Config) validateKeys() error {
	if _, err := parseServerKeys(c.ServerKeys); err != nil {
		return err
	}
	if c.NotifyKey == "" {
		return nil
	}
	_, err := parseNotifyKey(c.NotifyKey)
	return err
}

// parseNotifyKey decodes Config.NotifyKey: a Curve25519 public key.
func parseNotifyKey(k string) (*[32]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(k))
	if err != nil || len(raw) != 32 {
		return nil, fieldErr("notify_key", "want a base64 Curve25519 public key (32 bytes)")
	}
	var key [32]byte
	copy(key[:], raw)
	return &key, nil
}

package mqtt

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"strings"

	"tabour/mqtt/contract"
)

// serverKeys are the workflow server's public keys by KeyID.
type serverKeys map[string]ed25519.PublicKey

// parseServerKeys decodes Config.ServerKeys (standard base64, 32 bytes).
func parseServerKeys(keys []string) (serverKeys, error) {
	out := serverKeys{}
	for i, k := range keys {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(k))
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, fieldErr(fmt.Sprintf("server_keys[%d]", i), "want a base64 Ed25519 public key (32 bytes)")
		}
		out[contract.KeyID(raw)] = ed25519.PublicKey(raw)
	}
	return out, nil
}

// verify checks a command's signature; it returns a refusal code and
// reason, or "" and nil.
func (ks serverKeys) verify(t contract.Topic, cmd contract.Command) (string, error) {
	if cmd.Sig == "" {
		return contract.CodeNoSignature, fmt.Errorf("mqtt: a command from the server (actor %q) must be signed", contract.ActorServer)
	}
	id, sig64, ok := strings.Cut(cmd.Sig, ".")
	sig, err := base64.RawURLEncoding.DecodeString(sig64)
	if !ok || err != nil || len(sig) != ed25519.SignatureSize {
		return contract.CodeBadSignature, fmt.Errorf("mqtt: sig must be KEYID.SIGNATURE (base64url)")
	}
	pub, ok := ks[id]
	if !ok {
		return contract.CodeUnknownKey, fmt.Errorf("mqtt: the command is signed with a key the appliance does not hold")
	}
	if !ed25519.Verify(pub, contract.SigningBytes(t.Center, t.Key, t.Sub, cmd), sig) {
		return contract.CodeBadSignature, fmt.Errorf("mqtt: the signature does not match the command")
	}
	return "", nil
}

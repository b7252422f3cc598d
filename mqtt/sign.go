package mqtt

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
)

// ActorServer is the actor of the commands the workflow server sends
// (a counter command sent centrally, say). They must be signed.
const ActorServer = "server"

// Refusal codes of signed commands.
const (
	CodeNoSignature  = "missing_signature"
	CodeBadSignature = "bad_signature"
	CodeUnknownKey   = "unknown_key"
	CodeReplayed     = "replayed"
)

// sigDomain separates command signatures from anything else the server
// signs with the same key.
const sigDomain = "tabour/v1/cmd"

// SigningBytes is the canonical encoding a command's signature covers: the
// domain "tabour/v1/cmd", then center, device, name (the topic's levels),
// cmd_id, actor, issued_at, expires_at (both formatted as on the wire,
// RFC 3339 UTC with milliseconds) and args (compact JSON, key order as
// sent; empty when absent or null), each preceded by its length in bytes
// as a 4-byte big-endian integer. Sig itself is not covered.
func SigningBytes(center, device, name string, cmd Command) []byte {
	var b bytes.Buffer
	for _, f := range []string{sigDomain, center, device, name, cmd.CmdID, cmd.Actor,
		wireTime(cmd.IssuedAt), wireTime(cmd.ExpiresAt), compactArgs(cmd.Args)} {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(f)))
		b.WriteString(f)
	}
	return b.Bytes()
}

func wireTime(t Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(TimeLayout)
}

func compactArgs(args json.RawMessage) string {
	if len(args) == 0 || string(args) == "null" {
		return ""
	}
	var b bytes.Buffer
	if json.Compact(&b, args) != nil {
		return string(args)
	}
	return b.String()
}

// KeyID names an Ed25519 public key in a signature: the unpadded base64url
// of the first 9 bytes of its SHA-256 (12 characters).
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

// SignCommand returns cmd with Sig set: "KEYID.SIGNATURE", the key's KeyID
// and the unpadded base64url of the Ed25519 signature of SigningBytes.
func SignCommand(priv ed25519.PrivateKey, center, device, name string, cmd Command) Command {
	cmd.Sig = ""
	sig := ed25519.Sign(priv, SigningBytes(center, device, name, cmd))
	pub, _ := priv.Public().(ed25519.PublicKey)
	cmd.Sig = KeyID(pub) + "." + base64.RawURLEncoding.EncodeToString(sig)
	return cmd
}

// serverKeys are the workflow server's public keys by KeyID.
type serverKeys map[string]ed25519.PublicKey

// parseServerKeys decodes Config.ServerKeys (standard base64, 32 bytes).
func parseServerKeys(keys []string) (serverKeys, error) {
	out := serverKeys{}
	for i, k := range keys {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(k))
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("%w: server_keys[%d] is not a base64 Ed25519 public key", ErrConfig, i)
		}
		out[KeyID(raw)] = ed25519.PublicKey(raw)
	}
	return out, nil
}

// verify checks a command's signature; it returns a refusal code and
// reason, or "" and nil.
func (ks serverKeys) verify(t Topic, cmd Command) (string, error) {
	if cmd.Sig == "" {
		return CodeNoSignature, fmt.Errorf("mqtt: a command from the server (actor %q) must be signed", ActorServer)
	}
	id, sig64, ok := strings.Cut(cmd.Sig, ".")
	sig, err := base64.RawURLEncoding.DecodeString(sig64)
	if !ok || err != nil || len(sig) != ed25519.SignatureSize {
		return CodeBadSignature, fmt.Errorf("mqtt: sig must be KEYID.SIGNATURE (base64url)")
	}
	pub, ok := ks[id]
	if !ok {
		return CodeUnknownKey, fmt.Errorf("mqtt: the command is signed with a key the appliance does not hold")
	}
	if !ed25519.Verify(pub, SigningBytes(t.Center, t.Key, t.Sub, cmd), sig) {
		return CodeBadSignature, fmt.Errorf("mqtt: the signature does not match the command")
	}
	return "", nil
}

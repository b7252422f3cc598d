package contract

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
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

package contract

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// hashInput is the canonical form an event's hash covers, the same as the
// queue engine's: encoding/json writes the fields in this order, with no
// spaces, and escapes <, > and & (as \u003c, \u003e, \u0026).
type hashInput struct {
	Seq      int64  `json:"seq"`
	ID       string `json:"id"`
	Device   string `json:"device"`
	BootID   string `json:"boot_id"`
	Type     string `json:"type"`
	TicketID int64  `json:"ticket_id"`
	Ticket   string `json:"ticket"`
	Service  string `json:"service"`
	Counter  int    `json:"counter"`
	Reason   string `json:"reason"`
	Data     string `json:"data"`
	At       int64  `json:"at"` // Unix ms
}

// ComputeHash returns the hash of the event's contents as the appliance
// computed it: hex(sha256(prev_hash || canonical JSON of {seq, id, device,
// boot_id, type, ticket_id, ticket, service, counter, reason, data, at})),
// with at in Unix milliseconds.
func (e Event) ComputeHash() string {
	b, _ := json.Marshal(hashInput{e.Seq, e.EventID, e.Device, e.BootID, e.Type, e.TicketID,
		e.Ticket, e.Service, e.Counter, e.Reason, e.Data, e.At.UnixMilli()})
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// HashOK reports whether e.Hash matches the event's contents.
func (e Event) HashOK() bool { return e.ComputeHash() == e.Hash }

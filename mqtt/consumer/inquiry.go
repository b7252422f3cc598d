package consumer

import (
	"encoding/json"
	"fmt"
	"os"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// LoadInquiries reads a consumer's inquiry fixture: a JSON object from
// application number to answer, e.g.
//
//	{"APP-2026-0042": {"found": true, "status": {"ar": "...", "en": "Under review"}}}
//
// Applications not listed are answered {"found": false}.
func LoadInquiries(path string) (map[string]contract.InquiryAnswer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mqtt: inquiries: %w", err)
	}
	var m map[string]contract.InquiryAnswer
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("mqtt: inquiries %s: %w", path, err)
	}
	return m, nil
}

// handleInquiries subscribes to every appliance's inquiries when the
// consumer has a fixture to answer them from.
func (c *Consumer) handleInquiries(cl *client.Client) error {
	if c.opts.Inquiries == nil {
		return nil
	}
	return cl.Handle(contract.AllInquiries, 1, func(m client.Message) { c.answerInquiry(cl, m) })
}

// answerInquiry answers one inquiry from the fixture, on
// inquiry/{device}/res of the asking appliance.
func (c *Consumer) answerInquiry(cl *client.Client, m client.Message) {
	t, ok := contract.ParseTopic(m.Topic)
	var req contract.InquiryRequest
	if !ok || t.Kind != "inquiry" || json.Unmarshal(m.Payload, &req) != nil || req.RequestID == "" {
		c.bad.Add(1)
		return
	}
	a := c.opts.Inquiries[req.Application]
	a.RequestID = req.RequestID
	if err := cl.PublishJSON(contract.Topics{Center: t.Center}.InquiryRes(t.Key), false, a); err != nil {
		c.log.Warn("mqtt: consumer: inquiry answer", "err", err)
	}
}

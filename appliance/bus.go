package appliance

import (
	"context"
	"log"

	"tabour/kiosk/flow"
	"tabour/mqtt"
)

// Version is reported on the status topic.
const Version = "0.1.0"

// newBus builds the MQTT bus from the config; nil when disabled.
func (a *Appliance) newBus(opts Options) (*mqtt.Bus, error) {
	c := a.Config.MQTT
	if c.Disabled {
		return nil, nil
	}
	mc := mqtt.Config{
		Center: a.Config.Center.Code, Device: a.Config.Device, Version: Version,
		Broker: mqtt.BrokerConfig{External: c.External, Username: c.Username, Password: c.Password,
			Listen: c.Listen, CertFile: c.CertFile, KeyFile: c.KeyFile, CAFile: c.CAFile},
		Upstream: mqtt.UpstreamConfig{URL: c.Upstream.URL, Username: c.Upstream.Username,
			Password: c.Upstream.Password, CAFile: c.Upstream.CAFile, Disabled: c.Upstream.Disabled},
		Devices:       c.Devices,
		AnonymousRead: opts.Simulate,
		ServerKeys:    c.ServerKeys,
		NotifyKey:     c.NotifyKey,
		NotifyAhead:   c.NotifyAhead,
	}
	return mqtt.New(a.Engine, mc, mqtt.Opts{Clock: opts.Clock})
}

// connectFlow gives the kiosk the bus's services: texts when the turn is
// near (only with the server's notify key) and application inquiries.
func (a *Appliance) connectFlow(deps *flow.Deps) {
	if a.Bus == nil {
		return
	}
	if a.Config.MQTT.NotifyKey != "" {
		deps.SMS = a.Bus.SMS()
	}
	deps.Inquirer = inquirer{a.Bus}
}

// inquirer adapts the bus's inquiry to the kiosk's.
type inquirer struct{ bus *mqtt.Bus }

func (q inquirer) Inquire(ctx context.Context, application string) (flow.InquiryAnswer, error) {
	ans, err := q.bus.Inquire(ctx, application)
	if err != nil {
		return flow.InquiryAnswer{}, err
	}
	out := flow.InquiryAnswer{Found: ans.Found}
	if ans.Status != nil {
		out.Status = flow.Message{AR: ans.Status.AR, EN: ans.Status.EN}
	}
	if ans.NextStep != nil {
		out.Next = flow.Message{AR: ans.NextStep.AR, EN: ans.NextStep.EN}
	}
	return out, nil
}

// RunBus serves the MQTT bus until ctx ends. A bus that fails (its port
// taken, the broker unreachable) is logged: the kiosk and the queue go on.
func (a *Appliance) RunBus(ctx context.Context) {
	if a.Bus == nil {
		return
	}
	if err := a.Bus.Run(ctx); err != nil && ctx.Err() == nil {
		log.Printf("appliance: mqtt: %v (the queue carries on; events wait in the outbox)", err)
	}
}

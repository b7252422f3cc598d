package appliance

import (
	"context"
	"log"

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
	}
	return mqtt.New(a.Engine, mc, mqtt.Opts{Clock: opts.Clock})
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

package appliance

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"path/filepath"
	"syscall"

	"tabour/kiosk/flow"
	"tabour/mqtt"
)

// Version is reported on the status topic.
const Version = "0.1.0"

// Where the embedded broker listens unless mqtt.listen says otherwise.
const (
	defaultListen   = ":1883"
	simulatedListen = "127.0.0.1:1883" // a demonstration is not on the LAN
)

// newBus builds the MQTT bus from the config; nil when disabled. If the
// embedded broker's port is taken, a simulated center moves to a free port
// on the same address and says so; a real one stops with a
// *PortTakenError.
func (a *Appliance) newBus(opts Options) (*mqtt.Bus, error) {
	if a.Config.MQTT.Disabled {
		return nil, nil
	}
	mc := a.busConfig(opts)
	bus, err := mqtt.New(a.Engine, mc, mqtt.Opts{Clock: opts.Clock})
	if !errors.Is(err, syscall.EADDRINUSE) || mc.Broker.External != "" {
		if err == nil && opts.Simulate && bus.Addr() != nil {
			log.Print(listening("mqtt: the bus listens on", bus))
		}
		return bus, err
	}
	taken := &PortTakenError{Addr: mc.Broker.Listen, Err: err}
	if !opts.Simulate {
		return nil, taken
	}
	host, _, _ := net.SplitHostPort(mc.Broker.Listen)
	mc.Broker.Listen = net.JoinHostPort(host, "0")
	if bus, err = mqtt.New(a.Engine, mc, mqtt.Opts{Clock: opts.Clock}); err != nil {
		return nil, err
	}
	log.Print(listening("mqtt: "+taken.what()+"; the bus listens on", bus))
	return bus, nil
}

// PortTakenError is returned by Open when another program holds the
// embedded broker's port (and the center is not simulated).
type PortTakenError struct {
	Addr string // the address configured
	Err  error
}

func (e *PortTakenError) Error() string {
	return "appliance: mqtt: " + e.what() + ": stop what holds it (a system mosquitto: systemctl disable " +
		"--now mosquitto), set mqtt.listen to a free address, or mqtt.external to use that broker"
}

func (e *PortTakenError) what() string {
	_, port, _ := net.SplitHostPort(e.Addr)
	return fmt.Sprintf("port %s is taken (%v)", port, cause(e.Err))
}

func (e *PortTakenError) Unwrap() error { return e.Err }

// cause is the innermost error: "address already in use".
func cause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// listening says where the bus listens and how to watch it.
func listening(what string, bus *mqtt.Bus) string {
	addr := bus.Addr().String()
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return fmt.Sprintf("%s %s (watch it: mosquitto_sub -h %s -p %s -v -t 'tabour/v1/#')", what, addr, host, port)
}

func (a *Appliance) busConfig(opts Options) mqtt.Config {
	c := a.Config.MQTT
	listen := c.Listen
	if listen == "" && c.External == "" {
		listen = defaultListen
		if opts.Simulate {
			listen = simulatedListen
		}
	}
	return mqtt.Config{
		Center: a.Config.Center.Code, Device: a.Config.Device, Version: Version,
		Broker: mqtt.BrokerConfig{External: c.External, Username: c.Username, Password: c.Password,
			Listen: listen, StoreDir: filepath.Join(a.Config.DataDir, "broker"), CertFile: c.CertFile, KeyFile: c.KeyFile, CAFile: c.CAFile},
		Upstream: mqtt.UpstreamConfig{URL: c.Upstream.URL, Username: c.Upstream.Username,
			Password: c.Upstream.Password, CAFile: c.Upstream.CAFile, Disabled: c.Upstream.Disabled},
		Devices:       c.Devices,
		AnonymousRead: opts.Simulate,
		ServerKeys:    c.ServerKeys,
		NotifyKey:     c.NotifyKey,
		NotifyAhead:   c.NotifyAhead,
	}
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

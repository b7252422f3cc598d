package appliance

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"path/filepath"
	"syscall"

	"tabour/config"
	"tabour/kiosk/flow"
	"tabour/mqtt"
	"tabour/mqtt/wire"
)

// Version is reported on the status topic.
const Version = "0.1.0"

// Where the embedded broker listens unless mqtt.listen says otherwise.
const (
	defaultListen   = ":1883"
	simulatedListen = "127.0.0.1:1883" // a demonstration is not on the LAN
)

// busConfig decodes and checks the config's mqtt section into the bus's
// own configuration, with the center, the device and, unless the section
// says otherwise, where the embedded broker listens. Its errors name the
// field and the file.
func busConfig(cfg config.Config, simulate bool) (mqtt.Config, error) {
	var mc mqtt.Config
	if err := cfg.DecodeMQTT(&mc); err != nil {
		return mqtt.Config{}, err
	}
	mc.Center, mc.Device, mc.Version = cfg.Center.Code, cfg.Device, Version
	mc.AnonymousRead = simulate
	mc.Broker.StoreDir = filepath.Join(cfg.DataDir, "broker")
	if mc.Broker.Listen == "" && mc.Broker.External == "" {
		mc.Broker.Listen = defaultListen
		if simulate {
			mc.Broker.Listen = simulatedListen
		}
	}
	if mc.Disabled {
		return mc, nil
	}
	return mc, cfg.MQTTError(mc.Validate())
}

// openBus builds the MQTT bus (none when disabled); its embedded broker
// binds its port now. If the port is taken, a simulated center moves to a
// free port on the same address and says so; a real one stops with a
// *PortTakenError.
func (a *Appliance) openBus(l *lifecycle, opts Options) (err error) {
	if a.bus.Disabled {
		return nil
	}
	mc := a.bus
	a.Bus, err = mqtt.New(a.Engine, mc, mqtt.Opts{Clock: opts.Clock})
	if errors.Is(err, syscall.EADDRINUSE) && mc.Broker.External == "" {
		taken := &PortTakenError{Addr: mc.Broker.Listen, Err: err}
		if !opts.Simulate {
			return taken
		}
		host, _, _ := net.SplitHostPort(mc.Broker.Listen)
		mc.Broker.Listen = net.JoinHostPort(host, "0")
		if a.Bus, err = mqtt.New(a.Engine, mc, mqtt.Opts{Clock: opts.Clock}); err == nil {
			log.Print(listening("mqtt: "+taken.what()+"; the bus listens on", a.Bus))
		}
	} else if err == nil && opts.Simulate && a.Bus.Addr() != nil {
		log.Print(listening("mqtt: the bus listens on", a.Bus))
	}
	if err != nil {
		a.Bus = nil
		return fmt.Errorf("appliance: mqtt: %w", err)
	}
	l.closes("mqtt broker", a.Bus.Close)
	return nil
}

// PortTakenError is returned by Run when another program holds the
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

// connectFlow gives the kiosk the bus's services: texts when the turn is
// near (only with the server's notify key) and application inquiries.
func (a *Appliance) connectFlow(deps *flow.Deps) {
	if a.Bus == nil {
		return
	}
	if a.bus.NotifyKey != "" {
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
		out.Status = wire.LangText(*ans.Status)
	}
	if ans.NextStep != nil {
		out.Next = wire.LangText(*ans.NextStep)
	}
	return out, nil
}

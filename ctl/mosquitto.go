package ctl

import (
	"fmt"

	"tabour/internal/atomicfile"
	"tabour/mqtt"
	"tabour/mqtt/auth"
)

// defaultPlugin is where the README installs the plugin.
const defaultPlugin = "/usr/local/lib/tabour/tabour-auth.so"

// cmdMosquitto writes the devices file of the mosquitto plugin
// (tabour/mqtt/auth/mosquitto) from the config's mqtt section, for a
// center whose appliance uses the center's own mosquitto (mqtt.external):
// the listed devices and the appliance's credential on that broker, each
// with the SHA-256 of its password only.
func cmdMosquitto(e *env, args []string) error {
	fs := e.flags("mosquitto")
	out := fs.String("out", "", "devices file to write (mode 0640); without it the file is printed")
	plugin := fs.String("plugin", defaultPlugin, "where mosquitto finds the plugin, for the lines printed")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := e.loadConfig(); err != nil {
		return err
	}
	var mc mqtt.Config
	if err := e.cfg.DecodeMQTT(&mc); err != nil {
		return err
	}
	mc.Center, mc.Device = e.cfg.Center.Code, e.cfg.Device
	if err := e.cfg.MQTTError(mc.Validate()); err != nil {
		return err
	}
	if mc.Broker.External == "" {
		return fmt.Errorf("mqtt.external is not set: this appliance runs its embedded broker, which needs no mosquitto")
	}
	if mc.Broker.Username == "" || mc.Broker.Password == "" {
		return fmt.Errorf("mqtt.username and mqtt.password are not both set: the appliance's credential on %s", mc.Broker.External)
	}
	reg, err := auth.NewRegistry(mc.Center, mc.Devices)
	if err != nil {
		return err
	}
	if _, listed := reg.Device(mc.Broker.Username); !listed {
		err := reg.Add(auth.Device{ID: mc.Broker.Username, Role: auth.RoleAppliance, PasswordSHA256: auth.HashPassword(mc.Broker.Password)})
		if err != nil {
			return err
		}
	}
	file := reg.File(mc.MaxSessions).Marshal()
	if *out == "" {
		_, err := e.stdout.Write(file)
		return err
	}
	if err := atomicfile.Write(*out, file, 0o640); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: center %s, %d devices\n", *out, mc.Center, len(reg.Devices()))
	fmt.Fprintf(e.stdout, "let mosquitto read it (chgrp mosquitto %s), and in mosquitto.conf:\n", *out)
	fmt.Fprintf(e.stdout, "  allow_anonymous false\n  plugin %s\n  plugin_opt_devices %s\n", *plugin, *out)
	return nil
}

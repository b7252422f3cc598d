// Package mqtttest runs real brokers for tests: a mosquitto process with its
// own config file in a temporary directory (and, with a registry, the
// project's plugin, built once per test process: Plugin), or the embedded broker (a NATS
// server speaking MQTT), each on a random loopback port and each able to
// stop and start again on the same address, the embedded one on the same
// store (outage tests). A Recorder subscribes to every Tabour
// topic and checks, when the test ends, that every payload seen matches the
// AsyncAPI schemas (mqtt/contract/asyncapi.yaml) and holds nothing shaped like a
// national ID or a phone number.
package mqtttest

// Package mqtttest runs real brokers for tests: a mosquitto process with its
// own config file in a temporary directory, or the embedded mochi broker,
// each on a random loopback port and each able to stop and start again on
// the same address (outage tests). A Recorder subscribes to every Tabour
// topic and checks, when the test ends, that every payload seen matches the
// AsyncAPI schemas (mqtt/contract/asyncapi.yaml) and holds nothing shaped like a
// national ID or a phone number.
package mqtttest

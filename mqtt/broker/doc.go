// Package broker runs the center's local MQTT bus: by default an embedded
// mochi-mqtt broker inside the appliance, or, by configuration, nothing at
// all when the center has its own broker (mosquitto) that the appliance
// only connects to. Both satisfy Broker.
//
// The embedded broker authenticates every client against an auth.Registry
// and checks every subscription and publish against the client's rules
// (a will that the client could not publish itself is refused at
// connect). It sets TCP_NODELAY on every accepted connection, so a small
// QoS 1 message is never held back by Nagle's algorithm waiting for a
// delayed ACK (the 40 ms tail mosquitto shows without set_tcp_nodelay),
// and optionally speaks TLS; with TLS on, a second plain listener on the
// loopback interface serves the appliance's own clients.
//
// Note that mochi answers an ACL-denied QoS 1 publish from an MQTT 3.1.1
// client by disconnecting it, where mosquitto sends a PUBACK and drops the
// message: in both cases nothing is delivered.
package broker

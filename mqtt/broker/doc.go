// Package broker runs the center's local MQTT bus: by default a NATS
// server embedded in the appliance, speaking MQTT 3.1.1 (QoS 0/1/2,
// retained messages, wills, persistent sessions) on its JetStream store
// under the appliance's data directory, or, by configuration, nothing at
// all when the center has its own broker (mosquitto) that the appliance
// only connects to. Both satisfy Broker.
//
// The embedded broker authenticates every client against an auth.Registry
// and gives it NATS permissions translated from the client's rules (MQTT
// '/' is NATS '.', '+' is '*', '#' is '>'), so topic levels must be plain
// NATS tokens: no '.', no spaces (ValidLevel). It bounds what a hostile
// or careless device on the LAN can cost: a connection must send an
// accepted CONNECT within the auth timeout, no packet (CONNECT included)
// may declare more than the payload limit, clients are capped, and so is
// what is queued for a slow one. It optionally speaks TLS; with TLS on, a
// plain listener on the loopback interface serves the appliance's own
// clients, carried over TLS to the broker. No NATS client port is opened.
//
// Where NATS differs from mochi and mosquitto: an ACL-denied QoS 1 publish
// is acknowledged and dropped (as mosquitto does; mochi disconnected the
// client); a will on a topic the client may not publish is accepted at
// CONNECT (NATS does not show it to the authenticator) and dropped when it
// fires, since it is published with the client's permissions; $share/...
// shared subscriptions do not exist (a queue group does that on NATS).
package broker

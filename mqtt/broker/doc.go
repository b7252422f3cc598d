// Package broker runs the center's local MQTT bus: by default a NATS
// server with its MQTT listener embedded in the appliance, or, by
// configuration, nothing at all when the center has its own broker
// (mosquitto) that the appliance only connects to. Both satisfy Broker.
//
// The embedded server keeps its JetStream store (persistent sessions,
// retained messages, QoS 1 messages in flight) in Opts.StoreDir, under the
// appliance's data directory; started again on the same directory it
// finds them all. It opens no NATS client port. Its limits: a connection
// must send CONNECT within the auth timeout (3 s), a packet may carry at
// most 256 KiB (a larger one is refused on its fixed header, before it is
// read), at most 512 clients at once, at most 4 connections at once of
// one device credential (Opts.MaxSessions; the appliance's own credential
// and anonymous readers are not bounded: connections the server still
// holds are counted, less one with the new connection's client id, which
// the server is about to replace), and a client that lets 8 MiB queue up
// is cut off. Go sets TCP_NODELAY on every connection, so a small QoS 1
// message is never held back by Nagle's algorithm waiting for a delayed
// ACK (the 40 ms tail mosquitto shows without set_tcp_nodelay). A QoS 1
// message a subscriber has not acknowledged is sent again after 5 s
// (AckWait; the server does not resend at reconnect). Its log goes to the
// Logger at warning level and above.
//
// Every client is authenticated against an auth.Registry, which also binds
// MQTT client ids to credentials: a device may connect only with its own
// id or its id, "-" and a suffix (auth.Registry.ClientIDAllowed), so no
// credential can take over another device's session, the appliance's own
// clients ("{device}-bus", "{device}-relay") included. The server passes
// the custom authenticator no MQTT client id through its interface; it is
// read from the client's unexported state (see mqttClientID), and a server
// version without it refuses every client rather than skip the check.
// Each client is given NATS permissions made from its rules: an MQTT topic filter maps to subjects
// ("/" → ".", "+" → "*", "#" → ">" and the parent level), and every
// client may subscribe to "$MQTT.sub.>", the internal subject that
// delivers a QoS 1 subscription's messages (MQTT clients cannot subscribe
// to "$MQTT." subjects themselves). A denied subscription gets a failure
// code in its SUBACK; a denied publish is acknowledged and dropped, as
// mosquitto does. The server does not look at a client's will at connect:
// a will on a topic the client may not publish is dropped when it fires.
// A client that comes back with the same client id before the server
// dropped its old connection takes the session over, and the old
// connection's will is not sent. Shared subscriptions ($share/...) do not
// exist here.
//
// With TLS (Opts.CertFile and KeyFile), Addr speaks only TLS and relays
// each connection to the server's plain listener on the loopback
// interface, which the appliance's own clients use (URL).
//
// Note that the server updates its index of retained messages from a
// JetStream consumer, after it acknowledged the publish: a client that
// subscribes at that moment gets neither the live message nor the
// retained one. The bus confirms its own online status is visible before
// it says it is ready (mqtt.Bus.Ready).
package broker

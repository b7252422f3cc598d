// Package auth is who may connect to the center's bus and what each device
// may publish and read: a registry of devices (id, role, counter number and
// the SHA-256 of its password) and the access rules of each role.
//
// The embedded broker (package tabour/mqtt/broker) asks a Registry on every
// CONNECT (password and client id: a device connects only as its id or
// its id, "-" and a suffix; at most DefaultMaxSessions connections of one
// device credential), SUBSCRIBE and PUBLISH. A center that runs its own
// mosquitto loads the plugin of tabour/mqtt/auth/mosquitto, which asks the
// same Registry, read from a devices file (File).
//
// With p = "tabour/v1/{center}/":
//
//	appliance  read p#; write p+status/+, p+health/+, p+queue/+, p+serving/+,
//	           p+report/+, p+events/+, p+res/+/+, p+notify/+, p+inquiry/+,
//	           p+config/+/reported      (the appliance's own clients)
//	server     read+write tabour/v1/#   (the workflow server, upstream)
//	counter d  write p+cmd/d/#; read p+serving/#, p+queue/#, p+status/#, p+res/d/#
//	display d  read p+serving/#, p+queue/#, p+status/#
//	kiosk d    read p+serving/#, p+queue/#, p+status/#
//	monitor d  read p+serving/#, p+queue/#, p+status/#, p+health/#
//	console d  write p+cmd/d/#; read p+res/d/#, p+serving/#, p+queue/#,
//	           p+status/#, p+health/#, p+report/#   (the web console)
//
// and every device d, whatever its role, may also publish its own
// p+status/d (its Last Will), p+health/d and p+config/d/reported, and read
// p+config/d/desired. Everything else is denied: only the server may
// publish ack/{device}, which deletes events from the appliance's outbox.
// A subscription is allowed only if every topic it can match is readable
// (a filter inside a filter), so a counter cannot subscribe to p+# and
// pick up another counter's results; a shared subscription
// ($share/GROUP/filter) is checked on its filter.
//
// The console sends the commands of whichever counter a signed-in clerk
// works at, on its own topics (cmd/d/{name} with the counter in the
// command's args), never on a counter device's: the bus records the
// device of the topic as the command's issuer ("issued_by") and the
// command's actor (the signed-in person) beside it, so the audit trail
// says the console did it for that person.
package auth

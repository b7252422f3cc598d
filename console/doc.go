// Package console is the center's web console: the counter clerks (and,
// later, the manager) in any browser on the center's LAN.
//
// It is a client app of the bus: it follows serving/+, queue/+ and the
// appliance's status with tabour/mqtt/client, and sends each counter's
// commands as its own device (role console) with client.Commander, the
// counter in the command's args and the signed-in person as the
// command's actor, so the audit trail names both.
//
// People sign in with accounts kept in a JSON file under the data
// directory (AccountsFile, mode 0600): a name, a role (clerk, manager,
// technician), a clerk's counters and an argon2id hash of the password.
// The first run creates one manager with a random password, which the
// caller shows once. Sessions are random tokens in HttpOnly, SameSite
// Strict cookies (Secure over HTTPS) that expire on the server; an
// account is locked for LockFor after MaxFailures failed sign-ins; every
// state change needs the session and passes Go's
// http.CrossOriginProtection.
//
// The counter page is rendered on the server (Arabic, right to left,
// first; English by a toggle) and kept live by server-sent events pushed
// on every change and every second.
package console

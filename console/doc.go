// Package console is the center's web console: the counter clerks and
// the manager in any browser on the center's LAN.
//
// It follows the bus with tabour/mqtt/client (serving/+, queue/+, the
// devices' status/+ and the appliance's health) and sends every action as
// a command of its own device (role console) with client.Commander: a
// counter's commands with the counter in the args, the manager's (ticker,
// announce, set_services) too, each with the signed-in person as the
// command's actor, so the audit trail names both. Free text shaped like a
// national ID or a phone number is refused before it reaches the bus.
//
// The manager's figures of a day (the live table, the plots, the day
// report and its CSV) are read from the queue engine of the appliance
// that serves the console, read only (Figures): the tickets of a day are
// not on the bus. The plots are SVG drawn on the server (console/chart).
//
// People sign in with accounts kept in a JSON file under the data
// directory (AccountsFile, mode 0600): a name, a role (clerk, manager,
// technician), a clerk's counters and an argon2id hash of the password.
// The first run creates one manager with a random password, which the
// caller shows once; managers add the others, whose passwords are shown
// once. Sessions are random tokens in HttpOnly, SameSite Strict cookies
// (Secure over HTTPS) that expire on the server; an account is locked for
// LockFor after MaxFailures failed sign-ins; every state change needs the
// session and passes Go's http.CrossOriginProtection.
//
// The pages are rendered on the server (Arabic, right to left, first;
// English by a toggle) and kept live by server-sent events pushed on every
// change and every second.
package console

// Package config reads, checks and writes the appliance's one configuration
// file, and gives the service catalog the center offers.
//
// The file is a JSON object (tabour.example.json at the root of the
// repository is a complete example), decoded with
// github.com/go-json-experiment/json. Decoding is strict: keys must match
// exactly, unknown and repeated keys, values of the wrong type and anything
// after the object are errors, and every error names the field it is
// about, and the file when the config was loaded from one (null reads as
// the field's zero value, which validation then judges):
//
//	config: /etc/tabour.json: unknown field "qeue" (did you mean "queue"?)
//	config: queue: unknown field "prioirty_every" (did you mean "priority_every"?)
//	config: queue.priority_every: want a number, got string
//	config: queue.number_max: must be at least number_min (1), got 0
//	config: counters[1].services[0].code: service "QUARY" is not offered (not in the catalog or not in services)
//
// Validation reports every problem at once (errors joined with
// errors.Join, each a *FieldError). The file is read over Default: a field
// left out keeps its default, except that an array replaces the default
// array whole and center.name, when given, replaces the default name whole.
// A file may therefore be as short as {}, which is the default center. A
// UTF-8 byte-order mark is ignored. Durations are Go duration strings:
// "30s", "10m", "1h30m".
//
// # Fields
//
// center: the technology center.
//   - center.code: short id used in event topics and reports,
//     ^[a-z0-9-]{2,32}$. Default "ism-fayed".
//   - center.name: {"ar": ..., "en": ...}, both required, printed on
//     tickets and shown in the hall. Default Fayed City Council's
//     technology center.
//   - center.timezone: IANA time zone the service day is counted in.
//     Default "Africa/Cairo" (embedded with time/tzdata, so it resolves on
//     machines without tzdata); "Local" is refused.
//
// device: this appliance's id on events, ^[a-z0-9-]{1,32}$. Default
// "kiosk1".
//
// data_dir: directory of the database and other state, relative to the
// working directory unless absolute. Default "./var".
//
// queue: the queue engine's own options (queue.Options, whose defaults,
// queue.DefaultOptions, are the defaults here; device and center.timezone
// give its Device and Location).
//   - queue.day_start: offset from local midnight at which a service day
//     begins, 0s to 23h59m59s. Default "0s".
//   - queue.number_min, queue.number_max: ticket numbers per service and
//     day; number_min ≥ 1, number_max ≥ number_min and within
//     number_width digits. Past number_max numbering wraps to number_min,
//     skipping numbers still open; when half the range is still open it
//     widens instead (A999, A1000, … A9999), so a citizen is never refused
//     a number. Defaults 1 and 999.
//   - queue.number_width: digits printed, 1–6 (3 gives A007); a widened
//     number prints all its digits. Default 3.
//   - queue.priority_every: at most one priority ticket per this many normal
//     calls while normal tickets wait, 1–100. Default 3.
//   - queue.recycle_no_shows: times a no-show goes back to the end of the
//     queue before it is final, 0–10 (0 = never). Default 1.
//   - queue.appointment_early, queue.appointment_late: how long before and
//     after its time a checked-in appointment is called ahead of the queue,
//     1s–4h each. Defaults "15m" and "10m".
//   - queue.dedup_window: refuse a second waiting ticket for the same service
//     and national ID within this time, 0s–24h ("0s" = off). Default "10m".
//   - queue.estimate_window: finished tickets the wait estimate averages
//     over, 1–1000. Default 20.
//   - queue.default_service_min: minutes per ticket assumed for a service
//     with no avg_service_min, 1–240. Default 5.
//
// national_id:
//   - national_id.check_digit: "strict" rejects a number whose check digit
//     does not match the public algorithm, "lenient" accepts it and notes it,
//     "off" ignores the digit. The algorithm is not published, so the default
//     is "lenient".
//
// catalog: path of a catalog file (same format as the built-in one, see
// package assets; relative to the working directory), or "" for the
// built-in catalog. Default "". A center's own catalog may give a fee for a
// service; the built-in one never does.
//
// services: codes of the catalog services this center offers, in kiosk
// order; each must be in the catalog, once. Left out or [] means every
// catalog service, in catalog order.
//
// counters: the service windows (شبابيك), 1–99 of them.
//   - counters[].number: 1–99, unique.
//   - counters[].label: {"ar": "شباك 1", "en": "Window 1"}, both required.
//   - counters[].services: at least one {"code": ..., "weight": ...}; code
//     an offered service, once per counter; weight 1–10 (left out or 0 means
//     1; 2 makes that service's tickets count as waiting twice as long at
//     this counter).
//
// Every offered service must be served by at least one counter. If counters
// is left out, the default counters are used, without the services that
// are not offered: 1 building permits and certificates, 2 shops and
// licences, 3 state land and reconciliation, 4 collection, inquiries and
// complaints, 5 reconciliation (weight 2) and collection.
//
// kiosk: the touch kiosk.
//   - kiosk.language: first language, "ar" or "en". Default "ar".
//   - kiosk.digits: "arabic" (٠١٢٣) or "western" (0123) on screens and
//     tickets. Default "arabic".
//   - kiosk.idle_timeout: back to the start screen after this long without a
//     touch, 10s–30m. Default "60s". The screen asks "are you still there?"
//     for the last ten seconds.
//   - kiosk.ticket_timeout: the ticket screen returns to the start after
//     this long, so the next citizen never sees the last one's number;
//     three times as long when the ticket did not print and its QR code
//     must be photographed. 5s–5m. Default "20s".
//   - kiosk.print_timeout: how long the kiosk waits for the printer before
//     it gives up and shows the ticket on screen, 2s–1m. Default "10s".
//   - kiosk.ticket_base_url: if set, an absolute http(s) URL without query or
//     fragment; each ticket then carries a QR code of this URL followed by
//     the ticket reference (e.g. "20261122-A023"). Default "" (the QR code
//     then holds the bare reference).
//   - kiosk.admin_pin: 4–8 digits that open the maintenance screen after
//     five taps in the top left corner within three seconds. Default
//     "2468": change it when installing.
//   - kiosk.elderly_age: the age, read from a national ID typed at the
//     kiosk, that gives senior priority, 50–90. Default 65.
//   - kiosk.common: up to four offered service codes shown on the start
//     screen (their tickets take three taps). Default BLD-PERMIT,
//     RECON-REQ, SHOP-LICENCE, COLLECT, less any the center does not offer.
//   - printer.uri: "usb:/dev/usb/lp0", "tcp://HOST:9100",
//     "serial:/dev/ttyUSB0?baud=19200" or "virtual:DIR". Default "" =
//     virtual:<data_dir>/printer (PNG and ESC/POS files, for simulation).
//   - printer.width_dots: 576 (80 mm paper) or 384 (58 mm). Default 576.
//   - scanner.device: "evdev:/dev/input/by-id/…-event-kbd" for a
//     keyboard-wedge ID scanner (grabbed: its keys never reach the screen;
//     the kiosk's user needs read access, e.g. group input),
//     "serial:/dev/ttyACM0?baud=9600" for a serial one, "" for none.
//
// console: the web console of the counter clerks and the manager, served
// by the kiosk's process (package console).
//   - console.disabled: do not serve it. Default false.
//   - console.listen: its address, host:port. Default ":8080";
//     "127.0.0.1:8080" in simulation.
//   - console.cert_file, console.key_file: PEM files, both or neither, to
//     serve it over HTTPS (the session cookie is then Secure). Default ""
//     (HTTP).
//
// mqtt: the bus. This package keeps the section as written (Config.MQTT)
// and imports no bus package: the fields, their defaults and their rules
// are the bus package's (mqtt.Config), and the appliance has it decode
// (Config.DecodeMQTT, as strictly as the rest) and check (Config.MQTTError
// names the field) the section when it starts.
//   - mqtt.disabled: run without the bus. mqtt.external: the center's own
//     broker URL (with mqtt.username and mqtt.password); "" runs the
//     embedded broker on mqtt.listen (default ":1883"; "127.0.0.1:1883"
//     in simulation, and if that port is taken, a free one), with TLS when
//     mqtt.cert_file and mqtt.key_file are set. mqtt.upstream.url: the
//     workflow server's broker ("" = the local bus); mqtt.devices: the
//     clients allowed on the embedded broker ({id, role, counter,
//     password_sha256}; roles appliance, server, counter, display, kiosk,
//     monitor, console). mqtt.server_keys: the workflow server's Ed25519 public
//     keys (base64) that must sign its commands. mqtt.notify_key: its
//     Curve25519 public key (base64) that mobile numbers are sealed to; ""
//     turns the kiosk's text-message step off. mqtt.notify_ahead: how
//     many tickets ahead trigger the "near" text (default 3). See package
//     mqtt for the topics.
//
// # Saving
//
// Save validates and writes a config atomically (temporary file in the
// same directory, fsync, rename, fsync of the directory).
//
// The package uses the standard library, go-json-experiment/json and the
// tabour queue and assets packages.
package config

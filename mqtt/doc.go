// Package mqtt is the appliance's MQTT bus: a paho client wrapper, the
// conversions of the queue engine's values to the v1 contract (package
// contract: topic names, payload types, asyncapi.yaml), and Bus, which
// runs on the queue engine:
//
//   - the local broker: an embedded NATS server speaking MQTT (package
//     broker, with per-device credentials and topic rules from package
//     auth) or an external one;
//   - retained status/{device} (online with boot_id, version, since and
//     the printer's state; the Last Will says lost; a clean stop says
//     offline) and health/{device} (outbox size and age, upstream link,
//     printer and scanner), both published at once when a hardware state
//     reported with Bus.ReportHardware changes;
//   - retained serving/{counter} and queue/{service}, republished after
//     each committed change (engine.Watch, coalesced, only what changed;
//     polled too, for other processes' writes), and all of them again after
//     every reconnect, since a broker restart may have lost them;
//   - the counters' commands on cmd/{device}/{name}, answered on
//     res/{device}/{cmd_id}, idempotent by cmd_id (see cmdStore for the
//     at-most-once argument), refused with a code and a reason, changing
//     nothing, when malformed, unknown, for an unknown counter or another
//     counter, in the wrong state, expired or issued in the future, or
//     holding something shaped like personal data;
//   - commands of actor "server" (sent centrally) checked first by a guard:
//     an Ed25519 signature over contract.SigningBytes by one of
//     Config.ServerKeys, unexpired, a cmd_id never seen (refused as
//     "replayed");
//   - SMS notices (Bus.SMS, the kiosk's flow.SMS): the mobile number is
//     sealed at once to Config.NotifyKey (nacl/box anonymous box) and only
//     the box is kept, in memory; notify/{device} asks the server to text
//     "near" (at most NotifyAhead ahead) and "called", each once;
//   - application status inquiries (Bus.Inquire) on inquiry/{device},
//     answered on inquiry/{device}/res, ErrNoAnswer at the deadline;
//   - the upstream Relay of the event outbox, which resends what is not
//     acknowledged with exponential backoff (10 s doubling to 5 min, reset
//     by an ack; health then says "no acks since T"), and a reference
//     Consumer that a workflow server can run (tabourctl events --ack).
//
// Topics are tabour/v1/{center}/...; every payload is JSON with times in
// RFC 3339 UTC with milliseconds, and none carries personal data. Package
// mqtttest runs real brokers (mosquitto and the embedded one) for tests and
// checks every payload a test saw against contract.AsyncAPI.
//
// Lifecycles: Bus.Run, Relay.Run and Consumer.Run each serve until their
// context ends; New and NewConsumer only prepare. Nothing logged is
// personal: logs name devices, counters, topics and errors.
package mqtt

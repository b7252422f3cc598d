// Package mqtt is the appliance's MQTT bus: Bus, which runs on the queue
// engine. Its neighbours are split by who may import them:
//
//   - package contract: the v1 wire contract (topic names, payload types,
//     the events' audit hash, asyncapi.yaml), standard library only;
//   - package client: a paho client wrapper (Client, AwaitRetained) and
//     the counters' Commander, importing only the contract and paho: with
//     the contract, all a client app needs;
//   - package broker: the local broker, an embedded NATS server speaking
//     MQTT or the center's own; package auth: per-device credentials and
//     topic rules, for either;
//   - package wire: the queue engine's values converted to the contract's;
//   - package relay: the upstream relay of the event outbox, which Bus
//     runs;
//   - package consumer: a reference consumer that a workflow server can
//     run (tabourctl events --ack), itself a client app;
//   - package mqtttest: real brokers (mosquitto and the embedded one) for
//     tests, and a Recorder that checks every payload a test saw against
//     contract.AsyncAPI.
//
// Client apps (the reference consumer, and a hall display, a web console
// or a fleet hub) import the contract and the client, never the queue
// engine, this package, relay or wire; a layer test at the repository's
// root (internal/layers) keeps it so.
//
// Bus serves:
//
//   - the local broker: embedded (with per-device credentials and topic
//     rules from auth) or external;
//   - retained status/{device} (online with boot_id, version, since and
//     the printer's state; the Last Will says lost; a clean stop says
//     offline) and health/{device} (outbox size and age, upstream link,
//     printer and scanner), both published at once when a hardware state
//     reported with Bus.ReportHardware changes;
//   - retained serving/{counter} and queue/{service}, republished after
//     each committed change (engine.Watch, coalesced, only what changed;
//     polled too, for other processes' writes), and all of them again after
//     every reconnect, since a broker restart may have lost them;
//   - retained hall: the hall display's bottom line set for the day
//     (ticker) and the day's last announcement, from the engine's last
//     hall.ticker and hall.announced events (Engine.Hall): published at
//     start, so a restart keeps the day's ticker, and after each change;
//   - the manager's commands set_services (a counter's services and
//     weights for the rest of the service day), ticker and announce (the
//     hall display), accepted only from the console or the workflow
//     server (its own device, or signed): a counter device sending one is
//     refused not_allowed. Their text (at most contract.MaxTextRunes
//     characters per language) goes into the audit log and is refused
//     personal_data if it looks like a national ID or a phone number;
//   - the counters' commands on cmd/{device}/{name}, answered on
//     res/{device}/{cmd_id}, idempotent by cmd_id (see cmdStore for the
//     at-most-once argument), refused with a code and a reason, changing
//     nothing, when malformed, unknown, for an unknown counter or another
//     counter, in the wrong state, expired or issued in the future, or
//     holding something shaped like personal data; each event a command
//     makes names the device it came from and its cmd_id ("issued_by" and
//     "cmd_id" in the event's details, queue.WithIssuer);
//   - per-device command limits: each counter device's commands come in on
//     a connection of their own (so the broker queues a flood behind
//     nothing else), pass a token bucket (Config.CommandBurst, then
//     CommandRate a second) and wait in a bounded queue of their own; the
//     runner takes the devices' queues in turn. A command beyond a limit is
//     answered rate_limited at once and changes and records nothing;
//   - commands of actor "server" (sent centrally) checked first by a guard:
//     an Ed25519 signature over contract.SigningBytes by one of
//     Config.ServerKeys, unexpired, a cmd_id never seen (refused as
//     "replayed");
//   - SMS notices (Bus.SMS, the kiosk's flow.SMS): the mobile number is
//     sealed at once to Config.NotifyKey (nacl/box anonymous box) and only
//     the box is kept, by the engine with the ticket in the transaction
//     that issues it (restored when the bus starts); notify/{device} asks
//     the server to text "near" (at most NotifyAhead ahead) and "called",
//     each once;
//   - application status inquiries (Bus.Inquire) on inquiry/{device},
//     answered on inquiry/{device}/res, ErrNoAnswer at the deadline;
//   - the upstream relay (Bus.Relay), which resends what is not
//     acknowledged with exponential backoff (10 s doubling to 5 min, reset
//     by an ack; health then says "no acks since T").
//
// Topics are tabour/v1/{center}/...; every payload is JSON with times in
// RFC 3339 UTC with milliseconds, and none carries personal data.
//
// Lifecycles: Bus.Run, relay.Relay.Run and consumer.Consumer.Run each
// serve until their context ends; New, relay.New and consumer.New only
// prepare. Nothing logged is personal: logs name devices, counters, topics
// and errors.
package mqtt

// Package contract is the v1 wire contract of the Tabour bus, and nothing
// else: the topic names (Topics, ParseTopic, ValidLevel), the payload types
// (Status, Health, Queue, Serving, Event, Ack, Command, Args, Result,
// CommandResult, DayReport, InquiryRequest and InquiryAnswer,
// NotifyRequest), the command names and refusal codes, the Time type and
// its JSON form (RFC 3339 UTC with milliseconds), the audit hash of an
// event (Event.ComputeHash, Event.HashOK), the personal-data check
// (LooksPersonal, FindPersonal), command signing (SigningBytes, KeyID,
// SignCommand) and the AsyncAPI document that states all of it
// (asyncapi.yaml, embedded as AsyncAPI).
//
// It imports the standard library only, so that every client of the
// appliance (hall display, counter and manager console, fleet hub) can
// speak the bus without the queue engine, the paho client or the broker;
// a layer test at the repository's root keeps it so. The appliance
// converts the engine's values to these types in package
// tabour/mqtt/wire.
//
// It is named contract, at tabour/mqtt/contract, rather than v1 at
// tabour/mqtt/v1: a package whose name is a bare version reads poorly at
// every use (v1.Serving) and would need a renamed import wherever two
// versions meet, while contract.Serving says what it is. The version is
// the contract's own data (Version, Root: tabour/v1/...); an incompatible
// v2 would be a new package beside this one (mqtt/contract/v2), served on
// its own topics.
//
// No payload carries personal data: tickets are named by their label and
// internal id, never by a citizen's name, national ID or phone number.
package contract

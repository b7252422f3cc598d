// Package relay sends the appliance's event outbox upstream, to the
// workflow server's broker: Relay publishes the queue engine's pending
// events on events/{device} in sequence order and deletes each from the
// outbox only when the server names it on ack/{device} and the relay sent
// it (an ack naming an event never sent removes nothing and is counted in
// Stats.Refused; the broker lets only the server's credential publish an
// ack). What is not acknowledged goes out again, after every reconnect and
// after an ack timeout that backs off exponentially while no ack comes
// (10 s doubling to 5 min by default, reset by an ack). The bus (package
// mqtt) runs one and tells its state in health/{device}.
//
// It is the appliance's side: it imports the queue engine, package client
// and the conversions of package wire, never the bus.
package relay

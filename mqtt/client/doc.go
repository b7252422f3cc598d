// Package client is what a client of the Tabour bus needs besides the
// wire contract (package contract): Client, a paho MQTT 3.1.1 client that
// keeps connecting in the background and restores its subscriptions
// after every reconnect; AwaitRetained, which waits until a retained
// message is what a new subscriber receives; and Commander, which sends a
// counter's commands and waits for their answers.
//
// It imports the standard library, paho and package contract only, so a
// hall display, a console or a fleet hub speaks the bus without the queue
// engine or the appliance's side of it (package mqtt); a layer test at the
// repository's root keeps it so.
package client

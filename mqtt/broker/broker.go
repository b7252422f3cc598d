package broker

import (
	"context"
)

// Broker is the local bus the appliance's clients connect to.
type Broker interface {
	// Run serves until ctx is done, then stops.
	Run(ctx context.Context) error
	// URL is where the appliance's own clients connect.
	URL() string
}

// External is a broker run by someone else (the center's mosquitto).
type External struct{ url string }

var _ Broker = (*External)(nil)
var _ Broker = (*Embedded)(nil)

// NewExternal names an external broker by URL (tcp://host:1883).
func NewExternal(url string) *External { return &External{url: url} }

// Run waits for ctx: there is nothing to serve.
func (e *External) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// URL returns the broker's URL.
func (e *External) URL() string { return e.url }

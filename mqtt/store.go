package mqtt

import (
	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/eclipse/paho.mqtt.golang/packets"
)

// copyStore is paho's memory store, returning a copy of each stored
// publish. On reconnect paho v1.5.1 sets the DUP flag on the stored packet
// while the new connection may be writing the same packet, taken from its
// outbound queue (a data race the race detector finds when a QoS 1 publish
// meets a reconnect); with a copy, each goroutine has its own header.
type copyStore struct{ paho.Store }

func newCopyStore() copyStore { return copyStore{paho.NewMemoryStore()} }

func (s copyStore) Get(key string) packets.ControlPacket {
	p := s.Store.Get(key)
	if pp, ok := p.(*packets.PublishPacket); ok {
		c := *pp
		return &c
	}
	return p
}

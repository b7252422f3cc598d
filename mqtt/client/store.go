package client

import (
	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/eclipse/paho.mqtt.golang/packets"
)

// copyStore is paho's memory store holding its own copy of each publish
// and handing out copies. paho v1.5.1 stores the very packet it is about
// to send, then on reconnect reads it (to resend, setting DUP) while the
// old connection's writer may still be writing it: a data race the race
// detector finds when a QoS 1 publish meets a reconnect. Copying on Put and
// on Get gives every goroutine its own header.
type copyStore struct{ paho.Store }

func newCopyStore() copyStore { return copyStore{paho.NewMemoryStore()} }

// Put stores a private copy.
func (s copyStore) Put(key string, m packets.ControlPacket) { s.Store.Put(key, clonePublish(m)) }

// Get returns a copy of the stored packet.
func (s copyStore) Get(key string) packets.ControlPacket { return clonePublish(s.Store.Get(key)) }

func clonePublish(p packets.ControlPacket) packets.ControlPacket {
	if pp, ok := p.(*packets.PublishPacket); ok {
		c := *pp
		return &c
	}
	return p
}

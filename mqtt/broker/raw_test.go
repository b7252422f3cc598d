package broker_test

import (
	"encoding/binary"
	"io"
	"net"
	"testing"
	"time"
)

// connectPacket is an MQTT 3.1.1 CONNECT, written by hand so that tests
// can send what no client library would.
type connectPacket struct {
	id, user, pass       string
	willTopic, will      string
	willQoS              byte
	willRetain, persists bool
}

func mqttString(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(s)))
	return append(b, s...)
}

// remainingLength encodes n as MQTT's variable byte integer.
func remainingLength(b []byte, n int) []byte {
	for {
		d := byte(n % 128)
		n /= 128
		if n > 0 {
			d |= 0x80
		}
		b = append(b, d)
		if n == 0 {
			return b
		}
	}
}

func (p connectPacket) bytes() []byte {
	var flags byte
	if !p.persists {
		flags |= 0x02
	}
	if p.willTopic != "" {
		flags |= 0x04 | p.willQoS<<3
		if p.willRetain {
			flags |= 0x20
		}
	}
	if p.user != "" {
		flags |= 0x80 | 0x40
	}
	body := mqttString(nil, "MQTT")
	body = append(body, 4, flags, 0, 60)
	body = mqttString(body, p.id)
	if p.willTopic != "" {
		body = mqttString(mqttString(body, p.willTopic), p.will)
	}
	if p.user != "" {
		body = mqttString(mqttString(body, p.user), p.pass)
	}
	return append(remainingLength([]byte{0x10}, len(body)), body...)
}

// rawConnect connects and waits for an accepting CONNACK.
func rawConnect(t testing.TB, addr string, p connectPacket) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(p.bytes()); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(3 * time.Second))
	ack := make([]byte, 4)
	if _, err := io.ReadFull(c, ack); err != nil || ack[0] != 0x20 || ack[3] != 0 {
		t.Fatalf("CONNACK %x: %v", ack, err)
	}
	c.SetReadDeadline(time.Time{})
	return c
}

package escpostest

import (
	"io"
	"slices"
	"testing"
	"time"
)

func TestConn(t *testing.T) {
	c := NewConn(Replies{0x12, NoReply, 0x16, 0x1e})
	c.Write([]byte{0x1b, '@'})
	for _, n := range []byte{1, 2, 3, 4} {
		c.Write([]byte{0x10, 0x04, n})
	}
	buf := make([]byte, 8)
	n, err := c.Read(buf)
	if err != nil || !slices.Equal(buf[:n], []byte{0x12, 0x16, 0x1e}) {
		t.Errorf("Read = % x, %v", buf[:n], err)
	}
	if !slices.Equal(c.Data(), []byte{0x1b, '@'}) || !slices.Equal(c.Queries(), []byte{1, 2, 3, 4}) {
		t.Errorf("data % x, queries %v", c.Data(), c.Queries())
	}
	done := make(chan error)
	go func() { _, err := c.Read(buf); done <- err }()
	select {
	case err := <-done:
		t.Fatalf("Read returned %v with nothing to read", err)
	case <-time.After(20 * time.Millisecond):
	}
	c.Close()
	if err := <-done; err != io.EOF {
		t.Errorf("Read after Close: %v", err)
	}
	if _, err := c.Write([]byte{0}); err == nil {
		t.Error("Write after Close succeeded")
	}
}

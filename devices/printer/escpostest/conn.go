package escpostest

import (
	"bytes"
	"io"
	"sync"
)

// NoReply, as a reply, makes Conn not answer that DLE EOT n.
const NoReply = -1

// Conn is a fake printer link. A Write of exactly DLE EOT n (10 04 n) is a
// status query: Conn queues its scripted reply to n for Read. Every other
// Write is print data, recorded for Data. Read blocks, as a quiet printer
// link does, until a reply is queued or Close is called. It is safe for
// concurrent use.
type Conn struct {
	mu       sync.Mutex
	cond     *sync.Cond
	replies  Replies
	pending  []byte
	data     bytes.Buffer
	queries  []byte
	writeErr error
	closed   bool
}

// NewConn returns a Conn that answers like r.
func NewConn(r Replies) *Conn {
	c := &Conn{replies: r}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// SetReplies changes the scripted answers.
func (c *Conn) SetReplies(r Replies) {
	c.mu.Lock()
	c.replies = r
	c.mu.Unlock()
}

// FailWrites makes every later Write fail with err (nil heals the link).
func (c *Conn) FailWrites(err error) {
	c.mu.Lock()
	c.writeErr = err
	c.mu.Unlock()
}

// Write records p, or queues the reply to the status query it is.
func (c *Conn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return 0, io.ErrClosedPipe
	}
	if c.writeErr != nil {
		return 0, c.writeErr
	}
	if len(p) == 3 && p[0] == 0x10 && p[1] == 0x04 && p[2] >= 1 && p[2] <= 4 {
		c.queries = append(c.queries, p[2])
		if r := c.replies[p[2]-1]; r != NoReply {
			c.pending = append(c.pending, byte(r))
			c.cond.Broadcast()
		}
		return len(p), nil
	}
	c.data.Write(p)
	return len(p), nil
}

// Read returns queued replies, blocking until there is one or the Conn
// is closed (then io.EOF).
func (c *Conn) Read(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.pending) == 0 && !c.closed {
		c.cond.Wait()
	}
	if len(c.pending) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// Close ends the link: Read returns io.EOF, Write fails.
func (c *Conn) Close() error {
	c.mu.Lock()
	c.closed = true
	c.cond.Broadcast()
	c.mu.Unlock()
	return nil
}

// Data returns the print data written so far (status queries excluded).
func (c *Conn) Data() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.data.Bytes())
}

// Queries returns the n of every DLE EOT n received, in order.
func (c *Conn) Queries() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.queries)
}

// Reset forgets the data and queries recorded so far.
func (c *Conn) Reset() {
	c.mu.Lock()
	c.data.Reset()
	c.queries = nil
	c.mu.Unlock()
}

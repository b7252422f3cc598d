package queue

// writeCache remembers the write frontier this process last saw, so that
// issuing a ticket needs no read before its two inserts: the end of the
// event chain and, per service-day, the highest number issued. The cache is
// only a guess: both inserts use ON CONFLICT DO NOTHING, and when another
// process (tabourctl, a second engine) wrote first, the insert changes no
// row and the value is read again from the database. After a wrap it also
// holds the numbers of earlier cycles still open (see openNumbers). A
// failed transaction empties the cache. It is guarded by Engine.wmu.
type writeCache struct {
	chainKnown bool
	lastSeq    int64
	lastHash   string
	tops       map[topKey]numTop
	open       map[topKey]*openNumbers // numbers of earlier cycles still open
}

type topKey struct{ service, day string }

// numTop is the current cycle of a service-day and its highest number.
type numTop struct{ cycle, number int }

package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// EvLossAccepted records an operator's decision to run on a database that
// lost committed events or whose log was replaced (AcceptLoss). Its data:
// from and to, the missing range of seq (0 when the log was replaced),
// head_seq, head_hash, head_device, head_boot_id (what the head file
// anchored), db_hash (the database's hash at head_seq, when replaced) and
// floors (the numbers numbering stays above). When events are missing it
// takes the seq after the range, and its prev_hash is the hash of the
// database's last event: the chain skips the lost range openly.
const EvLossAccepted = "audit.loss_accepted"

// lossData is EvLossAccepted's data.
type lossData struct {
	From       int64        `json:"from"`
	To         int64        `json:"to"`
	HeadSeq    int64        `json:"head_seq"`
	HeadHash   string       `json:"head_hash"`
	HeadDevice string       `json:"head_device"`
	HeadBootID string       `json:"head_boot_id"`
	DBHash     string       `json:"db_hash,omitempty"`
	Floors     []HeadNumber `json:"floors,omitempty"`
}

// Loss is what AcceptLoss found and recorded.
type Loss struct {
	// From and To are the missing range of seq; both 0 when the log was
	// replaced rather than cut short.
	From int64 `json:"from"`
	To   int64 `json:"to"`
	// Problem says what did not match, naming the files.
	Problem string `json:"problem"`
	// Event is the audit event that records the decision.
	Event Event `json:"event"`
	// Floors are the highest numbers issued per service before the loss:
	// numbering goes on above them.
	Floors []HeadNumber `json:"floors,omitempty"`
}

// ErrNothingToAccept is returned by AcceptLoss when the database matches
// its head file, or has none.
var ErrNothingToAccept = errors.New("nothing to accept")

// AcceptLoss lets the engine run again on a database that Open refuses
// with a *ChainError, once an operator has decided to go on without the
// lost events (tabourctl audit accept-loss). In one transaction it raises
// the number floors of the services to the highest numbers the head file
// recorded, so that no number issued before is issued again, and appends
// an EvLossAccepted event naming the missing range; the head file is then
// anchored on that event. The database is created when the loss is all of
// it.
func AcceptLoss(ctx context.Context, path string, opts Options) (Loss, error) {
	var loss Loss
	head, ok, err := ReadHead(path)
	if err != nil {
		return loss, err
	}
	if !ok {
		return loss, fmt.Errorf("queue: accept loss: %s has no head file %s: %w", path, HeadPath(path), ErrNothingToAccept)
	}
	e, err := open(ctx, path, opts, false)
	if err != nil {
		return loss, err
	}
	err = e.tx(ctx, func(tx *dbtx) error {
		var c *ChainError
		if !errors.As(compareHead(ctx, tx, path, head), &c) {
			return fmt.Errorf("queue: accept loss: %s matches its head file %s at seq %d: %w",
				path, HeadPath(path), head.Seq, ErrNothingToAccept)
		}
		loss.Problem, loss.Floors = c.problem(), head.Numbers
		for _, n := range head.Numbers {
			if _, err := tx.ExecContext(ctx, qRaiseFloor, n.Service, n.Day, n.Cycle, n.Number); err != nil {
				return fmt.Errorf("queue: accept loss: number floor: %w", err)
			}
		}
		e.cache = writeCache{}
		last, lastHash, err := lastEvent(ctx, tx)
		if err != nil {
			return err
		}
		d := lossData{HeadSeq: head.Seq, HeadHash: head.Hash, HeadDevice: head.Device, HeadBootID: head.BootID,
			Floors: head.Numbers}
		ev := Event{Type: EvLossAccepted, At: e.opts.Clock.Now()}
		if c.Behind() {
			loss.From, loss.To = c.From(), c.To()
			d.From, d.To = loss.From, loss.To
			ev.Reason = fmt.Sprintf("operator accepted loss of seq %d..%d", d.From, d.To)
			last = head.Seq // the next event skips the missing range
		} else {
			d.DBHash = c.DBHash
			ev.Reason = fmt.Sprintf("operator accepted a replaced log at seq %d", head.Seq)
		}
		b, _ := json.Marshal(d)
		ev.Data = string(b)
		e.cache.chainKnown, e.cache.lastSeq, e.cache.lastHash = true, last, lastHash
		loss.Event, err = e.appendEvent(ctx, tx, ev)
		return err
	})
	return loss, errors.Join(err, e.Close())
}

// lossGap reports whether ev is an EvLossAccepted that skips exactly the
// seq after lastSeq up to its own.
func lossGap(ev Event, lastSeq int64) bool {
	if ev.Type != EvLossAccepted {
		return false
	}
	var d lossData
	return json.Unmarshal([]byte(ev.Data), &d) == nil && d.From == lastSeq+1 && d.To == ev.Seq-1
}

var qRaiseFloor = `INSERT INTO number_floor (num_service, day, cycle, number) VALUES (?, ?, ?, ?)
	ON CONFLICT (num_service, day) DO UPDATE SET cycle = excluded.cycle, number = excluded.number
	WHERE excluded.cycle > cycle OR excluded.cycle = cycle AND excluded.number > number`

package queue

import (
	"context"
	"encoding/base64"
	"fmt"
)

// SMS boxes. A citizen who asks for text notices gives a mobile number;
// the kiosk seals it at once to the workflow server's key (an anonymous
// NaCl box, base64) and the engine stores only that box, in the
// transaction that issues the ticket (IssueRequest.SMSBox), in the
// sms_boxes table: a crash loses no registration, and the number itself
// is never on the appliance. Which notices were sent is kept with it, so
// a restart sends none twice. The box is deleted when the ticket ends.

// SMSBox is one ticket's sealed number and the notices sent for it.
type SMSBox struct {
	TicketID int64
	Sealed   string
	Near     bool // the "your turn is near" notice was sent
	Called   bool // the "called" notice was sent
}

// Notice kinds, for MarkSMSSent.
const (
	NoticeNear   = "near"
	NoticeCalled = "called"
)

// minSealedBytes is the overhead of an anonymous box (an ephemeral public
// key and a tag): a box is longer than this, a number in clear is not.
const minSealedBytes = 48

// checkSealed refuses anything that is not a sealed box in base64.
func checkSealed(sealed string) error {
	b, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil || len(b) <= minSealedBytes || len(sealed) > 512 {
		return fmt.Errorf("queue: sms: the box must be a sealed box in base64 (never the number): %w", ErrInvalid)
	}
	return nil
}

func keepSMSBoxTx(ctx context.Context, tx *dbtx, id int64, sealed string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sms_boxes (ticket_id, sealed) VALUES (?, ?)
		ON CONFLICT (ticket_id) DO UPDATE SET sealed = excluded.sealed`, id, sealed)
	if err != nil {
		return fmt.Errorf("queue: sms: store box: %w", err)
	}
	return nil
}

// KeepSMSBox stores a sealed box with a ticket issued before (the
// citizen's existing ticket, when Issue found one), replacing its box.
func (e *Engine) KeepSMSBox(ctx context.Context, id int64, sealed string) error {
	if err := checkSealed(sealed); err != nil {
		return err
	}
	return e.tx(ctx, func(tx *dbtx) error {
		if _, err := ticketByID(ctx, tx, id); err != nil {
			return err
		}
		return keepSMSBoxTx(ctx, tx, id, sealed)
	})
}

// SMSBoxes returns the stored boxes, oldest ticket first.
func (e *Engine) SMSBoxes(ctx context.Context) ([]SMSBox, error) {
	rows, err := e.db.QueryContext(ctx, "SELECT ticket_id, sealed, near, called FROM sms_boxes ORDER BY ticket_id")
	if err != nil {
		return nil, fmt.Errorf("queue: sms: read boxes: %w", err)
	}
	defer rows.Close()
	var out []SMSBox
	for rows.Next() {
		var b SMSBox
		if err := rows.Scan(&b.TicketID, &b.Sealed, &b.Near, &b.Called); err != nil {
			return nil, fmt.Errorf("queue: sms: read boxes: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: sms: read boxes: %w", err)
	}
	return out, nil
}

// MarkSMSSent records that the notice kind (NoticeNear or NoticeCalled)
// of a ticket is being sent; false if it was already, or the ticket has
// no box. A "called" notice also counts as "near".
func (e *Engine) MarkSMSSent(ctx context.Context, id int64, kind string) (bool, error) {
	var q string
	switch kind {
	case NoticeNear:
		q = "UPDATE sms_boxes SET near = 1 WHERE ticket_id = ? AND near = 0 AND called = 0"
	case NoticeCalled:
		q = "UPDATE sms_boxes SET near = 1, called = 1 WHERE ticket_id = ? AND called = 0"
	default:
		return false, fmt.Errorf("queue: sms: notice %q: %w", kind, ErrInvalid)
	}
	var marked bool
	err := e.tx(ctx, func(tx *dbtx) error {
		res, err := tx.ExecContext(ctx, q, id)
		if err != nil {
			return fmt.Errorf("queue: sms: mark notice: %w", err)
		}
		n, err := res.RowsAffected()
		marked = n == 1
		return err
	})
	return marked, err
}

// DropSMSBox deletes a ticket's box (its ticket ended).
func (e *Engine) DropSMSBox(ctx context.Context, id int64) error {
	return e.tx(ctx, func(tx *dbtx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sms_boxes WHERE ticket_id = ?", id); err != nil {
			return fmt.Errorf("queue: sms: drop box: %w", err)
		}
		return nil
	})
}

package flow_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/queue"
)

// encodingPrinter builds the printable ESC/POS job (raster of the Arabic
// ticket) for every ticket, and sends it nowhere.
type encodingPrinter struct{ bytes int }

func (p *encodingPrinter) Print(_ context.Context, t printer.Ticket) error {
	job, err := escpos.Encode(t, &escpos.DefaultOpts)
	p.bytes = len(job.Bytes)
	return err
}

func (p *encodingPrinter) Status(context.Context) (printer.Status, error) {
	return printer.Status{State: printer.OK}, nil
}

// BenchmarkConfirm measures the citizen's last tap: "print my ticket" →
// ticket committed (fsync'd), its estimate read and its printable ESC/POS
// document rendered — next to the queue engine's bare Issue on the same
// database in the same run.
func BenchmarkConfirm(b *testing.B) {
	r := newRig(&testing.T{}, false)
	defer r.eng.Close()
	enc := &encodingPrinter{}
	r.Flow = newFlowWithPrinter(r, enc)
	ctx := context.Background()
	var confirm, issue []time.Duration
	b.ResetTimer()
	for range b.N {
		r.ChooseService("BLD-PERMIT")
		r.GetTicket()
		t0 := time.Now()
		r.ConfirmTap()
		confirm = append(confirm, time.Since(t0))
		if r.Issued() == nil || r.Issued().PrintErr != nil {
			b.Fatal("confirm failed")
		}
		r.Done()
		t1 := time.Now()
		if _, err := r.eng.Issue(ctx, queue.IssueRequest{Service: "SHOP-LICENCE"}); err != nil {
			b.Fatal(err)
		}
		issue = append(issue, time.Since(t1))
	}
	b.StopTimer()
	b.ReportMetric(us(p(confirm, 0.5)), "confirm-p50-µs")
	b.ReportMetric(us(p(confirm, 0.99)), "confirm-p99-µs")
	b.ReportMetric(us(p(issue, 0.5)), "issue-p50-µs")
	b.ReportMetric(float64(enc.bytes), "escpos-bytes")
}

func us(d time.Duration) float64 { return float64(d.Microseconds()) }

func p(d []time.Duration, q float64) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(q*float64(len(s)-1))]
}

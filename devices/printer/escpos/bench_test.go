package escpos_test

import (
	"testing"

	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
)

// BenchmarkRenderEncode576Arabic renders a full Arabic ticket for 80 mm
// paper and encodes it as ESC/POS. Goal: under 10 ms.
func BenchmarkRenderEncode576Arabic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := escpos.Encode(escpostest.ArabicTicket, &escpos.DefaultOpts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrint576Arabic adds the status round trip on a fake link.
func BenchmarkPrint576Arabic(b *testing.B) {
	conn := escpostest.NewConn(escpostest.Online)
	defer conn.Close()
	dev, err := escpos.New(conn, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := dev.Print(b.Context(), escpostest.ArabicTicket); err != nil {
			b.Fatal(err)
		}
		conn.Reset()
	}
}

package idscan_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tabour/devices/idscan"
)

// A kiosk runs its scanner with retry and hands each scan to the flow.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var s idscan.Scanner = &idscan.Lines{R: strings.NewReader("29001011234567\n")}
	scans := make(chan string)
	go idscan.RunWithRetry(ctx, s, scans, func(err error) {
		if err != nil {
			fmt.Println("scanner down:", err) // health: report, keep going
		}
	})
	fmt.Println("scanned", <-scans) // the kiosk calls flow.Scan(s)
	// Output: scanned 29001011234567
}

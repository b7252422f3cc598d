package mqtt_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

// A command the engine cannot write because the database is full is
// refused "internal, nothing changed; retry", and it is true: every retry
// of the same cmd_id while the disk is full gets the same answer, and the
// first retry once there is room runs the command and answers it (a
// redelivery then gets that answer, not "interrupted").
func TestDiskFullRefusalIsRetryable(t *testing.T) {
	e := newEnv(t, mqtttest.Embedded, envOpts{upstreamDisabled: true})
	c1 := e.counter("ctr01")
	ctx := context.Background()
	db := e.eng.DB()
	var pages int
	if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// The engine's connection may not grow the file: the next write that
	// needs a page fails with SQLITE_FULL, as on a full disk.
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	sendCmd := func(name string, cmd contract.Command) contract.Result {
		t.Helper()
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		res, err := c1.SendCommand(cctx, name, cmd)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for i := range 1000 {
		name, args := contract.CmdPause, any(contract.Args{Reason: "break"})
		if i%2 == 1 {
			name, args = contract.CmdResume, nil
		}
		cmd, err := c1.New(args)
		if err != nil {
			t.Fatal(err)
		}
		res := sendCmd(name, cmd)
		if res.OK {
			continue
		}
		if res.Code != contract.CodeInternal {
			t.Fatalf("%s refused %s: %s", name, res.Code, res.Error)
		}
		for range 2 {
			time.Sleep(1100 * time.Millisecond) // past the runner's quiet second
			if again := sendCmd(name, cmd); again.Code != contract.CodeInternal {
				t.Fatalf("retry while full: %+v", again)
			}
		}
		if _, err := db.ExecContext(ctx, "PRAGMA max_page_count = 1073741823"); err != nil {
			t.Fatal(err)
		}
		ran := sendCmd(name, cmd)
		if !ran.OK {
			t.Fatalf("retry once there is room: %s %s", ran.Code, ran.Error)
		}
		time.Sleep(1100 * time.Millisecond)
		if again := sendCmd(name, cmd); !again.OK || again.Result == nil || *again.Result != *ran.Result {
			t.Fatalf("redelivery after it ran: %+v, want %+v", again, ran)
		}
		return
	}
	t.Fatal("the database never filled")
}

package client_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

// A command published while nobody takes commands is gone (the appliance
// takes them at QoS 0, without a session); the commander publishes it
// again until the answer comes.
func TestCommanderResendsUntilAnswered(t *testing.T) {
	for _, kind := range mqtttest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			brk := mqtttest.Start(t, kind, mqtttest.Opts{})
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			dial := func(id string) *client.Client {
				c := client.New(client.Opts{URL: brk.URL(), ClientID: id, Retry: 50 * time.Millisecond})
				t.Cleanup(func() { c.Close(0) })
				if err := c.WaitConnected(ctx); err != nil {
					t.Fatal(err)
				}
				return c
			}
			topics := contract.Topics{Center: "ism-fayed"}
			k, err := client.NewCommander(dial("ctr01-console"), topics.Center, "ctr01", "clerk")
			if err != nil {
				t.Fatal(err)
			}
			k.Resend = 100 * time.Millisecond
			got := make(chan int, 1)
			go func() { // the appliance comes up after the first send
				time.Sleep(400 * time.Millisecond)
				app := dial("kiosk1-cmd")
				seen := 0
				err := app.Handle(topics.Cmd("ctr01", "+"), 0, func(m client.Message) {
					seen++
					if seen == 1 {
						var cmd contract.Command
						_ = json.Unmarshal(m.Payload, &cmd)
						_ = app.PublishJSON(topics.Res("ctr01", cmd.CmdID), false, contract.Result{CmdID: cmd.CmdID, OK: true})
						got <- seen
					}
				})
				if err != nil {
					t.Error(err)
				}
			}()
			res, err := k.Send(ctx, contract.CmdNext, nil)
			if err != nil || !res.OK {
				t.Fatalf("answer %+v, %v", res, err)
			}
			<-got
		})
	}
}

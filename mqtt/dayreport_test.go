package mqtt_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"tabour/lang"
	"tabour/mqtt"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
	"tabour/mqtt/wire"
	"tabour/queue"
)

// The appliance keeps the retained report/{day} of the running day, with
// the day's figures as they change, and publishes the final report of a
// day once it closed (its open tickets expired by the first write of the
// next day).
func TestDayReportRetained(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		t.Cleanup(mqtt.SetDayReportEvery(50 * time.Millisecond)) // runs after the bus stopped
		e := newEnv(t, kind, envOpts{upstreamDisabled: true})
		day := e.eng.Today()
		if day != "2026-11-22" {
			t.Fatalf("service day %s", day)
		}
		r := e.waitReport(day, func(r contract.DayReport) bool { return true }) // published at start
		if r.Day != day || r.Closed || r.Total.Issued != 0 || len(r.Services) != 2 || len(r.Counters) != 3 {
			t.Fatalf("report at start: %+v", r)
		}

		e.issue("BLD")
		e.issue("BLD")
		e.issue("SHOP")
		if _, err := e.eng.CallNext(e.ctx, 3); err != nil { // counter 3 serves BLD only
			t.Fatal(err)
		}
		if _, err := e.eng.Done(e.ctx, 3); err != nil {
			t.Fatal(err)
		}
		r = e.waitReport(day, func(r contract.DayReport) bool { return r.Total.Served == 1 })
		bld, shop := r.Services[0], r.Services[1]
		if r.Closed || r.Total.Issued != 3 || r.Total.Called != 1 || r.Total.Open != 2 || r.Total.Expired != 0 {
			t.Errorf("total %+v", r.Total)
		}
		if bld.Service != "BLD" || bld.Name == nil || bld.Name.EN != "Building permit" || bld.TargetWaitS != 1800 ||
			bld.Issued != 2 || bld.Served != 1 || bld.Open != 1 {
			t.Errorf("BLD %+v", bld)
		}
		if shop.Service != "SHOP" || shop.Issued != 1 || shop.Served != 0 || shop.Open != 1 {
			t.Errorf("SHOP %+v", shop)
		}
		if c := r.Counters[2]; c.Counter != 3 || c.Served != 1 || r.Counters[0].Served != 0 {
			t.Errorf("counters %+v", r.Counters)
		}

		// The next day's first ticket closes the day: its final report.
		e.clock.setAt(testEpoch.Add(24 * time.Hour))
		e.issue("SHOP")
		r = e.waitReport(day, func(r contract.DayReport) bool { return r.Closed })
		if r.Total.Issued != 3 || r.Total.Served != 1 || r.Total.Expired != 2 || r.Total.Open != 0 {
			t.Errorf("closed day's total %+v", r.Total)
		}
		next := e.waitReport("2026-11-23", func(r contract.DayReport) bool { return r.Total.Issued == 1 })
		if next.Closed || next.Services[1].Open != 1 {
			t.Errorf("next day %+v", next)
		}
	})
}

// At start the appliance publishes today's report and the previous day's
// at once, not a minute later; a previous day not yet closed is not final.
func TestDayReportAtStart(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnvAfter(t, kind, func(e *env) {
			e.clock.setAt(testEpoch.Add(-24 * time.Hour))
			e.issue("BLD")
			e.issue("SHOP")
			if _, err := e.eng.CallNext(e.ctx, 3); err != nil {
				t.Fatal(err)
			}
			if _, err := e.eng.Done(e.ctx, 3); err != nil {
				t.Fatal(err)
			}
			e.clock.setAt(testEpoch)
		})
		start := time.Now()
		r := e.waitReport("2026-11-21", func(contract.DayReport) bool { return true })
		if r.Closed || r.Total.Issued != 2 || r.Total.Served != 1 || r.Total.Open != 1 || r.Services[0].Served != 1 {
			t.Errorf("previous day %+v", r)
		}
		if r = e.waitReport("2026-11-22", func(contract.DayReport) bool { return true }); r.Closed || r.Total.Issued != 0 {
			t.Errorf("today %+v", r)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("the reports took %v", d)
		}
	})
}

// newEnvAfter is newEnv with the engine prepared by prep before the bus
// starts, and no upstream.
func newEnvAfter(t *testing.T, kind mqtttest.Kind, prep func(e *env)) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), kind: kind, clock: &testClock{}, topics: contract.Topics{Center: center}}
	e.eng = openEngine(t, e.clock)
	prep(e)
	reg, devs := registry(t)
	cfg := mqtt.Config{Center: center, Device: "kiosk1", Version: "test", Devices: devs,
		QueueInterval: 20 * time.Millisecond, HealthEvery: time.Second, Upstream: mqtt.UpstreamConfig{Disabled: true}}
	e.setupBrokers(kind, envOpts{upstreamDisabled: true}, reg, &cfg)
	e.start(cfg)
	e.rec = mqtttest.Record(t, e.url, "server", password("server"))
	return e
}

// waitReport waits for a report/{day} payload that satisfies ok.
func (e *env) waitReport(day string, ok func(contract.DayReport) bool) contract.DayReport {
	e.t.Helper()
	c := e.client(e.url, "server")
	defer c.Close(10 * time.Millisecond)
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	var (
		mu   sync.Mutex
		last []byte
		got  contract.DayReport
		bad  error
	)
	// A broker may index a retained message after its PUBACK: a report
	// published just before this subscription can be missed live and not
	// yet be the retained copy, so the probe subscribes again until the
	// awaited report is there.
	err := client.AwaitRetained(ctx, c, e.topics.Report(day), func(b []byte, _ bool) bool {
		mu.Lock()
		defer mu.Unlock()
		last = b
		var r contract.DayReport
		if err := json.Unmarshal(b, &r); err != nil {
			bad = fmt.Errorf("report/%s: %v\n%s", day, err, b)
			return true
		}
		if !ok(r) {
			return false
		}
		got = r
		return true
	})
	mu.Lock()
	defer mu.Unlock()
	if bad != nil {
		e.t.Fatal(bad)
	}
	if err != nil {
		e.t.Fatalf("no report/%s as awaited; last:\n%s", day, last)
	}
	return got
}

// The contract accepts the report of a day as the appliance builds it,
// and refuses one that lacks a figure or carries a field it does not know.
func TestDayReportContract(t *testing.T) {
	c, err := mqtttest.LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	svc := queue.ServiceReport{Service: "BLD", Name: lang.Text{AR: "ترخيص أعمال بناء", EN: "Building permit"},
		TargetWait: 30 * time.Minute, Issued: 3, Called: 2, Served: 1, NoShows: 1, Open: 1, MeanWait: 12 * time.Minute,
		P90Wait: 20 * time.Minute, WithinTarget: 2.0 / 3, MeanHandling: 7 * time.Minute, MeanService: 6 * time.Minute,
		Accuracy: queue.Accuracy{Tickets: 2, Long: 2, MAPE: 0.1234567, Bias: -90 * time.Second, Within20: 0.5,
			Within5: 1, InRange: 0.5}}
	total := svc
	total.Service, total.Name, total.TargetWait = "", lang.Text{}, 0
	rep := queue.DayReport{Day: "2026-11-22", AsOf: testEpoch, Total: total, Services: []queue.ServiceReport{svc},
		Counters: []queue.CounterReport{{Number: 1, Label: lang.Text{AR: "شباك 1", EN: "Window 1"}, Served: 1,
			MeanHandling: 7 * time.Minute}}}
	p := wire.DayReportFrom(rep)
	if p.Total.Name != nil || p.Services[0].Accuracy.BiasS != -90 || p.Services[0].WithinTarget != 0.6667 ||
		p.Services[0].Accuracy.MAPE != 0.1235 || p.Services[0].P90WaitS != 1200 {
		t.Errorf("converted %+v", p)
	}
	topic := contract.Topics{Center: center}.Report("2026-11-22")
	if tp, ok := contract.ParseTopic(topic); !ok || tp.Kind != "report" || tp.Key != "2026-11-22" {
		t.Errorf("ParseTopic(%s) = %+v, %v", topic, tp, ok)
	}
	b, _ := json.Marshal(p)
	if err := c.Validate(topic, b); err != nil {
		t.Errorf("%v\n%s", err, b)
	}
	for _, bad := range []string{
		`{"day":"2026-11-22","closed":false,"as_of":"2026-11-22T12:00:00.000Z","services":[],"counters":[]}`,
		`{"day":"22/11/2026","closed":false,"as_of":"2026-11-22T12:00:00.000Z","total":` + totalJSON(t, p) + `,"services":[],"counters":[]}`,
		`{"day":"2026-11-22","closed":false,"as_of":"2026-11-22T12:00:00.000Z","total":` + totalJSON(t, p) + `,"services":[],"counters":[],"national_id":"x"}`,
	} {
		if c.Validate(topic, []byte(bad)) == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func totalJSON(t *testing.T, p contract.DayReport) string {
	b, err := json.Marshal(p.Total)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

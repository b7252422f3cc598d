package mqtt_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tabour/mqtt"
	"tabour/mqtt/consumer"
	"tabour/mqtt/contract"
	"tabour/mqtt/mqtttest"
)

const fixture = `{
  "APP-2026-0042": {"found": true, "status": {"ar": "قيد المراجعة", "en": "Under review"},
                    "next_step": {"ar": "انتظر رسالة", "en": "Wait for a message"}},
  "APP-2026-0043": {"found": true, "status": {"ar": "مرفوض", "en": "Rejected"}}
}`

// runInquiryConsumer runs the reference consumer answering from fixture.
func runInquiryConsumer(t *testing.T, url string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "inquiries.json")
	must(t, os.WriteFile(path, []byte(fixture), 0o600))
	inq, err := consumer.LoadInquiries(path)
	must(t, err)
	c, err := consumer.New(t.Context(), consumer.Opts{URL: url, ClientID: "server-inq", Username: "server",
		Password: password("server"), Store: filepath.Join(t.TempDir(), "c.db"), Retry: 100 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Inquiries: inq})
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	t.Cleanup(func() { cancel(); must(t, <-done); c.Close() })
}

func inquire(t *testing.T, e *env, app string, wait time.Duration) (contract.InquiryAnswer, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	return e.bus.Inquire(ctx, app)
}

// inquireReady asks until the consumer, still subscribing, answers.
func inquireReady(t *testing.T, e *env, app string) (contract.InquiryAnswer, error) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; {
		a, err := inquire(t, e, app, 500*time.Millisecond)
		if !errors.Is(err, mqtt.ErrNoAnswer) || time.Now().After(deadline) {
			return a, err
		}
	}
}

// Inquire gets the server's answer, found or not, through the upstream
// broker.
func TestInquiryAnswered(t *testing.T) {
	forKinds(t, func(t *testing.T, kind mqtttest.Kind) {
		e := newEnvWith(t, kind, envOpts{separateUpstream: true}, func(*mqtt.Config) {})
		up := mqtttest.Record(t, e.upURL, "server", password("server"))
		runInquiryConsumer(t, e.upURL)
		a, err := inquireReady(t, e, "APP-2026-0042")
		must(t, err)
		if !a.Found || a.Status == nil || a.Status.EN != "Under review" || a.NextStep == nil || a.RequestID == "" {
			t.Fatalf("answer: %+v", a)
		}
		a, err = inquire(t, e, "APP-2026-9999", 4*time.Second)
		must(t, err)
		if a.Found || a.Status != nil {
			t.Fatalf("not found: %+v", a)
		}
		waitRecorded(t, up, e.topics.InquiryRes("kiosk1"), a.RequestID)
		if n := e.rec.Count("/inquiry/"); n != 0 {
			t.Fatalf("%d inquiry messages on the local bus: they travel upstream only", n)
		}
	})
}

// With nobody answering, Inquire gives up at the deadline with
// ErrNoAnswer; what is not an application number is refused at once.
// Without a notify key, SMS registration is refused.
func TestInquiryNoAnswer(t *testing.T) {
	e := newEnvWith(t, mqtttest.Embedded, envOpts{upstreamDisabled: true}, func(*mqtt.Config) {})
	start := time.Now()
	_, err := inquire(t, e, "APP-2026-0042", 300*time.Millisecond)
	if !errors.Is(err, mqtt.ErrNoAnswer) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want ErrNoAnswer, got %v", err)
	}
	if d := time.Since(start); d < 250*time.Millisecond || d > 2*time.Second {
		t.Fatalf("gave up after %v", d)
	}
	tk := e.issue("BLD") // this bus has no notify key either
	if err := e.bus.SMS().Register(e.ctx, tk, "01112345678"); !errors.Is(err, mqtt.ErrSMSDisabled) {
		t.Fatalf("SMS without a notify key: %v", err)
	}
	for _, bad := range []string{"", "29001011234567", "01012345678"} {
		if _, err := inquire(t, e, bad, time.Second); err == nil || errors.Is(err, mqtt.ErrNoAnswer) {
			t.Fatalf("inquired %q: %v", bad, err)
		}
	}
}

package idscantest

import (
	"context"
	"errors"
	"testing"
)

func TestScanner(t *testing.T) {
	s := New()
	broken := errors.New("open: no such device")
	s.FailNext(broken)
	ctx := context.Background()
	if err := s.Run(ctx, nil); err != broken {
		t.Fatalf("first Run = %v", err)
	}
	scans := make(chan string)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, scans) }()
	s.Scan(ctx, "29001011234567")
	if got := <-scans; got != "29001011234567" {
		t.Fatalf("scan %q", got)
	}
	s.Fail(ctx, broken)
	if err := <-done; err != broken || s.Runs() != 2 {
		t.Fatalf("Run = %v after Fail, %d runs", err, s.Runs())
	}
}

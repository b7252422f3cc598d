package main

import "testing"

// The gate's accounting: a connection the broker closed is forgotten, an
// address the broker reuses for a new client counts once, and a refused
// connection is not counted.
func TestGateCounts(t *testing.T) {
	g := newGate(registry(t), 2)
	if err := g.admit(1, "ctr01", "ctr01-a", []byte("good")); err != nil {
		t.Fatal(err)
	}
	if err := g.admit(1, "ctr01", "ctr01-b", []byte("good")); err != nil { // address 1 reused
		t.Fatal(err)
	}
	if err := g.admit(2, "ctr01", "ctr01-c", []byte("good")); err != nil {
		t.Fatal(err)
	}
	if err := g.admit(3, "ctr01", "ctr01-d", []byte("good")); err == nil {
		t.Fatal("a third connection was let in")
	}
	if err := g.admit(4, "hall1", "ctr01-e", []byte("h")); err == nil {
		t.Fatal("a display was let in with a counter's client id")
	}
	if n := g.sessions("ctr01"); n != 2 {
		t.Fatalf("%d sessions of ctr01, want 2", n)
	}
	g.gone(2)
	g.gone(99)
	if n := g.sessions("ctr01"); n != 1 {
		t.Fatalf("%d sessions of ctr01 after one closed, want 1", n)
	}
	if !g.allow("ctr01", "tabour/v1/c1/cmd/ctr01/next", true) || g.allow("ctr01", "tabour/v1/c1/cmd/ctr02/next", true) || g.allow("", "tabour/v1/c1/serving/1", false) {
		t.Fatal("the gate's rules are not the registry's")
	}
}

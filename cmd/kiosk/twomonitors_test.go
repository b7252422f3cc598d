package main

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tabour/internal/xorgtest"
	"tabour/ui"
)

// One box, two monitors: the simulated kiosk with -hall DUMMY1, under Xorg
// with two outputs, is fullscreen on the primary output and the hall
// display fullscreen on the other, each read back from the X server and
// from the pixels of its output.
func TestKioskAndHallOnTwoMonitors(t *testing.T) {
	display := xorgtest.Start(t)
	dir := t.TempDir()
	k, out := kioskCmd(t, display, dir, "-simulate", "-hall", "DUMMY1")
	if err := k.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = k.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = k.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = k.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("kiosk log:\n%s", out.String())
		}
	}()
	want := map[string]string{"Tabour": xorgtest.Outputs["DUMMY0"], "Tabour hall": xorgtest.Outputs["DUMMY1"]}
	deadline := time.Now().Add(time.Minute)
	for title, geo := range want {
		for got := xorgtest.Geometry(t, display, title); got != geo; got = xorgtest.Geometry(t, display, title) {
			if time.Now().After(deadline) {
				t.Fatalf("the window %q is at %s, not fullscreen on %s", title, got, geo)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	shots := *shotsDir
	if shots == "" {
		shots = dir
	}
	// The hall's screen has its navy bar along the top and its green band
	// of notices along the bottom; the kiosk's home screen has no green
	// band.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		hall := xorgtest.Shot(t, display, "DUMMY1", filepath.Join(shots, "two-monitors-DUMMY1.png"))
		if band(hall, 4, ui.ColorHeader) && band(hall, -4, ui.ColorPrimary) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the hall display's output has not its bars (%s)", filepath.Join(shots, "two-monitors-DUMMY1.png"))
		}
	}
	kiosk := xorgtest.Shot(t, display, "DUMMY0", filepath.Join(shots, "two-monitors-DUMMY0.png"))
	if band(kiosk, -4, ui.ColorPrimary) {
		t.Errorf("the kiosk's output shows the hall display")
	}
	if log := out.String(); strings.Contains(log, "kiosk: no hall display") || strings.Contains(log, "kiosk: hall display:") {
		t.Errorf("the kiosk's hall display failed:\n%s", log)
	}
	if _, err := os.Stat(filepath.Join(dir, "var", "tabour.db")); err != nil {
		t.Errorf("the simulated center has no database: %v", err)
	}
}

// band reports whether row y of img (from the bottom when negative) is
// colour c at three points across its width.
func band(img image.Image, y int, c color.Color) bool {
	b := img.Bounds()
	if y < 0 {
		y += b.Max.Y
	} else {
		y += b.Min.Y
	}
	want := color.NRGBAModel.Convert(c).(color.NRGBA)
	for _, x := range []int{b.Min.X + 5, b.Min.X + b.Dx()/2, b.Max.X - 5} {
		if color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) != want {
			return false
		}
	}
	return true
}

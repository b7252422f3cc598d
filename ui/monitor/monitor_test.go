package monitor

import (
	"bufio"
	"context"
	"flag"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"tabour/internal/xorgtest"
	"testing"
	"time"
)

var shots = flag.String("shots", "", "directory to keep the screenshot of each output in")

func TestPick(t *testing.T) {
	ms := []Monitor{{Name: "HDMI-1", Width: 1280, Height: 800, Primary: true}, {Name: "HDMI-2", X: 1280, Width: 1920, Height: 1080}}
	for name, want := range map[string]string{"HDMI-1": "HDMI-1", "HDMI-2": "HDMI-2", "1": "HDMI-1", "2": "HDMI-2"} {
		if m, err := Pick(ms, name); err != nil || m.Name != want {
			t.Errorf("Pick(%q) = %v, %v; want %s", name, m, err, want)
		}
	}
	for _, name := range []string{"", "0", "3", "DP-1", "hdmi-1"} {
		if _, err := Pick(ms, name); err == nil || !strings.Contains(err.Error(), "HDMI-1, HDMI-2") {
			t.Errorf("Pick(%q): %v", name, err)
		}
	}
}

// The kiosk's window on one output and the hall display's on the other,
// each fullscreen on its own: placed by FullScreenOn in a real Fyne
// program (internal/twoscreens) under Xorg with two outputs, and read back
// from the X server (xwininfo) and from the pixels of each output.
func TestTwoWindowsOnTwoMonitors(t *testing.T) {
	display := xorgtest.Start(t)
	bin := filepath.Join(t.TempDir(), "twoscreens")
	if out, err := exec.Command("go", "build", "-o", bin, "tabour/internal/twoscreens").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-first", "DUMMY0", "-second", "2")
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "FYNE_SCALE=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	placed := 0
	for sc := bufio.NewScanner(stdout); placed < 2 && sc.Scan(); {
		t.Log(sc.Text())
		if strings.HasPrefix(sc.Text(), "placed ") {
			placed++
		}
	}
	if placed < 2 {
		_ = cmd.Wait()
		t.Fatalf("the windows were not placed:\n%s", stderr.String())
	}
	for title, want := range map[string]string{"twoscreens first": xorgtest.Outputs["DUMMY0"], "twoscreens second": xorgtest.Outputs["DUMMY1"]} {
		if got := xorgtest.Geometry(t, display, title); got != want {
			t.Errorf("%s is at %s, not %s", title, got, want)
		}
	}
	dir := *shots
	if dir == "" {
		dir = t.TempDir()
	}
	for _, o := range []struct {
		name string
		want color.NRGBA
	}{
		{"DUMMY0", color.NRGBA{R: 0x10, G: 0x40, B: 0xc0, A: 0xff}},
		{"DUMMY1", color.NRGBA{R: 0xc0, G: 0x60, B: 0x10, A: 0xff}},
	} {
		png := filepath.Join(dir, "output-"+o.name+".png")
		img := xorgtest.Shot(t, display, o.name, png)
		b := img.Bounds()
		// Four points near the corners: the window fills the output.
		for _, p := range []image.Point{{b.Min.X + 5, b.Min.Y + 5}, {b.Max.X - 6, b.Min.Y + 5}, {b.Min.X + 5, b.Max.Y - 6}, {b.Max.X - 6, b.Max.Y - 6}} {
			if got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA); got != o.want {
				t.Errorf("%s at %v is %v, want the window's %v (%s)", o.name, p, got, o.want, png)
			}
		}
	}
}

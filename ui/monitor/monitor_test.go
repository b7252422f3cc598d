package monitor

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// xorgConf is Xorg's dummy driver with room for two outputs side by side.
const xorgConf = `Section "Device"
    Identifier "dummy"
    Driver "dummy"
    VideoRam 256000
EndSection
Section "Monitor"
    Identifier "m0"
    HorizSync 5.0-1000.0
    VertRefresh 5.0-200.0
EndSection
Section "Screen"
    Identifier "s0"
    Device "dummy"
    Monitor "m0"
    DefaultDepth 24
    SubSection "Display"
        Depth 24
        Virtual 3200 1080
    EndSubSection
EndSection
`

// xorgDummy runs Xorg with the dummy driver and two outputs: DUMMY0
// 1280×800 at 0,0 (the touchscreen) and DUMMY1 1920×1080 at 1280,0 (the
// hall TV). Xvfb cannot: GLFW sees one monitor there.
func xorgDummy(t *testing.T) string {
	t.Helper()
	for _, bin := range []string{"Xorg", "xrandr", "xwininfo", "import"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("%s is not installed (make deps installs it)", bin)
		}
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "xorg.conf")
	if err := os.WriteFile(conf, []byte(xorgConf), 0o600); err != nil {
		t.Fatal(err)
	}
	n := 20
	for ; n < 100; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); os.IsNotExist(err) {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); os.IsNotExist(err) {
				break
			}
		}
	}
	display := fmt.Sprintf(":%d", n)
	x := exec.Command("Xorg", display, "-noreset", "-nolisten", "tcp", "-config", conf, "-configdir", dir,
		"-logfile", filepath.Join(dir, "xorg.log"))
	x.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := x.Start(); err != nil {
		t.Fatalf("Xorg: %v", err)
	}
	t.Cleanup(func() { _ = x.Process.Kill(); _ = x.Wait() })
	xrandr := func(args ...string) error {
		cmd := exec.Command("xrandr", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("xrandr %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	deadline := time.Now().Add(20 * time.Second)
	for xrandr("--query") != nil {
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "xorg.log"))
			t.Fatalf("Xorg did not start:\n%s", log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, args := range [][]string{
		{"--newmode", "tabour1080", "148.50", "1920", "2008", "2052", "2200", "1080", "1084", "1089", "1125"},
		{"--newmode", "tabour800", "83.50", "1280", "1352", "1480", "1680", "800", "803", "809", "831"},
		{"--addmode", "DUMMY0", "tabour800"},
		{"--addmode", "DUMMY1", "tabour1080"},
		{"--output", "DUMMY0", "--mode", "tabour800", "--pos", "0x0", "--primary",
			"--output", "DUMMY1", "--mode", "tabour1080", "--pos", "1280x0"},
	} {
		if err := xrandr(args...); err != nil {
			t.Fatal(err)
		}
	}
	for {
		out, _ := exec.Command("xrandr", "-display", display, "--listmonitors").CombinedOutput()
		if strings.HasPrefix(string(out), "Monitors: 2") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("xrandr shows no two monitors:\n%s", out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return display
}

// The kiosk's window on one output and the hall display's on the other,
// each fullscreen on its own: placed by FullScreenOn in a real Fyne
// program (internal/twoscreens) under Xorg with two outputs, and read back
// from the X server (xwininfo) and from the pixels of each output.
func TestTwoWindowsOnTwoMonitors(t *testing.T) {
	display := xorgDummy(t)
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
	for title, want := range map[string]string{"twoscreens first": "1280x800+0+0", "twoscreens second": "1920x1080+1280+0"} {
		out, err := exec.Command("xwininfo", "-display", display, "-name", title).CombinedOutput()
		if err != nil {
			t.Fatalf("xwininfo %s: %v\n%s", title, err, out)
		}
		if got := xwinGeometry(string(out)); got != want {
			t.Errorf("%s is at %s, not %s:\n%s", title, got, want, out)
		}
	}
	dir := *shots
	if dir == "" {
		dir = t.TempDir()
	}
	for _, o := range []struct {
		name, crop string
		want       color.NRGBA
	}{
		{"DUMMY0", "1280x800+0+0", color.NRGBA{R: 0x10, G: 0x40, B: 0xc0, A: 0xff}},
		{"DUMMY1", "1920x1080+1280+0", color.NRGBA{R: 0xc0, G: 0x60, B: 0x10, A: 0xff}},
	} {
		png := filepath.Join(dir, "output-"+o.name+".png")
		if out, err := exec.Command("import", "-display", display, "-window", "root", "-crop", o.crop, "+repage", png).CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		f, err := os.Open(png)
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		// Four points near the corners: the window fills the output.
		for _, p := range []image.Point{{b.Min.X + 5, b.Min.Y + 5}, {b.Max.X - 6, b.Min.Y + 5}, {b.Min.X + 5, b.Max.Y - 6}, {b.Max.X - 6, b.Max.Y - 6}} {
			if got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA); got != o.want {
				t.Errorf("%s at %v is %v, want the window's %v (%s)", o.name, p, got, o.want, png)
			}
		}
	}
}

// xwinGeometry reads WxH+X+Y from xwininfo's absolute corner and size.
func xwinGeometry(out string) string {
	v := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, val, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
			v[k] = strings.TrimSpace(val)
		}
	}
	return fmt.Sprintf("%sx%s+%s+%s", v["Width"], v["Height"], v["Absolute upper-left X"], v["Absolute upper-left Y"])
}

// Package xorgtest starts, for a test, Xorg with the dummy driver and two
// monitors side by side, as scripts/two-monitors.sh does for make run:
// DUMMY0 1280×800 at 0,0 (the kiosk's touchscreen) and DUMMY1 1920×1080
// at 1280,0 (the hall's TV). Xvfb cannot stand in: GLFW sees one monitor
// there.
package xorgtest

import (
	"fmt"
	"image"
	_ "image/png" // screenshots
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Outputs are the two monitors Start makes, as import's -crop geometry.
var Outputs = map[string]string{"DUMMY0": "1280x800+0+0", "DUMMY1": "1920x1080+1280+0"}

// Start runs Xorg on a free display until the test ends and returns the
// display's name (":21").
func Start(t testing.TB) string {
	t.Helper()
	for _, bin := range []string{"Xorg", "xrandr", "xwininfo", "import"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("%s is not installed (make deps installs it)", bin)
		}
	}
	root, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(filepath.Dir(strings.TrimSpace(string(root))), "scripts", "two-monitors.sh")
	n := 20
	for ; n < 100; n++ {
		_, errSock := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		_, errLock := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n))
		if os.IsNotExist(errSock) && os.IsNotExist(errLock) {
			break
		}
	}
	display, dir := fmt.Sprintf(":%d", n), t.TempDir()
	cmd := exec.Command("sh", script, display, dir)
	out, err := cmd.CombinedOutput()
	t.Cleanup(func() {
		pid, _ := os.ReadFile(filepath.Join(dir, "xorg.pid"))
		if n, err := strconv.Atoi(strings.TrimSpace(string(pid))); err == nil {
			_ = syscall.Kill(n, syscall.SIGTERM)
		}
	})
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "xorg.log"))
		t.Fatalf("%s: %v\n%s\n%s", script, err, out, log)
	}
	return display
}

// Geometry returns the WxH+X+Y of the window titled title, as the X
// server has it.
func Geometry(t testing.TB, display, title string) string {
	t.Helper()
	out, err := exec.Command("xwininfo", "-display", display, "-name", title).CombinedOutput()
	if err != nil {
		return fmt.Sprintf("(%v: %s)", err, strings.TrimSpace(string(out)))
	}
	v := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, val, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
			v[k] = strings.TrimSpace(val)
		}
	}
	return fmt.Sprintf("%sx%s+%s+%s", v["Width"], v["Height"], v["Absolute upper-left X"], v["Absolute upper-left Y"])
}

// Shot writes a screenshot of output (a key of Outputs) to path and
// returns it.
func Shot(t testing.TB, display, output, path string) image.Image {
	t.Helper()
	out, err := exec.Command("import", "-display", display, "-window", "root", "-crop", Outputs[output], "+repage", path).CombinedOutput()
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

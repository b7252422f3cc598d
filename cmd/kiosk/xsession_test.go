package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tabour/kiosk"
)

// session is a kiosk running fullscreen on its own X server, driven by
// xdotool and seen through screenshots.
type session struct {
	t       *testing.T
	display string
	w, h    int    // the kiosk's window in screen pixels
	sw, sh  int    // the screen: larger than the window when windowed
	dir     string // -targets file, log, screenshots
	log     string
	name    string // for screenshot files
}

// startXvfb starts an X server on a free display and returns its name.
func startXvfb(t *testing.T, w, h int) string {
	r, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", w, h), "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{wr}
	err = x.Start()
	wr.Close()
	if err != nil {
		t.Fatalf("Xvfb: %v", err)
	}
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb exited without a display")
		}
		return ":" + n
	case <-time.After(waitLimit):
		t.Fatal("Xvfb did not start")
	}
	return ""
}

// startKiosk runs the test binary as the kiosk, fullscreen on a new X
// screen of w×h pixels, and waits for its home screen.
func startKiosk(t *testing.T, cfgPath string, w, h int) *session {
	return startKioskOn(t, cfgPath, w, h, w, h)
}

// startKioskOn runs the kiosk on a new X screen of sw×sh pixels: in a
// window of w×h pixels when that is smaller, fullscreen otherwise. The
// session then expects a canvas of w×h.
func startKioskOn(t *testing.T, cfgPath string, sw, sh, w, h int, args ...string) *session {
	s := &session{t: t, display: startXvfb(t, sw, sh), w: w, h: h, sw: sw, sh: sh, dir: t.TempDir(), name: fmt.Sprintf("%dx%d", w, h)}
	if sw != w || sh != h {
		args = append(args, "-windowed", "-size", fmt.Sprintf("%dx%d", w, h))
		s.name = "windowed-" + s.name
	}
	s.log = filepath.Join(s.dir, "kiosk.log")
	logf, err := os.Create(s.log)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	k := exec.Command(os.Args[0], append([]string{"-config", cfgPath, "-simulate", "-targets", s.layoutPath()}, args...)...)
	k.Env = append(os.Environ(), childEnv+"=1", "DISPLAY="+s.display, "LC_ALL=", "LANG=ar_EG.UTF-8", "FYNE_SCALE=1")
	k.Stdout, k.Stderr = logf, logf
	if err := k.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.stop(k) })
	s.waitFor("the home screen", func(l layout) bool { return l.Screen == "home" })
	return s
}

// stop ends the kiosk with SIGTERM, as the appliance is stopped, and
// reports a data race it found.
func (s *session) stop(k *exec.Cmd) {
	k.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { k.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(waitLimit):
		k.Process.Kill()
		<-done
	}
	out, _ := os.ReadFile(s.log)
	switch {
	case strings.Contains(string(out), "WARNING: DATA RACE"):
		s.t.Errorf("the kiosk found a data race:\n%s", out)
	case s.t.Failed():
		s.t.Logf("kiosk log:\n%s", out)
		if *shotsDir == "" {
			s.t.Log("-shots DIR or TABOUR_SHOTS=DIR keeps the screenshots")
		}
	}
}

func (s *session) layoutPath() string { return filepath.Join(s.dir, "targets.json") }

// layout reads the kiosk's -targets file.
func (s *session) layout() (layout, error) {
	var l layout
	data, err := os.ReadFile(s.layoutPath())
	if err == nil {
		err = json.Unmarshal(data, &l)
	}
	return l, err
}

// poll retries try until it succeeds or waitLimit passes, and returns its
// last error. The kiosk draws a screen a frame or so after laying it out,
// so checks are retried rather than timed.
func (s *session) poll(try func() error) error {
	deadline := time.Now().Add(waitLimit)
	for {
		err := try()
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// until is poll that fails the test, with a screenshot.
func (s *session) until(what string, try func() error) {
	s.t.Helper()
	if err := s.poll(try); err != nil {
		s.saveShot("failed-" + s.name)
		s.t.Fatalf("waiting for %s: %v", what, err)
	}
}

// waitFor polls the -targets file until ok accepts it.
func (s *session) waitFor(what string, ok func(layout) bool) layout {
	s.t.Helper()
	var l layout
	s.until(what, func() (err error) {
		if l, err = s.layout(); err == nil && !ok(l) {
			err = fmt.Errorf("screen %q", l.Screen)
		}
		return err
	})
	return l
}

// tap clicks the target labelled label on screen, once the screen lies on
// the display and the target is not scrolled out of view.
func (s *session) tap(screen, label string) {
	s.t.Helper()
	var tg kiosk.Target
	var l layout
	s.until(fmt.Sprintf("%q on the %s screen", label, screen), func() (err error) {
		if l, err = s.layout(); err != nil {
			return err
		}
		if l.Screen != screen {
			return fmt.Errorf("screen %q, want %s", l.Screen, screen)
		}
		if err := s.checkFits(l); err != nil {
			return err
		}
		if tg, err = l.find(label); err != nil {
			return err
		}
		if tg.Shown != tg.Rect {
			return fmt.Errorf("%s screen: %q is partly scrolled out of view (%+v of %+v)", l.Screen, label, tg.Shown, tg.Rect)
		}
		return nil
	})
	s.click(l, tg)
}

// click clicks the middle of tg with the mouse.
func (s *session) click(l layout, tg kiosk.Target) {
	s.t.Helper()
	x, y := tg.Rect.Center()
	cmd := exec.Command("xdotool", "mousemove", fmt.Sprint(int(x*l.Scale)), fmt.Sprint(int(y*l.Scale)), "click", "1")
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("xdotool: %v: %s", err, out)
	}
}

// find returns the target whose label's first line is label.
func (l layout) find(label string) (kiosk.Target, error) {
	var labels []string
	for _, tg := range l.Targets {
		if strings.Split(tg.Label, "\n")[0] == label {
			return tg, nil
		}
		labels = append(labels, fmt.Sprintf("%q", tg.Label))
	}
	return kiosk.Target{}, fmt.Errorf("%s screen: no target %q among %s", l.Screen, label, strings.Join(labels, ", "))
}

// screenshot captures the kiosk's window: the whole X screen when
// fullscreen, its top left w×h pixels when windowed (there is no window
// manager: the window sits at the origin).
func (s *session) screenshot() (*image.NRGBA, error) {
	cmd := exec.Command("import", "-display", s.display, "-window", "root", "-depth", "8", "rgb:-")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("import: %v: %s", err, stderr.String())
	}
	if len(raw) != s.sw*s.sh*3 {
		return nil, fmt.Errorf("import: %d bytes, want %d×%d×3", len(raw), s.sw, s.sh)
	}
	img := image.NewNRGBA(image.Rect(0, 0, s.w, s.h))
	for y := range s.h {
		for x := range s.w {
			i, j := y*s.sw+x, y*s.w+x
			copy(img.Pix[4*j:4*j+3], raw[3*i:3*i+3])
			img.Pix[4*j+3] = 0xff
		}
	}
	return img, nil
}

func (s *session) saveShot(name string) {
	if img, err := s.screenshot(); err == nil {
		s.savePNG(name, img)
	}
}

// savePNG writes a screenshot to the test's directory and to -shots.
func (s *session) savePNG(name string, img *image.NRGBA) {
	if err := writePNG(filepath.Join(s.dir, name+".png"), img); err != nil {
		s.t.Errorf("screenshot: %v", err)
	}
	if *shotsDir == "" {
		return
	}
	path := filepath.Join(*shotsDir, name+".png")
	if err := writePNG(path, img); err != nil {
		s.t.Errorf("screenshot: %v", err)
		return
	}
	s.t.Logf("screenshot %s", path)
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

package hallcmd

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tabour/config"
	"tabour/devices/audio"
)

// cmd/display refuses to start, saying why, without a config naming its
// bus.
func TestMainNeedsItsBus(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "tabour.json")
	if err := os.WriteFile(cfg, []byte(`{"display": {"monitor": "2"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"display": {"broker": "http://x"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TABOUR_CONFIG", "")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "give -config FILE"},
		{[]string{"-size", "big", "-config", cfg}, 2, "want WIDTHxHEIGHT"},
		{[]string{"-config", filepath.Join(dir, "none.json")}, 1, "none.json"},
		{[]string{"-config", cfg}, 1, "display.broker, display.username and display.password"},
		{[]string{"-config", bad}, 1, "display.broker"},
	} {
		var out bytes.Buffer
		if code := Main(c.args, &out); code != c.code || !strings.Contains(out.String(), c.want) {
			t.Errorf("display %v: exit %d, want %d saying %q:\n%s", c.args, code, c.code, c.want, out.String())
		}
	}
}

// The display section becomes the display's options: the languages shown
// and announced, the letters, and the sink.
func TestOptions(t *testing.T) {
	cfg := config.Default()
	cfg.Display.Letters = config.LettersArabic
	cfg.Display.Audio = config.AudioDir + t.TempDir()
	o, closeAll, err := Options(cfg, Bus{URL: "tcp://127.0.0.1:1883", Username: "hall1", Password: "x"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	closeAll()
	if o.Service.Appliance != cfg.Device || o.Service.Center != cfg.Center.Code || strings.Join(o.Service.Langs, ",") != "ar,en" ||
		o.Service.Letters != audio.ArabicNames || o.Service.Pack == nil || o.Screen.Location.String() != cfg.Center.Timezone {
		t.Errorf("options: %+v", o.Service)
	}
	if _, ok := o.Service.Sink.(*audio.Dir); !ok {
		t.Errorf("sink %T, want the directory", o.Service.Sink)
	}
	cfg.Display.Voice = t.TempDir() // no manifest.json: not a pack
	if _, _, err := Options(cfg, Bus{}, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil || !strings.Contains(err.Error(), "display.voice") {
		t.Errorf("an empty voice directory: %v", err)
	}
	cfg.Display.Voice = ""
	cfg.Display.Audio = config.AudioOff
	if o, _, err = Options(cfg, Bus{}, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil || o.Service.Sink != nil {
		t.Errorf("audio off: sink %v, %v", o.Service.Sink, err)
	}
}

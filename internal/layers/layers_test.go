package layers_test

import (
	"os/exec"
	"strings"
	"testing"
)

// pkg is one package as go list reports it.
type pkg struct {
	path     string
	standard bool
	deps     []string // every package it imports, directly or not
}

// list runs go list on patterns from the module's root.
func list(t *testing.T, patterns ...string) []pkg {
	t.Helper()
	args := append([]string{"list", "-f", "{{.ImportPath}} {{.Standard}}{{range .Deps}} {{.}}{{end}}"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	var pkgs []pkg
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		pkgs = append(pkgs, pkg{path: f[0], standard: f[1] == "true", deps: f[2:]})
	}
	if len(pkgs) == 0 {
		t.Fatalf("go list %v: no packages", patterns)
	}
	return pkgs
}

// standard reports which of paths are in the standard library.
func standard(t *testing.T, paths []string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	if len(paths) == 0 {
		return out
	}
	for _, p := range list(t, paths...) {
		out[p.path] = p.standard
	}
	return out
}

func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// The queue engine imports nothing of the project but itself and the
// language vocabulary.
func TestQueueImportsNoOtherProjectPackage(t *testing.T) {
	for _, p := range list(t, "tabour/queue/...") {
		for _, d := range p.deps {
			if under(d, "tabour") && !under(d, "tabour/queue") && d != "tabour/lang" {
				t.Errorf("%s imports %s: the queue engine may import no other package of the project but tabour/lang", p.path, d)
			}
		}
	}
}

// The wire contract imports the standard library only.
func TestContractImportsOnlyTheStandardLibrary(t *testing.T) {
	onlyStandard(t, "tabour/mqtt/contract/...", "the contract")
}

// The language vocabulary, which the queue and the devices import, imports
// the standard library only.
func TestLangImportsOnlyTheStandardLibrary(t *testing.T) {
	onlyStandard(t, "tabour/lang/...", "the language vocabulary")
}

// onlyStandard fails for each package of pattern that imports, directly
// or not, a package outside the standard library.
func onlyStandard(t *testing.T, pattern, what string) {
	t.Helper()
	for _, p := range list(t, pattern) {
		std := standard(t, p.deps)
		for _, d := range p.deps {
			if !std[d] {
				t.Errorf("%s imports %s: %s may import the standard library only", p.path, d, what)
			}
		}
	}
}

// Device drivers import no bus and no UI.
func TestDevicesImportNoBusOrUI(t *testing.T) {
	forbidden := []string{"tabour/mqtt", "tabour/appliance", "tabour/kiosk", "tabour/ui", "fyne.io",
		"github.com/eclipse/paho.mqtt.golang", "github.com/nats-io"}
	for _, p := range list(t, "tabour/devices/...") {
		for _, d := range p.deps {
			for _, f := range forbidden {
				if under(d, f) {
					t.Errorf("%s imports %s: a device driver may import no bus or UI package", p.path, d)
				}
			}
		}
	}
}

// The config file's package imports no bus package: the bus decodes and
// checks its own section.
func TestConfigImportsNoBus(t *testing.T) {
	forbidden := []string{"tabour/mqtt", "github.com/eclipse/paho.mqtt.golang", "github.com/nats-io"}
	for _, p := range list(t, "tabour/config/...") {
		for _, d := range p.deps {
			for _, f := range forbidden {
				if under(d, f) {
					t.Errorf("%s imports %s: config may import no bus package", p.path, d)
				}
			}
		}
	}
}

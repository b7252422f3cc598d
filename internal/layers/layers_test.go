package layers_test

import (
	"os"
	"os/exec"
	"path/filepath"
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

// The bus's client package imports, of the project, the wire contract
// only: with the contract, it is all a client app needs.
func TestClientImportsOnlyTheContract(t *testing.T) {
	for _, p := range list(t, "tabour/mqtt/client/...") {
		for _, d := range p.deps {
			if under(d, "tabour") && !under(d, "tabour/mqtt/client") && d != "tabour/mqtt/contract" {
				t.Errorf("%s imports %s: the client may import no project package but tabour/mqtt/contract", p.path, d)
			}
		}
	}
}

// clientApps are the bus's client apps, each by its directory under the
// module's root and its packages.
var clientApps = []struct{ dir, pattern string }{
	{"mqtt/consumer", "tabour/mqtt/consumer/..."},
	{"display", "tabour/display/..."},
	{"console", "tabour/console/..."},
	{"hub", "tabour/hub/..."},
	{"counter", "tabour/counter/..."},
}

// Client apps speak the bus through the contract and the client: they
// import neither the queue engine nor the appliance's side of the bus
// (the bus itself, the relay, the engine-to-contract conversions).
func TestClientAppsImportNoEngineOrBus(t *testing.T) {
	var patterns []string
	for _, a := range clientApps {
		if _, err := os.Stat(filepath.Join("../..", a.dir)); err == nil {
			patterns = append(patterns, a.pattern)
		}
	}
	if len(patterns) == 0 {
		t.Fatal("no client app found: the test checks nothing")
	}
	for _, p := range list(t, patterns...) {
		for _, d := range p.deps {
			if under(d, "tabour/queue") || d == "tabour/mqtt" || under(d, "tabour/mqtt/relay") || under(d, "tabour/mqtt/wire") {
				t.Errorf("%s imports %s: a client app may import neither the queue engine nor the appliance's bus "+
					"(tabour/mqtt, tabour/mqtt/relay, tabour/mqtt/wire)", p.path, d)
			}
		}
	}
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

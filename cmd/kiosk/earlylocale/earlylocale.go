// Package earlylocale clears a "C" or "POSIX" locale from the environment
// before Fyne reads it. Fyne parses LANGUAGE, LC_ALL, LC_MESSAGES and
// LANG while its packages initialise, before main runs, and logs
// "Error parsing user locale C" for the locale a service manager or a
// bare shell hands the kiosk — even for `kiosk -h`. Go initialises
// packages in import-path order as soon as their imports are (Go 1.21 and
// later); this package imports only os and its path sorts before fyne.io,
// so its init runs first. It is a module of its own because every path in
// module tabour sorts after fyne.io. Without those variables Fyne uses
// English for its own few strings; the kiosk's languages come from its
// config. It also sets how long Fyne keeps textures (cache.go), which Fyne
// reads at the same moment.
package earlylocale

import (
	"os"
	"strings"
)

func init() {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v, ok := os.LookupEnv(name)
		if !ok {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		if lang == "" || lang == "C" || lang == "POSIX" {
			os.Unsetenv(name)
		}
	}
}

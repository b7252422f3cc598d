package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestHelpUnderCLocale runs `kiosk -h` with the "C" locale a service
// manager or a bare shell gives: the usage, and no locale error from Fyne.
func TestHelpUnderCLocale(t *testing.T) {
	for _, env := range [][]string{{"LANG=C"}, {"LANG=C.UTF-8"}, {"LC_ALL=C.UTF-8"}, {"LANGUAGE=POSIX", "LANG=C.utf8"}} {
		k := exec.Command(os.Args[0], "-h")
		k.Env = append(append(os.Environ(), childEnv+"=1", "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG="), env...)
		out, _ := k.CombinedOutput()
		if !strings.Contains(string(out), "-config") || strings.Contains(string(out), "locale") {
			t.Errorf("kiosk -h with %v:\n%s", env, out)
		}
	}
}

package ctl

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"

	"tabour/queue/sim"
)

// cmdSim runs simulated center days on the real engine, each on a fresh
// database in a temporary directory (or --keep's), and prints how the wait
// estimates did.
func cmdSim(e *env, args []string) error {
	fs := e.flags("sim")
	names := fs.String("scenario", "5-counters,20-counters", "scenarios, comma-separated, or all: "+scenarioNames())
	seed := fs.Uint64("seed", 0, "random seed (default: each scenario's own)")
	keep := fs.String("keep", "", "keep each scenario's database in this directory (as NAME.db), e.g. for tabourctl report")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var list []sim.Scenario
	for _, n := range strings.Split(*names, ",") {
		if n == "all" {
			list = append(list, sim.Scenarios()...)
			continue
		}
		sc, ok := sim.Find(strings.TrimSpace(n))
		if !ok {
			return fmt.Errorf("%w: no scenario %q (%s)", errUsage, n, scenarioNames())
		}
		list = append(list, sc)
	}
	dir := *keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "tabour-sim-")
		if err != nil {
			return fmt.Errorf("sim: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("sim: %w", err)
	}
	var results []*sim.Result
	for _, sc := range list {
		if *seed != 0 {
			sc.Seed = *seed
		}
		// a kept day of an earlier run, with its head file
		for _, suffix := range []string{"", "-wal", "-shm", ".head", ".head.lock", ".head.tmp"} {
			if err := os.Remove(filepath.Join(dir, sc.Name+".db"+suffix)); err != nil && !errors.Is(err, iofs.ErrNotExist) {
				return fmt.Errorf("sim: %w", err)
			}
		}
		res, err := sim.Run(e.ctx, sc, sim.Options{Dir: dir})
		if err != nil {
			return err
		}
		res.Tickets = nil
		if !e.json {
			res.Print(e.stdout)
		}
		results = append(results, res)
	}
	if e.json {
		return e.printJSON(results)
	}
	return nil
}

func scenarioNames() string {
	var names []string
	for _, s := range sim.Scenarios() {
		names = append(names, s.Name)
	}
	return strings.Join(append(names, "small"), ", ")
}

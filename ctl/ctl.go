package ctl

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"tabour/config"
	"tabour/queue"
)

// exit codes
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// errUsage marks a usage error (exit 2); its text is printed with the help.
var errUsage = errors.New("usage")

// errShown marks a failure the command has already reported on stdout
// (an invalid national ID, a broken audit chain): exit 1, nothing more.
var errShown = errors.New("reported")

// shown marks err as already reported.
func shown(err error) error { return fmt.Errorf("%w (%w)", err, errShown) }

type clockKey struct{}

// WithClock returns a context under which Main's engine tells the time by
// c instead of the wall clock (tests run at a fixed time of day).
func WithClock(ctx context.Context, c queue.Clock) context.Context {
	return context.WithValue(ctx, clockKey{}, c)
}

// env is what every command gets: the parsed global flags and the streams.
type env struct {
	ctx        context.Context
	stdout     io.Writer
	stderr     io.Writer
	configPath string
	dbPath     string
	json       bool
	cfg        config.Config
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"status", "services and counters of the current day", cmdStatus},
		{"issue", "issue a ticket: --service S [--priority P] [--kind K]", cmdIssue},
		{"call", "call the next ticket at a counter: --counter N [--ticket A023 --reason CODE [--note TEXT]]", cmdCall},
		{"recall", "announce the counter's ticket again: --counter N", counterOp("recall")},
		{"start", "the citizen reached the counter: --counter N", counterOp("start")},
		{"done", "finish the counter's ticket: --counter N", counterOp("done")},
		{"no-show", "the called citizen did not come: --counter N", counterOp("no-show")},
		{"hold", "park the counter's ticket: --counter N", counterOp("hold")},
		{"transfer", "send the counter's ticket on: --counter N [--to-service S] [--to-counter M]", cmdTransfer},
		{"return", "put a held ticket back in its queue: --ticket A023", ticketOp("return")},
		{"cancel", "withdraw a waiting ticket: --ticket A023 [--reason CODE [--note TEXT]]", ticketOp("cancel")},
		{"counter", "open, pause or close a counter: --counter N open|pause|close [--reason CODE [--note TEXT]]", cmdCounter},
		{"init", "fill the database from the config's catalog and counters [--open]", cmdInit},
		{"audit", "audit verify: walk the event chain and compare it with its head file; audit accept-loss: go on after a loss it found; audit redact --event ID: erase an event's note", cmdAudit},
		{"events", "list events: [--after SEQ] [--limit N]", cmdEvents},
		{"nid", "check a national ID number: nid NUMBER [--check strict|lenient|off]", cmdNID},
		{"accuracy", "how well a day's promised waits were kept: [--day YYYY-MM-DD]", cmdAccuracy},
		{"report", "a service day per service and counter, with its promised waits: [--day YYYY-MM-DD] [--all]", cmdReport},
		{"sim", "simulate center days and score the wait estimates: [--scenario 5-counters,20-counters|all] [--seed N]", cmdSim},
		{"mosquitto", "write the devices file of the mosquitto plugin, for a center on its own broker: [--out FILE] [--plugin PATH]", cmdMosquitto},
		{"clips", "the clips a center records for its own announcement voice (display.voice), with what each says", cmdClips},
		{"print-test", "print a test ticket and report the printer's status: --printer URI [--width 576|384] [--lang ar|en]", cmdPrintTest},
	}
}

// Main runs tabourctl with args (without the program name) and returns the
// exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("tabourctl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.configPath, "config", os.Getenv("TABOUR_CONFIG"), "appliance config file")
	fs.StringVar(&e.dbPath, "db", os.Getenv("TABOUR_DB"), "appliance database (default <data_dir>/tabour.db)")
	fs.BoolVar(&e.json, "json", false, "print JSON")
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		usage(stderr, err)
		return exitUsage
	}
	cmd, ok := find(fs.Arg(0))
	if !ok {
		usage(stderr, fmt.Errorf("unknown command %q", fs.Arg(0)))
		return exitUsage
	}
	err := cmd.run(e, fs.Args()[1:])
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errShown):
		return exitFail
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "tabourctl %s: %v\n", cmd.name, err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "tabourctl %s: %v\n", cmd.name, err)
		return exitFail
	}
}

func find(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func usage(w io.Writer, err error) {
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(w, "tabourctl: %v\n\n", err)
	}
	fmt.Fprintln(w, "usage: tabourctl [--config FILE] [--db FILE] [--json] COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
}

// flags returns a flag set for a command that also accepts the global
// --json and --db flags after the command name.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&e.json, "json", e.json, "print JSON")
	fs.StringVar(&e.dbPath, "db", e.dbPath, "appliance database")
	fs.StringVar(&e.configPath, "config", e.configPath, "appliance config file")
	return fs
}

// parse parses a command's flags, allowing positional arguments before and
// between them; it returns the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func (e *env) loadConfig() error {
	e.cfg = config.Default()
	if e.configPath != "" {
		c, err := config.Load(e.configPath)
		if err != nil {
			return err
		}
		e.cfg = c
	}
	if e.dbPath == "" {
		e.dbPath = filepath.Join(e.cfg.DataDir, "tabour.db")
	}
	return nil
}

// open opens the appliance's engine, filling a fresh database from the
// config.
func (e *env) open() (*queue.Engine, error) {
	if err := e.loadConfig(); err != nil {
		return nil, err
	}
	opts, err := e.cfg.QueueOptions()
	if err != nil {
		return nil, err
	}
	opts.Device = "tabourctl"
	if c, ok := e.ctx.Value(clockKey{}).(queue.Clock); ok {
		opts.Clock = c
	}
	if err := os.MkdirAll(filepath.Dir(e.dbPath), 0o750); err != nil {
		return nil, err
	}
	eng, err := queue.Open(e.ctx, e.dbPath, opts)
	var chain *queue.ChainError
	if errors.As(err, &chain) {
		return nil, fmt.Errorf("%w\nafter checking, accept the loss and go on above every number issued: %s", err, acceptCommand(e))
	}
	if err != nil {
		return nil, err
	}
	svcs, err := eng.Services(e.ctx)
	if err == nil && len(svcs) == 0 {
		err = e.sync(eng)
	}
	if err != nil {
		eng.Close()
		return nil, err
	}
	return eng, nil
}

func (e *env) sync(eng *queue.Engine) error {
	cat, err := e.cfg.Catalog()
	if err != nil {
		return err
	}
	return eng.SyncCatalog(e.ctx, cat.Services, e.cfg.QueueCounters())
}

// withEngine opens the engine, runs f and closes it.
func (e *env) withEngine(f func(*queue.Engine) error) error {
	eng, err := e.open()
	if err != nil {
		return err
	}
	defer eng.Close()
	return f(eng)
}

func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (e *env) printf(format string, args ...any) { fmt.Fprintf(e.stdout, format, args...) }

// need reports a missing required flag as a usage error.
func need(name string, ok bool) error {
	if ok {
		return nil
	}
	return fmt.Errorf("%w: --%s is required", errUsage, name)
}

package ctl

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tabour/mqtt/consumer"
	"tabour/mqtt/contract"
)

// hasAck reports whether the events command was given --ack.
func hasAck(args []string) bool {
	for _, a := range args {
		if a == "--ack" || a == "-ack" || strings.HasPrefix(a, "--ack=") || strings.HasPrefix(a, "-ack=") {
			return true
		}
	}
	return false
}

// cmdConsume is `tabourctl events --ack`: the reference workflow-server
// consumer. It subscribes to every appliance's events, stores each once
// in its own SQLite file, acknowledges them, and reports sequence gaps and
// audit-chain problems, until interrupted (or for --for).
func cmdConsume(e *env, args []string) error {
	fs := e.flags("events")
	fs.Bool("ack", true, "consume, store and acknowledge events")
	broker := fs.String("broker", "tcp://127.0.0.1:1883", "upstream broker URL")
	store := fs.String("store", "", "consumer database (default <data_dir>/consumer.db)")
	share := fs.String("share", "", "join the shared subscription $share/GROUP/...")
	user := fs.String("username", "", "MQTT username (password from $TABOUR_MQTT_PASSWORD)")
	clientID := fs.String("client-id", "", "MQTT client id, the user's device id or that id, '-' and a suffix (the broker keeps its session; default USER-consumer)")
	every := fs.Duration("report", 10*time.Second, "print a report this often")
	limit := fs.Duration("for", 0, "stop after this long (0: until interrupted)")
	inquiries := fs.String("inquiries", "", "answer application inquiries from this JSON file (tests, demos)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := e.loadConfig(); err != nil {
		return err
	}
	if *store == "" {
		*store = filepath.Join(e.cfg.DataDir, "consumer.db")
	}
	opts := consumer.Opts{URL: *broker, ClientID: *clientID, Username: *user, Password: os.Getenv("TABOUR_MQTT_PASSWORD"),
		Share: *share, Store: *store, Logger: slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if *inquiries != "" {
		var err error
		if opts.Inquiries, err = consumer.LoadInquiries(*inquiries); err != nil {
			return err
		}
	}
	return e.consume(opts, *every, *limit)
}

func (e *env) consume(opts consumer.Opts, every, limit time.Duration) error {
	if err := os.MkdirAll(filepath.Dir(opts.Store), 0o750); err != nil {
		return err
	}
	c, err := consumer.New(e.ctx, opts)
	if err != nil {
		return err
	}
	defer c.Close()
	ctx, cancel := e.ctx, context.CancelFunc(func() {})
	if limit > 0 {
		ctx, cancel = context.WithTimeout(e.ctx, limit)
	}
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	if !e.json {
		e.printf("consuming %s from %s into %s\n", contract.AllEvents, opts.URL, opts.Store)
	}
	return e.reportUntil(ctx, c, every, done)
}

// reportUntil prints a report every period and a last one at the end.
func (e *env) reportUntil(ctx context.Context, c *consumer.Consumer, every time.Duration, done chan error) error {
	tick := time.NewTicker(max(every, time.Second))
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			rerr := e.printReport(c)
			if err != nil {
				return err
			}
			return rerr
		case <-tick.C:
			if err := e.printReport(c); err != nil {
				return err
			}
		}
	}
}

func (e *env) printReport(c *consumer.Consumer) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(e.ctx), 10*time.Second)
	defer cancel()
	rep, err := c.Report(ctx)
	if err != nil {
		return err
	}
	st := c.Stats()
	if e.json {
		return e.printJSON(struct {
			consumer.Stats
			Report consumer.Report `json:"report"`
		}{st, rep})
	}
	e.printf("stored %d (duplicates %d, acked %d, unreadable %d); %d events in store\n",
		st.Stored, st.Duplicates, st.Acked, st.Unreadable, rep.Events)
	printProblems(e.stdout, rep)
	return nil
}

func printProblems(w io.Writer, rep consumer.Report) {
	for _, g := range rep.Gaps {
		fmt.Fprintf(w, "  gap %s/%s: seq %d..%d missing\n", g.Center, g.Device, g.From, g.To)
	}
	for _, r := range rep.BadHashes {
		fmt.Fprintf(w, "  bad hash %s/%s seq %d\n", r.Center, r.Device, r.Seq)
	}
	for _, r := range rep.BrokenLinks {
		fmt.Fprintf(w, "  broken link %s/%s at seq %d\n", r.Center, r.Device, r.Seq)
	}
	for _, r := range rep.SeqConflicts {
		fmt.Fprintf(w, "  seq %d of %s/%s held by two event ids\n", r.Seq, r.Center, r.Device)
	}
}

package mqtt

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/queue"
)

// cmdGuard checks the commands that claim to come from the workflow
// server (actor "server", or any command carrying sig) before they reach
// the command runner: the signature must verify with one of the server's
// public keys (Config.ServerKeys), the command must not have expired, and
// its cmd_id must be new (the processed-command table remembers ids for
// CommandRetention past their expiry, and an older command is expired).
// A refused command is answered on res/{device}/{cmd_id} with its code
// and changes nothing, not even the command table; a replay's answer
// carries the first answer's result, so a server that retried after
// losing the first answer still learns what its command did. Unsigned commands of
// other actors (the counters on the LAN) pass unchecked, as before.
type cmdGuard struct {
	keys  serverKeys
	store *cmdStore
	c     *client.Client
	cfg   Config
	clock queue.Clock
	log   *slog.Logger
	next  client.Handler
}

// guardCommands wraps next, the command runner's delivery.
func (b *Bus) guardCommands(c *client.Client, store *cmdStore, next client.Handler) (client.Handler, error) {
	keys, err := parseServerKeys(b.cfg.ServerKeys)
	if err != nil {
		return nil, err
	}
	g := &cmdGuard{keys: keys, store: store, c: c, cfg: b.cfg, clock: b.clock, log: b.log, next: next}
	return g.deliver, nil
}

func (g *cmdGuard) deliver(m client.Message) {
	t, ok := contract.ParseTopic(m.Topic)
	if !ok || t.Kind != "cmd" || t.Center != g.cfg.Center {
		g.next(m)
		return
	}
	cmd, _, err := decodeCommand(m.Payload, g.cfg.MaxCommandTTL)
	if err != nil || (cmd.Actor != contract.ActorServer && cmd.Sig == "") {
		g.next(m) // malformed or a LAN command: the runner decides
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if res, refused := g.check(ctx, t, cmd); refused {
		g.refuse(t, res)
		return
	}
	g.next(m)
}

// refuse answers a refused command on res/{device}/{cmd_id}.
func (g *cmdGuard) refuse(t contract.Topic, res contract.Result) {
	g.log.Warn("mqtt: server command refused", "device", t.Key, "command", t.Sub, "code", res.Code)
	g.c.Publish(client.Message{Topic: contract.Topics{Center: g.cfg.Center}.Res(t.Key, res.CmdID), Payload: encodeResult(res), QoS: 1})
}

// check returns the refusal of a signed command, or false.
func (g *cmdGuard) check(ctx context.Context, t contract.Topic, cmd contract.Command) (contract.Result, bool) {
	if code, err := g.keys.verify(t, cmd); err != nil {
		return refuse(cmd.CmdID, code, err), true
	}
	if code, err := checkTimes(cmd, g.clock.Now(), g.cfg.ClockSkew); err != nil {
		return refuse(cmd.CmdID, code, err), true
	}
	return g.replayed(ctx, cmd.CmdID)
}

// replayed refuses a cmd_id already answered, attaching the first
// answer's result. A new id, or one whose row still says running (a
// redelivery queued behind the original, or an answer the runner holds
// until the next command's transaction writes it), goes on to the runner,
// which runs commands in turn and refuses a repeat the same way.
func (g *cmdGuard) replayed(ctx context.Context, id string) (contract.Result, bool) {
	old, err := g.store.lookup(ctx, id)
	switch {
	case err != nil:
		g.log.Error("mqtt: command table", "err", err)
		return refuse(id, contract.CodeInternal, errInternal), true
	case old == nil || old.Running:
		return contract.Result{}, false
	}
	return replayedRefusal(old), true
}

// replayedRefusal refuses a signed command whose id was answered, with
// the first answer's result attached.
func replayedRefusal(old *cmdRecord) contract.Result {
	res := refuse(old.ID, contract.CodeReplayed, fmt.Errorf("mqtt: cmd_id %s was already processed; a replayed command does nothing (the first result is attached)", old.ID))
	var first contract.Result
	if json.Unmarshal(old.Result, &first) == nil {
		res.Result = first.Result
	}
	return res
}

// lookup returns the row of a command id, or nil.
func (s *cmdStore) lookup(ctx context.Context, id string) (*cmdRecord, error) {
	r := cmdRecord{ID: id}
	err := s.db.QueryRowContext(ctx, "SELECT running, result FROM mqtt_commands WHERE cmd_id = ?", id).Scan(&r.Running, &r.Result)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("mqtt: read command: %w", err)
	}
	return &r, nil
}

package mqtt

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"tabour/mqtt/auth"
	"tabour/mqtt/client"
	"tabour/mqtt/contract"
	"tabour/queue"
)

// commands runs the commands counters send on cmd/{device}/{name}, one at
// a time, taking the devices' queues in turn (cmdQueues, which also refuse
// what is beyond a device's rate), and answers each on
// res/{device}/{cmd_id}.
type commands struct {
	eng    *queue.Engine
	store  *cmdStore
	reg    *auth.Registry
	c      *client.Client
	topics contract.Topics
	clock  queue.Clock
	cfg    Config
	log    *slog.Logger
	queues *cmdQueues
	// limitedLog is when each device's refusals as rate_limited were last
	// logged.
	limitedMu  sync.Mutex
	limitedLog map[string]time.Time
	// unsaved are answers of commands that ran whose rows still say
	// running: they are written by the next command's transaction, or
	// after a quiet second (see keep).
	unsaved []cmdAnswer
}

// cmdAnswer is the answer of a command that ran.
type cmdAnswer struct {
	rec    cmdRecord
	result []byte
}

// answerIdle is how long the runner waits for a next command before it
// writes the answers still unsaved on their own.
const answerIdle = time.Second

func newCommands(eng *queue.Engine, store *cmdStore, reg *auth.Registry, c *client.Client, cfg Config, clock queue.Clock, log *slog.Logger) *commands {
	p := &commands{eng: eng, store: store, reg: reg, c: c, topics: contract.Topics{Center: cfg.Center}, clock: clock,
		cfg: cfg, log: log, limitedLog: map[string]time.Time{}}
	p.queues = newCmdQueues(cfg)
	return p
}

// limit returns the handler of a command subscription's delivery
// goroutine (c is its client): a command within its device's rate goes on
// to next (the guard of signed commands, then enqueue); one beyond it is
// answered rate_limited on c at once.
func (p *commands) limit(c *client.Client, next client.Handler) client.Handler {
	return func(m client.Message) {
		t, ok := p.cmdTopic(m.Topic)
		if !ok {
			return
		}
		if err := p.queues.admit(t); err != nil {
			p.refuseLimited(c, t, m.Payload, err)
			return
		}
		next(m)
	}
}

// enqueue queues a command for the runner in its device's queue.
func (p *commands) enqueue(m client.Message) {
	t, ok := p.cmdTopic(m.Topic)
	if !ok {
		return
	}
	if err := p.queues.push(t, m); err != nil {
		p.refuseLimited(p.c, t, m.Payload, err)
	}
}

// cmdTopic parses a command topic of this center.
func (p *commands) cmdTopic(name string) (contract.Topic, bool) {
	t, ok := contract.ParseTopic(name)
	return t, ok && t.Kind == "cmd" && t.Center == p.cfg.Center
}

// refuseLimited answers on c a command beyond its device's limits: nothing
// is run or recorded, and the device is named in the log at most once a
// minute (a flood would fill the log). The answer goes at QoS 0: the
// embedded broker stores every QoS 1 message in JetStream, which a flood's
// answers would keep busy for everyone; the command did nothing, so an
// answer lost with a dropped connection costs at most a resend.
func (p *commands) refuseLimited(c *client.Client, t contract.Topic, payload []byte, why error) {
	id := probeID(payload)
	res := refuse(id, contract.CodeRateLimited, why)
	c.Publish(client.Message{Topic: p.topics.Res(t.Key, id), Payload: encodeResult(res), QoS: 0})
	now := time.Now()
	p.limitedMu.Lock()
	last, seen := p.limitedLog[t.Key]
	logIt := !seen || now.Sub(last) >= time.Minute
	if logIt {
		if len(p.limitedLog) >= maxIdleDevs {
			clear(p.limitedLog)
		}
		p.limitedLog[t.Key] = now
	}
	p.limitedMu.Unlock()
	if logIt {
		p.log.Warn("mqtt: commands refused as rate_limited", "device", t.Key, "command", t.Sub,
			"rate", p.cfg.CommandRate, "burst", p.cfg.CommandBurst)
	}
}

// run answers commands until ctx ends, and prunes old ids hourly.
func (p *commands) run(ctx context.Context) error {
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()
	idle := time.NewTimer(answerIdle)
	defer idle.Stop()
	p.prune(ctx)
	for {
		select {
		case <-ctx.Done():
			p.saveAnswers(context.WithoutCancel(ctx))
			return nil
		case <-p.queues.ready:
			for m, ok := p.queues.pop(); ok && ctx.Err() == nil; m, ok = p.queues.pop() {
				p.process(ctx, m)
			}
			idle.Reset(answerIdle)
		case <-idle.C:
			p.saveAnswers(ctx)
		case <-prune.C:
			p.prune(ctx)
		}
	}
}

// saveAnswers writes the unsaved answers through the command table's own
// connection.
func (p *commands) saveAnswers(ctx context.Context) {
	for _, a := range p.unsaved {
		if err := p.store.answered(ctx, a.rec.ID, a.result); err != nil {
			p.log.Error("mqtt: command table", "err", err)
			return
		}
	}
	p.unsaved = p.unsaved[:0]
}

// unsavedAnswer returns the answer of id if it is not written yet.
func (p *commands) unsavedAnswer(id string) (cmdAnswer, bool) {
	for _, a := range p.unsaved {
		if a.rec.ID == id {
			return a, true
		}
	}
	return cmdAnswer{}, false
}

func (p *commands) prune(ctx context.Context) {
	before := p.clock.Now().Add(-p.cfg.ClockSkew - p.cfg.CommandRetention)
	if _, err := p.store.prune(ctx, before); err != nil {
		p.log.Warn("mqtt: prune commands", "err", err)
	}
}

// process answers one command message.
func (p *commands) process(ctx context.Context, m client.Message) {
	t, ok := contract.ParseTopic(m.Topic)
	if !ok || t.Kind != "cmd" || t.Center != p.cfg.Center {
		return
	}
	id, payload := p.answer(ctx, t, m.Payload)
	res := client.Message{Topic: p.topics.Res(t.Key, id), Payload: payload, QoS: 1}
	p.c.Publish(res)
}

// answer decides a command and returns the cmd_id to answer on and the
// res payload.
func (p *commands) answer(ctx context.Context, t contract.Topic, payload []byte) (string, []byte) {
	cmd, code, err := decodeCommand(payload, p.cfg.MaxCommandTTL)
	if err != nil {
		id := probeID(payload)
		return id, encodeResult(refuse(id, code, err))
	}
	rec := cmdRecord{ID: cmd.CmdID, Device: t.Key, Name: t.Sub, Digest: digest(t, payload), ExpiresAt: cmd.ExpiresAt.Time}
	if a, ok := p.unsavedAnswer(rec.ID); ok {
		old := &cmdRecord{ID: rec.ID, Digest: a.rec.Digest, Result: a.result}
		if cmd.Sig != "" { // a signed command: the guard's answer to a replay
			return cmd.CmdID, encodeResult(replayedRefusal(old))
		}
		return cmd.CmdID, replay(old, rec)
	}
	saving := len(p.unsaved)
	ctx = queue.WithIssuer(ctx, t.Key, cmd.CmdID, cmd.Actor)
	ctx = queue.WithTxHook(ctx, func(ctx context.Context, tx queue.Execer) error {
		if err := runningTx(ctx, tx, rec); err != nil {
			return err
		}
		return answeredTx(ctx, tx, p.unsaved[:saving])
	})
	res, err := p.decide(ctx, t, cmd)
	if errors.Is(err, errKnown) {
		return cmd.CmdID, p.replayStored(ctx, rec)
	}
	if res.Code == contract.CodeInternal {
		return cmd.CmdID, p.afterFailure(ctx, rec, res)
	}
	if res.OK {
		p.unsaved = slices.Delete(p.unsaved, 0, saving) // written with this command
	}
	return cmd.CmdID, p.keep(ctx, rec, res)
}

var errInternal = fmt.Errorf("mqtt: internal error, nothing changed; retry")

// errUnknownOutcome answers a command whose engine transaction failed
// when the command table cannot say whether it committed anyway.
var errUnknownOutcome = fmt.Errorf("mqtt: internal error; retry with the same cmd_id: it runs if it did not, or is answered interrupted")

// afterFailure answers a command whose engine transaction failed (a full
// disk, say). A commit can fail after its pages reached the log, so the
// command table is read back: without the command's running row nothing
// changed and a retry of the same cmd_id runs it, as res says; with it,
// the command is answered as a retry will be (interrupted). Nothing is
// stored.
func (p *commands) afterFailure(ctx context.Context, rec cmdRecord, res contract.Result) []byte {
	old, err := p.store.get(ctx, rec.ID)
	switch {
	case errors.Is(err, errNoCommand):
		return encodeResult(res)
	case err != nil:
		p.log.Error("mqtt: command table", "err", err)
		return encodeResult(refuse(rec.ID, contract.CodeInternal, errUnknownOutcome))
	}
	return replay(old, rec)
}

// keep stores a result and returns its payload.
//   - The answer of a command that ran is kept in memory, and written by
//     the next command's transaction (or after a quiet second): the
//     command costs no write of its own, and the engine's connection keeps
//     its page cache (a write through the table's own connection would
//     make it read its pages again). Until then a redelivery is answered
//     from memory; after a power cut the row still says running, and a
//     redelivery is answered "interrupted".
//   - A refusal is stored at once, unless the id turns out to be known
//     (then the stored answer is replayed).
//   - After an internal failure nothing was recorded (the engine rolled
//     the running row back with the change), so a retry runs; answer
//     reads that back first (afterFailure).
func (p *commands) keep(ctx context.Context, rec cmdRecord, res contract.Result) []byte {
	b := encodeResult(res)
	switch {
	case res.Code == contract.CodeInternal:
	case res.OK:
		p.unsaved = append(p.unsaved, cmdAnswer{rec: rec, result: b})
	default:
		old, err := p.store.refused(ctx, rec, b)
		if err != nil {
			p.log.Error("mqtt: command table", "err", err)
			return encodeResult(refuse(rec.ID, contract.CodeInternal, errInternal))
		}
		if old != nil {
			return replay(old, rec)
		}
	}
	return b
}

// replayStored answers an id found recorded.
func (p *commands) replayStored(ctx context.Context, rec cmdRecord) []byte {
	old, err := p.store.get(ctx, rec.ID)
	if err != nil {
		p.log.Error("mqtt: command table", "err", err)
		return encodeResult(refuse(rec.ID, contract.CodeInternal, errInternal))
	}
	return replay(old, rec)
}

// replay answers a command id seen before: the stored answer if it is the
// same command, a refusal if the id was reused for another.
func replay(old *cmdRecord, rec cmdRecord) []byte {
	switch {
	case old.Digest != rec.Digest:
		return encodeResult(refuse(rec.ID, contract.CodeReused, fmt.Errorf("mqtt: cmd_id %s was used for a different command", rec.ID)))
	case old.Running:
		return encodeResult(refuse(rec.ID, contract.CodeInterrupted,
			fmt.Errorf("mqtt: the appliance stopped while running this command; check serving/ for its outcome")))
	}
	return old.Result
}

// decide checks a well-formed new command and runs it. It returns
// errKnown, and no result, if the engine found the id recorded.
func (p *commands) decide(ctx context.Context, t contract.Topic, cmd contract.Command) (contract.Result, error) {
	act, ok := actions[t.Sub]
	if !ok {
		return refuse(cmd.CmdID, contract.CodeUnknownCommand, fmt.Errorf("mqtt: unknown command %q", t.Sub)), nil
	}
	dev, ok := p.reg.Device(t.Key)
	manager := slices.Contains(contract.ManagerCommands, t.Sub)
	rating := t.Sub == contract.CmdRate
	// anyCounter: the device sends commands for any counter (or none).
	anyCounter := dev.Role == auth.RoleConsole || (manager || rating) && dev.Role == auth.RoleServer ||
		rating && dev.Role == auth.RoleKiosk
	if !ok || dev.Role != auth.RoleCounter && !anyCounter {
		return refuse(cmd.CmdID, contract.CodeUnknownCounter, fmt.Errorf("mqtt: %s is not a counter device", t.Key)), nil
	}
	// The manager's commands come from the console, or from the workflow
	// server (its own device, or signed: the guard checked the signature);
	// a rating also from a kiosk, where the citizen scans the ticket.
	if (manager || rating) && !anyCounter && cmd.Sig == "" {
		who := "the console or the server"
		if rating {
			who = "the console, the server or a kiosk"
		}
		return refuse(cmd.CmdID, contract.CodeNotAllowed,
			fmt.Errorf("mqtt: %s is a %s device: only %s may send %s", t.Key, dev.Role, who, t.Sub)), nil
	}
	if code, err := checkTimes(cmd, p.clock.Now(), p.cfg.ClockSkew); err != nil {
		return refuse(cmd.CmdID, code, err), nil
	}
	args, code, err := checkArgs(cmd, dev)
	if err != nil {
		return refuse(cmd.CmdID, code, err), nil
	}
	counter := dev.Counter
	if anyCounter { // the console sends any counter's commands, naming the counter
		if args.Counter <= 0 && !counterless(t.Sub) {
			return refuse(cmd.CmdID, contract.CodeInvalidArgs, fmt.Errorf("mqtt: a command from the %s must name its counter (args.counter)", dev.Role)), nil
		}
		counter = args.Counter
	}
	out, err := act(ctx, p.eng, counter, args)
	// The commit has just woken the serving/ publisher: let it run before
	// this goroutine goes on to answer, rather than wait for a processor.
	runtime.Gosched()
	if errors.Is(err, errKnown) {
		return contract.Result{}, err
	}
	if err != nil {
		return p.refuseEngine(cmd.CmdID, err), nil
	}
	return contract.Result{CmdID: cmd.CmdID, OK: true, Result: &out}, nil
}

func (p *commands) refuseEngine(id string, err error) contract.Result {
	code := refusalCode(err)
	if code == contract.CodeInternal {
		p.log.Error("mqtt: command failed", "err", err)
		err = errInternal
	}
	return refuse(id, code, err)
}

// refuse builds a refusal. An explanation that would echo a long number
// from the payload is withheld.
func refuse(id, code string, err error) contract.Result {
	msg := err.Error()
	if contract.LooksPersonal(msg) || len(contract.FindPersonal(msg)) > 0 {
		msg = "mqtt: refused; the details are withheld because they hold a long number"
	}
	return contract.Result{CmdID: id, Code: code, Error: msg}
}

func encodeResult(r contract.Result) []byte {
	b, _ := json.Marshal(r)
	return b
}

// decodeCommand reads a command strictly: known fields only, a usable
// cmd_id, an actor, both times, a bounded lifetime. A refusal comes with
// its code: malformed for a payload that is no command, bad_cmd_id for an
// unusable cmd_id, ttl_too_long for a lifetime beyond maxTTL.
func decodeCommand(payload []byte, maxTTL time.Duration) (contract.Command, string, error) {
	var cmd contract.Command
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cmd); err != nil {
		return cmd, contract.CodeMalformed, fmt.Errorf("mqtt: command payload: %w", err)
	}
	switch {
	case !validCmdID(cmd.CmdID):
		return cmd, contract.CodeBadCmdID, fmt.Errorf("mqtt: cmd_id must be 1 to 64 letters, digits, '-' or '_'")
	case cmd.Actor == "":
		return cmd, contract.CodeMalformed, fmt.Errorf("mqtt: actor is required")
	case cmd.IssuedAt.IsZero() || cmd.ExpiresAt.IsZero():
		return cmd, contract.CodeMalformed, fmt.Errorf("mqtt: issued_at and expires_at are required")
	case !cmd.ExpiresAt.After(cmd.IssuedAt.Time):
		return cmd, contract.CodeMalformed, fmt.Errorf("mqtt: expires_at must be after issued_at")
	case cmd.ExpiresAt.Sub(cmd.IssuedAt.Time) > maxTTL:
		return cmd, contract.CodeTTLTooLong, fmt.Errorf("mqtt: a command may live at most %v", maxTTL)
	}
	return cmd, "", nil
}

// probeID recovers the cmd_id of a malformed command, if it can be read.
func probeID(payload []byte) string {
	var p struct {
		CmdID string `json:"cmd_id"`
	}
	if json.Unmarshal(payload, &p) != nil || !validCmdID(p.CmdID) {
		return contract.MalformedID
	}
	return p.CmdID
}

func validCmdID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		ok := r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !ok {
			return false
		}
	}
	return true
}

// checkTimes refuses a command issued in the future or already expired,
// beyond the allowed clock skew.
func checkTimes(cmd contract.Command, now time.Time, skew time.Duration) (string, error) {
	switch {
	case cmd.IssuedAt.After(now.Add(skew)):
		return contract.CodeClockSkew, fmt.Errorf("mqtt: issued_at is %v ahead of the appliance's clock", cmd.IssuedAt.Sub(now).Round(time.Millisecond))
	case cmd.ExpiresAt.Before(now.Add(-skew)):
		return contract.CodeExpired, fmt.Errorf("mqtt: command expired %v ago", now.Sub(cmd.ExpiresAt.Time).Round(time.Millisecond))
	}
	return "", nil
}

// checkArgs decodes the arguments strictly and refuses a counter other
// than a counter device's own and free text shaped like personal data.
func checkArgs(cmd contract.Command, dev auth.Device) (contract.Args, string, error) {
	var a contract.Args
	if len(cmd.Args) > 0 && string(cmd.Args) != "null" {
		dec := json.NewDecoder(bytes.NewReader(cmd.Args))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return a, contract.CodeInvalidArgs, fmt.Errorf("mqtt: args: %w", err)
		}
	}
	if a.Counter != 0 && a.Counter != dev.Counter && dev.Role == auth.RoleCounter {
		return a, contract.CodeDeviceMismatch, fmt.Errorf("mqtt: device %s drives counter %d, not %d", dev.ID, dev.Counter, a.Counter)
	}
	if len(a.Reason) > 200 || len(a.Note) > 200 || len(cmd.Actor) > 64 {
		return a, contract.CodeInvalidArgs, fmt.Errorf("mqtt: reason, note (200) or actor (64 bytes) too long")
	}
	if contract.LooksPersonal(a.Reason) || contract.LooksPersonal(a.Note) || contract.LooksPersonal(cmd.Actor) || contract.LooksPersonal(a.Ticket) {
		return a, contract.CodePersonalData, fmt.Errorf("mqtt: reason, note, actor and ticket must not hold personal data (a long number, a national ID or a phone number)")
	}
	if a.Text != nil {
		for _, s := range []string{a.Text.AR, a.Text.EN} {
			if utf8.RuneCountInString(s) > contract.MaxTextRunes {
				return a, contract.CodeInvalidArgs, fmt.Errorf("mqtt: text: at most %d characters per language", contract.MaxTextRunes)
			}
			if contract.LooksPersonal(s) {
				return a, contract.CodePersonalData, fmt.Errorf("mqtt: text is shown in the hall and kept in the audit log: it must not hold personal data (a long number, a national ID or a phone number)")
			}
		}
	}
	return a, "", nil
}

// digest identifies a command's content, to tell a redelivery from a
// cmd_id reused for something else.
func digest(t contract.Topic, payload []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, payload) != nil {
		b.Reset()
		b.Write(payload)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", t.Key, t.Sub)
	h.Write(b.Bytes())
	return hex.EncodeToString(h.Sum(nil))
}

package console

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"tabour/mqtt/client"
	"tabour/mqtt/contract"
)

// Opts configure a console.
type Opts struct {
	// URL, Username and Password are the console's device on the bus
	// (role console).
	URL, Username, Password string
	Center, Appliance       string // the center and the appliance's device id
	Accounts                *Accounts
	// Secure marks the session cookie Secure: the console is served over
	// HTTPS.
	Secure bool
	// SessionTTL is how long a sign-in lasts (default 10h, a working day).
	SessionTTL time.Duration
	Logger     *slog.Logger
	Now        func() time.Time
	Retry      time.Duration // the bus client's longest wait between attempts
	// Clock stamps the commands (default: the wall clock).
	Clock client.Clock
	// Figures are the engine's figures for the manager's pages; nil
	// leaves them saying the figures are unavailable.
	Figures Figures
}

// Server is the web console: it follows the bus and serves the pages.
type Server struct {
	o        Opts
	c        *client.Client
	cmd      *client.Commander
	sessions *sessions
	mux      *http.ServeMux
	cop      *http.CrossOriginProtection

	mu       sync.Mutex
	serving  map[int]contract.Serving
	queues   map[string]contract.Queue
	status   contract.Status            // the appliance's
	statuses map[string]contract.Status // every other device's
	health   contract.Health            // the appliance's
	reasons  map[int]string             // why each counter's current ticket was chosen, from the last answer
	watchers map[chan struct{}]bool

	dash dashCache
}

// New creates a console; Run connects it to the bus.
func New(o Opts) (*Server, error) {
	if o.Accounts == nil || o.Center == "" || o.Appliance == "" || o.Username == "" {
		return nil, errors.New("console: accounts, center, appliance and the bus username are required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 10 * time.Hour
	}
	s := &Server{o: o, sessions: newSessions(o.Now, o.SessionTTL), serving: map[int]contract.Serving{},
		queues: map[string]contract.Queue{}, reasons: map[int]string{}, watchers: map[chan struct{}]bool{},
		statuses: map[string]contract.Status{}}
	s.c = client.New(client.Opts{URL: o.URL, ClientID: o.Username, Username: o.Username, Password: o.Password,
		Retry: o.Retry, OnConnect: s.changed, OnLost: func(error) { s.changed() }})
	t := contract.Topics{Center: o.Center}
	for _, h := range []struct {
		filter string
		h      client.Handler
	}{
		{strings.TrimSuffix(t.Serving(0), "0") + "+", s.onServing},
		{t.Queue("+"), s.onQueue},
		{t.Status("+"), s.onStatus},
		{t.Health(o.Appliance), s.onHealth},
	} {
		if err := s.c.Handle(h.filter, 1, h.h); err != nil {
			return nil, err
		}
	}
	k, err := client.NewCommander(s.c, o.Center, o.Username, "console")
	if err != nil {
		return nil, err
	}
	if o.Clock != nil {
		k.SetClock(o.Clock)
	}
	s.cmd = k
	s.cop = http.NewCrossOriginProtection()
	s.routes()
	return s, nil
}

// Run keeps the bus client until ctx ends.
func (s *Server) Run(ctx context.Context) error {
	<-ctx.Done()
	s.c.Close(250 * time.Millisecond)
	return nil
}

// Handler serves the console's pages.
func (s *Server) Handler() http.Handler { return s.mux }

// Serve serves the console on addr until ctx ends, over HTTPS when
// certFile and keyFile are given.
func (s *Server) Serve(ctx context.Context, addr, certFile, keyFile string) error {
	srv := &http.Server{Addr: addr, Handler: s.mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	var err error
	if certFile != "" {
		err = srv.ListenAndServeTLS(certFile, keyFile)
	} else {
		err = srv.ListenAndServe()
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

func (s *Server) onServing(m client.Message) {
	var v contract.Serving
	if len(m.Payload) == 0 || json.Unmarshal(m.Payload, &v) != nil || v.Counter <= 0 {
		return
	}
	s.mu.Lock()
	if old, ok := s.serving[v.Counter]; ok && old.Ticket != v.Ticket {
		delete(s.reasons, v.Counter)
	}
	s.serving[v.Counter] = v
	s.mu.Unlock()
	s.changed()
}

func (s *Server) onQueue(m client.Message) {
	var v contract.Queue
	if len(m.Payload) == 0 || json.Unmarshal(m.Payload, &v) != nil || v.Service == "" {
		return
	}
	s.mu.Lock()
	s.queues[v.Service] = v
	s.mu.Unlock()
	s.changed()
}

func (s *Server) onStatus(m client.Message) {
	device := m.Topic[strings.LastIndexByte(m.Topic, '/')+1:]
	var v contract.Status
	if json.Unmarshal(m.Payload, &v) != nil {
		v = contract.Status{}
	}
	s.mu.Lock()
	switch {
	case device == s.o.Appliance:
		s.status = v
	case len(m.Payload) == 0: // a device forgotten: its retained status cleared
		delete(s.statuses, device)
	default:
		s.statuses[device] = v
	}
	s.mu.Unlock()
	s.changed()
}

func (s *Server) onHealth(m client.Message) {
	var v contract.Health
	if json.Unmarshal(m.Payload, &v) != nil {
		v = contract.Health{}
	}
	s.mu.Lock()
	s.health = v
	s.mu.Unlock()
	s.changed()
}

// changed wakes every live page.
func (s *Server) changed() {
	s.dash.stale.Store(true)
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.watchers {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

func (s *Server) watch() (ch chan struct{}, stop func()) {
	ch = make(chan struct{}, 1)
	s.mu.Lock()
	s.watchers[ch] = true
	s.mu.Unlock()
	return ch, func() {
		s.mu.Lock()
		delete(s.watchers, ch)
		s.mu.Unlock()
	}
}

// Live reports whether the appliance is reachable: the console's link to
// the bus is up and the appliance says it is online.
func (s *Server) Live() bool {
	s.mu.Lock()
	st := s.status
	s.mu.Unlock()
	return s.c.Connected() && st.Alive(s.o.Now())
}

// view is what a counter's page shows, as sent to it live.
type view struct {
	Live    bool             `json:"live"`
	Counter int              `json:"counter"`
	Serving contract.Serving `json:"serving"`
	SinceS  int64            `json:"since_s"` // how long in the current state
	Why     string           `json:"why,omitempty"`
	WaitedS *int64           `json:"waited_s,omitempty"` // how long the ticket waited to be called
	Queues  []contract.Queue `json:"queues"`
}

func (s *Server) view(n int) view {
	live := s.Live()
	s.mu.Lock()
	defer s.mu.Unlock()
	v := view{Live: live, Counter: n, Serving: s.serving[n], Why: s.reasons[n]}
	if !v.Serving.Since.IsZero() {
		v.SinceS = int64(s.o.Now().Sub(v.Serving.Since.Time) / time.Second)
	}
	for _, q := range s.queues {
		v.Queues = append(v.Queues, q)
	}
	slices.SortFunc(v.Queues, func(a, b contract.Queue) int { return cmpString(a.Service, b.Service) })
	return v
}

// waited fills in how long v's ticket waited before its first call, from
// the engine when the console has it.
func (s *Server) waited(ctx context.Context, v view) view {
	if s.o.Figures == nil || v.Serving.Ticket == "" {
		return v
	}
	t, err := s.o.Figures.TicketByLabel(ctx, v.Serving.Ticket)
	if err != nil || t.FirstCalledAt.IsZero() {
		return v
	}
	w := int64(t.FirstCalledAt.Sub(t.IssuedAt) / time.Second)
	v.WaitedS = &w
	return v
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// counters are the counters known from the bus, in order.
func (s *Server) counters() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ns []int
	for n := range s.serving {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

// action is one of the console's buttons: the command it sends and how
// its arguments are read from the form.
type action struct {
	cmd  string
	args func(r *http.Request, a *contract.Args)
}

var consoleActions = map[string]action{
	"next":    {cmd: contract.CmdNext},
	"recall":  {cmd: contract.CmdRecall},
	"start":   {cmd: contract.CmdStart},
	"done":    {cmd: contract.CmdDone},
	"no_show": {cmd: contract.CmdNoShow},
	"hold":    {cmd: contract.CmdHold},
	"resume":  {cmd: contract.CmdResume},
	"close":   {cmd: contract.CmdClose},
	"transfer": {cmd: contract.CmdTransfer, args: func(r *http.Request, a *contract.Args) {
		a.ToService = r.PostFormValue("to_service")
		a.ToCounter, _ = strconv.Atoi(r.PostFormValue("to_counter"))
	}},
	"call": {cmd: contract.CmdCall, args: func(r *http.Request, a *contract.Args) {
		a.Ticket, a.Reason, a.Note = r.PostFormValue("ticket"), r.PostFormValue("reason"), r.PostFormValue("note")
	}},
	// return calls a held ticket back: a call with the reason "returned".
	"return": {cmd: contract.CmdCall, args: func(r *http.Request, a *contract.Args) {
		a.Ticket, a.Reason = r.PostFormValue("ticket"), "returned"
	}},
	"pause": {cmd: contract.CmdPause, args: func(r *http.Request, a *contract.Args) {
		a.Reason, a.Note = r.PostFormValue("reason"), r.PostFormValue("note")
	}},
}

// Answer is what an action returns to the page.
type Answer struct {
	OK      bool                    `json:"ok"`
	Code    string                  `json:"code,omitempty"`
	Message string                  `json:"message"`
	Result  *contract.CommandResult `json:"result,omitempty"`
}

// do sends action name for counter n as the signed-in person.
func (s *Server) do(ctx context.Context, l Lang, acc Account, n int, name string, r *http.Request) Answer {
	act, ok := consoleActions[name]
	if !ok {
		return Answer{Code: contract.CodeUnknownCommand, Message: refusal(l, contract.CodeUnknownCommand)}
	}
	a := contract.Args{Counter: n}
	if act.args != nil {
		act.args(r, &a)
	}
	ans := s.send(ctx, l, acc, act.cmd, a)
	if ans.OK && ans.Result != nil && ans.Result.Reason != "" {
		s.mu.Lock()
		s.reasons[n] = ans.Result.Reason
		s.mu.Unlock()
		s.changed()
	}
	return ans
}

// sessions are the signed-in people, by random token, each with its
// expiry kept here (the cookie's own expiry is only a hint).
type sessions struct {
	now func() time.Time
	ttl time.Duration

	mu sync.Mutex
	m  map[string]session
}

type session struct {
	name    string
	expires time.Time
}

func newSessions(now func() time.Time, ttl time.Duration) *sessions {
	return &sessions{now: now, ttl: ttl, m: map[string]session{}}
}

func (ss *sessions) create(name string) (token string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = hex.EncodeToString(b)
	expires := ss.now().Add(ss.ttl)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for t, se := range ss.m { // drop the expired
		if !ss.now().Before(se.expires) {
			delete(ss.m, t)
		}
	}
	ss.m[token] = session{name: name, expires: expires}
	return token
}

func (ss *sessions) get(token string) (string, bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	se, ok := ss.m[token]
	if !ok {
		return "", false
	}
	if !ss.now().Before(se.expires) {
		delete(ss.m, token)
		return "", false
	}
	return se.name, true
}

// endAll ends every session of name.
func (ss *sessions) endAll(name string) { ss.endAllBut(name, "") }

// endAllBut ends every session of name but token's.
func (ss *sessions) endAllBut(name, token string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for t, se := range ss.m {
		if se.name == name && t != token {
			delete(ss.m, t)
		}
	}
}

func (ss *sessions) end(token string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.m, token)
}

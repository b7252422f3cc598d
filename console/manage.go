package console

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	tl "tabour/lang"
	"tabour/mqtt/contract"
)

// The manager's actions are commands on the bus, as a counter's are: the
// appliance audits each with the signed-in manager as its actor.

// manage runs one of the manager's actions (/manager/do/{action}) and
// answers it in JSON.
func (s *Server) manage(w http.ResponseWriter, r *http.Request, acc Account) {
	r.Body = http.MaxBytesReader(w, r.Body, 8192)
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	l := lang(r)
	var cmd string
	var a contract.Args
	switch r.PathValue("action") {
	case "ticker":
		cmd, a.Text = contract.CmdTicker, formText(r)
	case "announce":
		cmd, a.Text = contract.CmdAnnounce, formText(r)
		if a.Text.AR == "" && a.Text.EN == "" {
			s.answer(w, Answer{Code: contract.CodeInvalidArgs, Message: word(l, "say_something")})
			return
		}
	case "services":
		cmd = contract.CmdSetServices
		a.Counter, _ = strconv.Atoi(r.PostFormValue("counter"))
		for key, vs := range r.PostForm {
			code, ok := strings.CutPrefix(key, "w_")
			if !ok || len(vs) != 1 {
				continue
			}
			weight, err := strconv.Atoi(vs[0])
			if err != nil {
				s.answer(w, Answer{Code: contract.CodeInvalidArgs, Message: refusal(l, contract.CodeInvalidArgs)})
				return
			}
			if weight > 0 {
				a.Services = append(a.Services, contract.ServiceWeight{Code: code, Weight: weight})
			}
		}
		if len(a.Services) == 0 {
			s.answer(w, Answer{Code: contract.CodeInvalidArgs, Message: word(l, "no_services")})
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	s.answer(w, s.send(r.Context(), l, acc, cmd, a))
}

func formText(r *http.Request) *contract.Text {
	return &contract.Text{AR: strings.TrimSpace(r.PostFormValue("text_ar")), EN: strings.TrimSpace(r.PostFormValue("text_en"))}
}

// send sends a command as the signed-in person and says its answer in l.
// Free text that looks like personal data is refused here, before it
// reaches the bus: a national ID or phone number is never sent.
func (s *Server) send(ctx context.Context, l Lang, acc Account, cmd string, a contract.Args) Answer {
	free := []string{a.Note, a.Reason, a.Ticket, a.ToService}
	if a.Text != nil {
		free = append(free, a.Text.AR, a.Text.EN)
	}
	for _, f := range free {
		if contract.LooksPersonal(f) {
			return Answer{Code: contract.CodePersonalData, Message: refusal(l, contract.CodePersonalData)}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	res, err := s.cmd.SendAs(ctx, acc.Name, cmd, a)
	if err != nil {
		s.o.Logger.Warn("console: command", "counter", a.Counter, "command", cmd, "actor", acc.Name, "err", err)
		return Answer{Code: "no_answer", Message: word(l, "no_link")}
	}
	if !res.OK {
		return Answer{Code: res.Code, Message: refusal(l, res.Code)}
	}
	return Answer{OK: true, Message: word(l, "done_ok"), Result: res.Result}
}

func (s *Server) answer(w http.ResponseWriter, ans Answer) {
	w.Header().Set("Content-Type", "application/json")
	if !ans.OK && ans.Code == "no_answer" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(ans)
}

// counterServices is one counter's services for today, as the manager's
// form shows them.
type counterServices struct {
	Number   int
	Label    string
	Override bool // changed for today
	Services []serviceWeight
}

type serviceWeight struct {
	Code, Name string
	Weight     int // 0: not served
}

// hallForm is what the manager's hall form shows.
type hallForm struct {
	Ticker contract.Text
}

// manageData reads what the manager's forms show: each counter's services
// today, the hall's ticker.
func (s *Server) manageData(ctx context.Context, l Lang) ([]counterServices, hallForm) {
	var hall hallForm
	if s.o.Figures == nil {
		return nil, hall
	}
	if t, err := s.o.Figures.Ticker(ctx); err == nil && t != nil {
		hall.Ticker = contract.Text{AR: t.AR, EN: t.EN}
	}
	svcs, err := s.o.Figures.Services(ctx)
	if err != nil {
		return nil, hall
	}
	cs, err := s.o.Figures.CountersToday(ctx)
	if err != nil {
		s.o.Logger.Warn("console: counters today", "err", err)
		return nil, hall
	}
	var out []counterServices
	for _, c := range cs {
		f := counterServices{Number: c.Number, Label: c.Label.In(tl.Lang(l)), Override: c.Override}
		if f.Label == "" {
			f.Label = word(l, "counter") + " " + strconv.Itoa(c.Number)
		}
		weights := map[string]int{}
		for _, x := range c.Services {
			weights[x.Code] = x.Weight
		}
		for _, sv := range svcs {
			f.Services = append(f.Services, serviceWeight{Code: sv.Code, Name: sv.Prefix + " · " + sv.Name.In(tl.Lang(l)), Weight: weights[sv.Code]})
		}
		out = append(out, f)
	}
	return out, hall
}

// Weights are the choices of a service's weight: 0 (not served) to the
// highest.
func (pageData) Weights() []int {
	w := make([]int, contract.MaxWeight+1)
	for i := range w {
		w[i] = i
	}
	return w
}

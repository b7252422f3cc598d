package console

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tabour/mqtt/contract"
)

// The rating page is for a small tablet facing the citizen at a window,
// full screen in a browser signed in for that counter: it shows the
// ticket the counter has just finished, five faces and a few optional
// reasons, so the citizen types nothing. A rating is the command rate on
// the bus, once per ticket.

// rateView is what the rating page shows, live.
type rateView struct {
	Live    bool   `json:"live"`
	Counter int    `json:"counter"`
	Ticket  string `json:"ticket,omitempty"` // the ticket last finished here today
	Rated   bool   `json:"rated"`            // it has been rated
}

func (s *Server) rateView(r *http.Request, n int) rateView {
	v := rateView{Live: s.Live(), Counter: n}
	if s.o.Figures == nil {
		return v
	}
	t, err := s.o.Figures.LastDone(r.Context(), n)
	if err != nil || t.Label == "" {
		return v
	}
	v.Ticket = t.Label
	_, _, rates, err := s.figures(r.Context())
	if err == nil {
		v.Rated = slices.ContainsFunc(rates, func(x Rating) bool { return x.TicketID == t.ID })
	}
	return v
}

func (s *Server) ratePage(w http.ResponseWriter, r *http.Request, acc Account) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	s.render(w, r, "rate", pageData{Account: acc, Counter: n})
}

func (s *Server) rateEvents(w http.ResponseWriter, r *http.Request, acc Account) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	s.stream(w, r, func() any { return s.rateView(r, n) })
}

// rate sends the citizen's rating of the ticket the page showed.
func (s *Server) rate(w http.ResponseWriter, r *http.Request, acc Account) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	l := lang(r)
	score, err := strconv.Atoi(r.PostFormValue("score"))
	if err != nil || score < 1 || score > 5 {
		s.answer(w, Answer{Code: contract.CodeInvalidArgs, Message: refusal(l, contract.CodeInvalidArgs)})
		return
	}
	a := contract.Args{Ticket: strings.TrimSpace(r.PostFormValue("ticket")), Score: score, Reasons: r.PostForm["reason"]}
	s.answer(w, s.send(r.Context(), l, acc, contract.CmdRate, a))
}

// faces are the five faces, worst first, with their colours.
var faces = []struct {
	score int
	color string
	mouth string // the mouth's path in a 100 × 100 face
}{
	{1, "#d73027", "M30 74 Q50 54 70 74"},
	{2, "#fc8d59", "M32 70 Q50 62 68 70"},
	{3, "#fee08b", "M32 68 L68 68"},
	{4, "#91cf60", "M32 64 Q50 74 68 64"},
	{5, "#1a9850", "M28 60 Q50 84 72 60"},
}

// Faces draws the five faces as buttons.
func (pageData) Faces() template.HTML {
	var b strings.Builder
	for _, f := range faces {
		fmt.Fprintf(&b, `<button type="button" class="face" data-score="%d" aria-label="%s / %s"><svg viewBox="0 0 100 100" aria-hidden="true">`+
			`<circle cx="50" cy="50" r="46" fill="%s" stroke="#333" stroke-width="3"/>`+
			`<circle cx="35" cy="40" r="6" fill="#222"/><circle cx="65" cy="40" r="6" fill="#222"/>`+
			`<path d="%s" fill="none" stroke="#222" stroke-width="6" stroke-linecap="round"/></svg>`+
			`<span>%s<br><small>%s</small></span></button>`,
			f.score, word(AR, fmt.Sprintf("face%d", f.score)), word(EN, fmt.Sprintf("face%d", f.score)), f.color, f.mouth,
			word(AR, fmt.Sprintf("face%d", f.score)), word(EN, fmt.Sprintf("face%d", f.score)))
	}
	return template.HTML(b.String()) // nothing in it comes from outside
}

// Reasons are the reason chips: code, Arabic, English.
func (pageData) Reasons() [][3]string {
	var out [][3]string
	for _, code := range contract.RatingReasons {
		out = append(out, [3]string{code, word(AR, "why_"+code), word(EN, "why_"+code)})
	}
	return out
}

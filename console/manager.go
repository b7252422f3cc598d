package console

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"
)

// managerPage is the manager's dashboard: filled in by its script from
// the events, the plots drawn at once.
func (s *Server) managerPage(w http.ResponseWriter, r *http.Request, acc Account) {
	l := lang(r)
	d := pageData{Account: acc, Dash: s.Dashboard(r.Context(), l)}
	if s.o.Figures != nil {
		d.Today = s.o.Figures.Today()
		d.Plots = s.todayPlots(r, l)
		d.CounterServices, d.Hall = s.manageData(r.Context(), l)
	}
	s.render(w, r, "manager", d)
}

func (s *Server) todayPlots(r *http.Request, l Lang) []template.HTML {
	day, err := s.loadDay(r.Context(), s.o.Figures.Today())
	if err != nil {
		s.o.Logger.Warn("console: plots", "err", err)
		return nil
	}
	return day.plots(l)
}

// managerEvents streams the dashboard as server-sent events: at once, on
// every change the bus brings, and every second.
func (s *Server) managerEvents(w http.ResponseWriter, r *http.Request, acc Account) {
	s.stream(w, r, func() any { return s.Dashboard(r.Context(), lang(r)) })
}

// managerPlots sends today's plots, for the dashboard to redraw them.
func (s *Server) managerPlots(w http.ResponseWriter, r *http.Request, acc Account) {
	if s.o.Figures == nil {
		http.Error(w, word(lang(r), "no_figures"), http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	for _, p := range s.todayPlots(r, lang(r)) {
		fmt.Fprintf(w, `<figure class="plot">%s</figure>`, p)
	}
}

// stream sends what next returns as server-sent events, at once, on every
// change and every second, until the browser goes.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, next func() any) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch, stop := s.watch()
	defer stop()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		b, _ := json.Marshal(next())
		if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-ch:
		case <-tick.C:
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// durationWords says a number of seconds as minutes (or hours and
// minutes) in l.
func durationWords(l Lang, secs int64) string {
	m := secs / 60
	if m < 60 {
		return fmt.Sprintf("%d %s", m, word(l, "min"))
	}
	return fmt.Sprintf("%d %s %d %s", m/60, word(l, "hour"), m%60, word(l, "min"))
}

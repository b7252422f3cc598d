package console

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	tl "tabour/lang"
)

// csvHeader are the daily CSV's columns: one row per ticket, no personal
// data (the tickets hold none: no name, no national ID, no phone).
var csvHeader = []string{"ref", "ticket", "service", "state", "priority", "kind", "counter", "issued_at",
	"first_called_at", "called_at", "started_at", "ended_at", "wait_s", "service_s", "recalls", "no_shows",
	"transfers", "call_reason", "rating", "rating_reasons"}

// day is the day a report asks for (?day=YYYY-MM-DD), today by default.
func (s *Server) day(r *http.Request) (string, bool) {
	day := r.URL.Query().Get("day")
	if day == "" {
		return s.o.Figures.Today(), true
	}
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return "", false
	}
	return day, true
}

// reportCSV sends the day's tickets as CSV.
func (s *Server) reportCSV(w http.ResponseWriter, r *http.Request, acc Account) {
	if s.o.Figures == nil {
		http.Error(w, word(lang(r), "no_figures"), http.StatusServiceUnavailable)
		return
	}
	day, ok := s.day(r)
	if !ok {
		http.Error(w, word(lang(r), "bad_day"), http.StatusBadRequest)
		return
	}
	ts, err := s.o.Figures.Tickets(r.Context(), day)
	if err != nil {
		s.o.Logger.Warn("console: csv", "day", day, "err", err)
		http.Error(w, word(lang(r), "no_figures"), http.StatusInternalServerError)
		return
	}
	loc := s.location()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="tabour-%s-%s.csv"`, s.o.Center, day))
	w.Header().Set("Cache-Control", "no-store")
	rs, err := s.o.Figures.Ratings(r.Context(), day)
	if err != nil {
		s.o.Logger.Warn("console: csv", "day", day, "err", err)
		http.Error(w, word(lang(r), "no_figures"), http.StatusInternalServerError)
		return
	}
	rated := map[int64]Rating{}
	for _, x := range rs {
		rated[x.TicketID] = x
	}
	cw := csv.NewWriter(w)
	_ = cw.Write(csvHeader)
	for _, t := range ts {
		row := csvRow(t, loc)
		if x, ok := rated[t.ID]; ok {
			row = append(row, strconv.Itoa(x.Score), strings.Join(x.Reasons, " "))
		} else {
			row = append(row, "", "")
		}
		_ = cw.Write(row)
	}
	cw.Flush()
}

func csvRow(t Ticket, loc *time.Location) []string {
	at := func(x time.Time) string {
		if x.IsZero() {
			return ""
		}
		return x.In(loc).Format(time.RFC3339)
	}
	span := func(a, b time.Time) string {
		if a.IsZero() || b.IsZero() {
			return ""
		}
		return strconv.FormatInt(int64(b.Sub(a)/time.Second), 10)
	}
	counter := ""
	if t.Counter > 0 {
		counter = strconv.Itoa(t.Counter)
	}
	serviceS := ""
	if t.State == TicketDone {
		serviceS = span(t.StartedAt, t.EndedAt)
	}
	return []string{t.Ref, t.Label, t.Service, t.State, t.Priority, t.Kind, counter,
		at(t.IssuedAt), at(t.FirstCalledAt), at(t.CalledAt), at(t.StartedAt), at(t.EndedAt),
		span(t.IssuedAt, t.FirstCalledAt), serviceS, strconv.Itoa(t.Recalls), strconv.Itoa(t.NoShows),
		strconv.Itoa(t.Transfers), t.CallReason}
}

// reportData is what the printable report shows.
type reportData struct {
	Day      string
	Printed  string
	Closed   bool
	Total    reportRow
	Services []reportRow
	Counters []counterReportRow
	Plots    []template.HTML
}

type reportRow struct {
	Name                                 string
	Issued, Called, Served, NoShows      int
	NotStarted, Cancelled, Expired, Open int
	MeanWait, P90Wait, MeanService       string
	WithinTarget, InRange                string
	Rating                               string // "4.2 (12)", "—" if none
}

type counterReportRow struct {
	Label        string
	Served       int
	MeanHandling string
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, acc Account) {
	l := lang(r)
	if s.o.Figures == nil {
		http.Error(w, word(l, "no_figures"), http.StatusServiceUnavailable)
		return
	}
	day, ok := s.day(r)
	if !ok {
		http.Error(w, word(l, "bad_day"), http.StatusBadRequest)
		return
	}
	d, err := s.loadDay(r.Context(), day)
	if err != nil {
		s.o.Logger.Warn("console: report", "day", day, "err", err)
		http.Error(w, word(l, "no_figures"), http.StatusInternalServerError)
		return
	}
	rep := reportData{Day: day, Printed: s.o.Now().In(s.location()).Format("2006-01-02 15:04"), Closed: d.report.Closed,
		Plots: d.plots(l)}
	bySvc, _ := ratingSums(d.ratings)
	var all ratingSum
	for _, x := range bySvc {
		all.n, all.sum = all.n+x.n, all.sum+x.sum
	}
	rep.Total = reportRowOf(d.report.Total, l)
	rep.Total.Name, rep.Total.Rating = word(l, "all_services"), ratingText(all)
	for _, sr := range d.report.Services {
		row := reportRowOf(sr, l)
		row.Name, row.Rating = d.serviceName(sr.Service, l), ratingText(bySvc[sr.Service])
		rep.Services = append(rep.Services, row)
	}
	for _, c := range d.report.Counters {
		label := c.Label.In(tl.Lang(l))
		if label == "" {
			label = fmt.Sprintf("%s %d", word(l, "counter"), c.Number)
		}
		rep.Counters = append(rep.Counters, counterReportRow{Label: label, Served: c.Served, MeanHandling: minSec(c.MeanHandling)})
	}
	s.render(w, r, "report", pageData{Account: acc, Report: &rep})
}

func reportRowOf(sr ServiceReport, l Lang) reportRow {
	row := reportRow{Issued: sr.Issued, Called: sr.Called, Served: sr.Served, NoShows: sr.NoShows,
		NotStarted: sr.NotStarted, Cancelled: sr.Cancelled, Expired: sr.Expired, Open: sr.Open,
		MeanWait: minSec(sr.MeanWait), P90Wait: minSec(sr.P90Wait), MeanService: minSec(sr.MeanServ),
		WithinTarget: "—", InRange: "—"}
	if sr.Called > 0 {
		row.WithinTarget = strconv.Itoa(pct(sr.WithinTarget)) + "%"
	}
	if sr.Promised > 0 {
		row.InRange = strconv.Itoa(pct(sr.InRange)) + "%"
	}
	return row
}

// ratingText writes a mean score and how many: "4.2 (12)".
func ratingText(r ratingSum) string {
	if r.n == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f (%d)", r.mean(), r.n)
}

// minSec writes a duration as m:ss, or h:mm:ss from an hour.
func minSec(d time.Duration) string {
	s := int64(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

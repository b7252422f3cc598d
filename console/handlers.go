package console

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
)

// Cookie names.
const (
	SessionCookie = "tabour_session"
	langCookie    = "tabour_lang"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /signin", s.signinPage)
	m.Handle("POST /signin", s.cop.Handler(http.HandlerFunc(s.signin)))
	m.Handle("POST /lang", s.cop.Handler(http.HandlerFunc(s.setLang)))
	m.Handle("POST /signout", s.cop.Handler(s.signedIn(s.signout)))
	m.Handle("GET /{$}", s.signedIn(s.home))
	m.Handle("GET /counter/{n}", s.signedIn(s.counterOnly(s.counterPage)))
	m.Handle("GET /counter/{n}/events", s.signedIn(s.counterOnly(s.events)))
	m.Handle("POST /counter/{n}/{action}", s.cop.Handler(s.signedIn(s.counterOnly(s.act))))
	m.Handle("GET /rate/{n}", s.signedIn(s.counterOnly(s.ratePage)))
	m.Handle("GET /rate/{n}/events", s.signedIn(s.counterOnly(s.rateEvents)))
	m.Handle("POST /rate/{n}", s.cop.Handler(s.signedIn(s.counterOnly(s.rate))))
	m.Handle("GET /manager", s.signedIn(s.managerOnly(s.managerPage)))
	m.Handle("GET /manager/events", s.signedIn(s.managerOnly(s.managerEvents)))
	m.Handle("GET /manager/plots", s.signedIn(s.managerOnly(s.managerPlots)))
	m.Handle("GET /manager/report", s.signedIn(s.managerOnly(s.reportPage)))
	m.Handle("GET /manager/report.csv", s.signedIn(s.managerOnly(s.reportCSV)))
	m.Handle("POST /manager/do/{action}", s.cop.Handler(s.signedIn(s.managerOnly(s.manage))))
	m.Handle("GET /manager/accounts", s.signedIn(s.managerOnly(s.accountsPage)))
	m.Handle("POST /manager/accounts", s.cop.Handler(s.signedIn(s.managerOnly(s.setAccount))))
	m.Handle("POST /manager/accounts/{name}/reset", s.cop.Handler(s.signedIn(s.managerOnly(s.resetPassword))))
	m.Handle("POST /manager/accounts/{name}/delete", s.cop.Handler(s.signedIn(s.managerOnly(s.deleteAccount))))
	m.Handle("GET /password", s.signedIn(s.passwordPage))
	m.Handle("POST /password", s.cop.Handler(s.signedIn(s.changePassword)))
	m.HandleFunc("GET /static/console.js", script(consoleJS))
	m.HandleFunc("GET /static/dashboard.js", script(dashboardJS))
	m.HandleFunc("GET /static/rate.js", script(rateJS))
	s.mux = http.NewServeMux()
	s.mux.Handle("/", secureHeaders(m))
}

func script(js string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write([]byte(js))
	}
}

func secureHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
		h.ServeHTTP(w, r)
	})
}

// lang is the page's language: the cookie's, Arabic by default.
func lang(r *http.Request) Lang {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == string(EN) {
		return EN
	}
	return AR
}

type ctxHandler func(w http.ResponseWriter, r *http.Request, acc Account)

// signedIn runs h for the session's account, or sends the browser to the
// sign-in page (a page) or answers 401 (anything else).
func (s *Server) signedIn(h ctxHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var acc Account
		ok := false
		if c, err := r.Cookie(SessionCookie); err == nil {
			if name, found := s.sessions.get(c.Value); found {
				acc, ok = s.o.Accounts.Get(name)
			}
		}
		if !ok {
			if r.Method == http.MethodGet && r.Header.Get("Accept") != "text/event-stream" {
				http.Redirect(w, r, "/signin", http.StatusSeeOther)
				return
			}
			http.Error(w, word(lang(r), "signin"), http.StatusUnauthorized)
			return
		}
		h(w, r, acc)
	})
}

// counterOnly runs h only for a counter the account may use.
func (s *Server) counterOnly(h ctxHandler) ctxHandler {
	return func(w http.ResponseWriter, r *http.Request, acc Account) {
		n, err := strconv.Atoi(r.PathValue("n"))
		if err != nil || n <= 0 {
			http.NotFound(w, r)
			return
		}
		if !acc.MayUse(n) {
			http.Error(w, word(lang(r), "forbidden"), http.StatusForbidden)
			return
		}
		h(w, r, acc)
	}
}

// managerOnly runs h only for a manager or a technician.
func (s *Server) managerOnly(h ctxHandler) ctxHandler {
	return func(w http.ResponseWriter, r *http.Request, acc Account) {
		if !acc.Manager() {
			http.Error(w, word(lang(r), "forbidden"), http.StatusForbidden)
			return
		}
		h(w, r, acc)
	}
}

func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "signin", pageData{Error: r.URL.Query().Get("e")})
}

func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	acc, err := s.o.Accounts.SignIn(r.PostFormValue("name"), r.PostFormValue("password"))
	if err != nil {
		code, status := "bad_signin", http.StatusUnauthorized
		switch {
		case errors.Is(err, ErrLocked):
			code = "locked"
		case errors.Is(err, ErrBusy):
			code, status = "busy", http.StatusServiceUnavailable
		}
		w.WriteHeader(status)
		s.render(w, r, "signin", pageData{Error: code})
		return
	}
	// A browser-session cookie: the session's expiry is kept on the
	// server, by its own clock.
	token := s.sessions.create(acc.Name)
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/",
		HttpOnly: true, Secure: s.o.Secure, SameSite: http.SameSiteStrictMode})
	s.o.Logger.Info("console: signed in", "name", acc.Name, "role", acc.Role)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request, acc Account) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		s.sessions.end(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.o.Secure, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	v := string(AR)
	if r.PostFormValue("lang") == string(EN) {
		v = string(EN)
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: v, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true,
		Secure: s.o.Secure, SameSite: http.SameSiteStrictMode})
	back := r.PostFormValue("back")
	if back == "" || back[0] != '/' || len(back) > 1 && (back[1] == '/' || back[1] == '\\') {
		back = "/"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func (s *Server) home(w http.ResponseWriter, r *http.Request, acc Account) {
	var ns []int
	for _, n := range s.counters() {
		if acc.MayUse(n) {
			ns = append(ns, n)
		}
	}
	for _, n := range acc.Counters { // a clerk's counters, even before the bus told of them
		if !slices.Contains(ns, n) {
			ns = append(ns, n)
		}
	}
	slices.Sort(ns)
	if acc.Role == RoleClerk && len(ns) == 1 {
		http.Redirect(w, r, fmt.Sprintf("/counter/%d", ns[0]), http.StatusSeeOther)
		return
	}
	s.render(w, r, "home", pageData{Account: acc, Counters: ns})
}

func (s *Server) counterPage(w http.ResponseWriter, r *http.Request, acc Account) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	s.render(w, r, "counter", pageData{Account: acc, Counter: n, View: s.waited(r.Context(), s.view(n))})
}

// events streams counter n's view as server-sent events.
func (s *Server) events(w http.ResponseWriter, r *http.Request, acc Account) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	s.stream(w, r, func() any { return s.waited(r.Context(), s.view(n)) })
}

// act runs one action for the counter and answers it in JSON.
func (s *Server) act(w http.ResponseWriter, r *http.Request, acc Account) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.answer(w, s.do(r.Context(), lang(r), acc, n, r.PathValue("action"), r))
}

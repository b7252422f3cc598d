package console

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinPassword is the shortest password a person may choose.
const MinPassword = 10

// accountsPage lists the accounts, with the forms that change them.
func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request, acc Account) {
	s.render(w, r, "accounts", pageData{Account: acc, Accounts: s.o.Accounts.List(), Counters: s.counters()})
}

// setAccount adds an account or changes one's role and counters; a new
// account gets a random password, shown once.
func (s *Server) setAccount(w http.ResponseWriter, r *http.Request, acc Account) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	l := lang(r)
	name := strings.TrimSpace(r.PostFormValue("name"))
	a := Account{Name: name, Role: Role(r.PostFormValue("role"))}
	var err error
	if a.Counters, err = parseCounters(r.PostFormValue("counters")); err != nil {
		s.accountAnswer(w, r, acc, http.StatusBadRequest, word(l, "bad_counters"), "", "")
		return
	}
	if name == acc.Name && a.Role != acc.Role {
		s.accountAnswer(w, r, acc, http.StatusBadRequest, word(l, "not_yourself"), "", "")
		return
	}
	password := ""
	if _, exists := s.o.Accounts.Get(name); !exists {
		password = NewPassword()
	}
	if err := s.o.Accounts.Set(a, password); err != nil {
		s.accountAnswer(w, r, acc, http.StatusBadRequest, accountRefusal(l, err), "", "")
		return
	}
	s.o.Logger.Info("console: account set", "name", a.Name, "role", a.Role, "counters", a.Counters, "by", acc.Name)
	s.accountAnswer(w, r, acc, http.StatusOK, word(l, "saved"), a.Name, password)
}

// MaxCounter is the highest counter number an account may name.
const MaxCounter = 999

// parseCounters reads a clerk's counters as typed: numbers separated by
// commas (Latin or Arabic) or spaces, in Western or Arabic-Indic digits
// (an Arabic keyboard types "٣"), each 1 to MaxCounter; it returns them
// sorted, once each.
func parseCounters(s string) ([]int, error) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '،' || unicode.IsSpace(r) }) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 || n > MaxCounter {
			return nil, fmt.Errorf("console: counter %q: a number from 1 to %d", f, MaxCounter)
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, nil
}

// resetPassword gives an account a new random password, shown once, and
// ends its sessions.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request, acc Account) {
	l := lang(r)
	a, ok := s.o.Accounts.Get(r.PathValue("name"))
	if !ok {
		s.accountAnswer(w, r, acc, http.StatusNotFound, word(l, "no_account"), "", "")
		return
	}
	password := NewPassword()
	if err := s.o.Accounts.Set(a, password); err != nil {
		s.accountAnswer(w, r, acc, http.StatusBadRequest, accountRefusal(l, err), "", "")
		return
	}
	s.sessions.endAll(a.Name)
	s.o.Logger.Info("console: password reset", "name", a.Name, "by", acc.Name)
	s.accountAnswer(w, r, acc, http.StatusOK, word(l, "saved"), a.Name, password)
}

// deleteAccount removes an account and ends its sessions.
func (s *Server) deleteAccount(w http.ResponseWriter, r *http.Request, acc Account) {
	l := lang(r)
	name := r.PathValue("name")
	if name == acc.Name {
		s.accountAnswer(w, r, acc, http.StatusBadRequest, word(l, "not_yourself"), "", "")
		return
	}
	if err := s.o.Accounts.Delete(name); err != nil {
		s.accountAnswer(w, r, acc, http.StatusBadRequest, accountRefusal(l, err), "", "")
		return
	}
	s.sessions.endAll(name)
	s.o.Logger.Info("console: account removed", "name", name, "by", acc.Name)
	s.accountAnswer(w, r, acc, http.StatusOK, word(l, "removed"), "", "")
}

func (s *Server) accountAnswer(w http.ResponseWriter, r *http.Request, acc Account, status int, msg, name, password string) {
	w.WriteHeader(status)
	s.render(w, r, "accounts", pageData{Account: acc, Accounts: s.o.Accounts.List(), Counters: s.counters(),
		Message: msg, Bad: status != http.StatusOK, NewName: name, NewPassword: password})
}

func accountRefusal(l Lang, err error) string {
	if errors.Is(err, ErrLastManager) {
		return word(l, "last_manager")
	}
	return word(l, "bad_account")
}

// passwordPage lets anyone signed in change their own password.
func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request, acc Account) {
	s.render(w, r, "password", pageData{Account: acc})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, acc Account) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	l := lang(r)
	answer := func(status int, key string) {
		w.WriteHeader(status)
		s.render(w, r, "password", pageData{Account: acc, Message: word(l, key), Bad: status != http.StatusOK})
	}
	old, pw := r.PostFormValue("old"), r.PostFormValue("new")
	switch {
	case pw != r.PostFormValue("again"):
		answer(http.StatusBadRequest, "pw_mismatch")
		return
	case utf8.RuneCountInString(pw) < MinPassword || len(pw) > 256:
		answer(http.StatusBadRequest, "pw_short")
		return
	}
	if _, err := s.o.Accounts.SignIn(acc.Name, old); err != nil {
		if errors.Is(err, ErrBusy) {
			answer(http.StatusServiceUnavailable, "busy")
			return
		}
		answer(http.StatusUnauthorized, "bad_signin")
		return
	}
	if err := s.o.Accounts.Set(acc, pw); err != nil {
		answer(http.StatusInternalServerError, "bad_account")
		return
	}
	token := ""
	if c, err := r.Cookie(SessionCookie); err == nil {
		token = c.Value
	}
	s.sessions.endAllBut(acc.Name, token) // elsewhere, the old password's sessions end
	s.o.Logger.Info("console: password changed", "name", acc.Name)
	answer(http.StatusOK, "saved")
}

package console

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"tabour/mqtt/contract"
)

// pageData is what the templates see.
type pageData struct {
	Lang     Lang
	Path     string
	Account  Account
	Error    string
	Counters []int
	Counter  int
	View     view
	Dash     Dashboard
	Today    string
	Plots    []template.HTML
	Report   *reportData
	Accounts []Account
	// the manager's forms
	CounterServices []counterServices
	Hall            hallForm
	// Message answers a form; Bad: a refusal.
	Message string
	Bad     bool
	// NewName's NewPassword is shown once.
	NewName, NewPassword string
}

// Roles are the roles an account may have.
func (pageData) Roles() []Role { return []Role{RoleClerk, RoleManager, RoleTechnician} }

// Join writes counters as "1, 2".
func (pageData) Join(ns []int) string {
	var b strings.Builder
	for i, n := range ns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// Args of the forms' choices.
func (pageData) PauseReasons() []string { return contract.PauseReasons }
func (pageData) CallReasons() []string  { return contract.CallReasons }

// ServiceName is a service's name in the page's language.
func (d pageData) ServiceName(q contract.Queue) string {
	if q.Name != nil {
		if d.Lang == EN && q.Name.EN != "" {
			return q.Name.EN
		}
		if q.Name.AR != "" {
			return q.Name.AR
		}
	}
	return q.Service
}

// T says key in the page's language.
func (d pageData) T(key string) string { return word(d.Lang, key) }

// Other is the language the toggle switches to.
func (d pageData) Other() Lang {
	if d.Lang == EN {
		return AR
	}
	return EN
}

// Dir is the page's writing direction.
func (d pageData) Dir() string { return d.Lang.dir() }

// render writes page name.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, d pageData) {
	d.Lang, d.Path = lang(r), r.URL.Path
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := pages.ExecuteTemplate(w, name, d); err != nil {
		s.o.Logger.Error("console: page", "page", name, "err", err)
	}
}

var pages = template.Must(template.New("").Parse(`
{{define "head"}}<!doctype html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.T "title"}}</title>
<style>
body{font-family:"Noto Sans Arabic","Noto Sans",system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
header{display:flex;gap:1rem;align-items:center;padding-block:.5rem;padding-inline:1rem;background:#0b5394;color:#fff}
header .grow{flex:1}
header form{display:inline;margin:0}
header a.me{color:#fff}
main{padding:1rem;max-inline-size:70rem;margin-inline:auto}
button{font:inherit;padding-block:.5rem;padding-inline:1rem;border-radius:.4rem;border:1px solid #999;background:#fff;cursor:pointer}
button.main{background:#0b5394;color:#fff;border-color:#0b5394}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-block:1rem}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin-block-end:1rem;box-shadow:0 1px 3px #0002}
.ticket{font-size:3rem;font-weight:bold}
.link{padding:.5rem 1rem;border-radius:.4rem;margin-block-end:1rem}
.link.live{background:#d9ead3}.link.down{background:#f4cccc;font-weight:bold}
.msg{min-block-size:1.5rem;font-weight:bold}.msg.bad{color:#990000}.msg.good{color:#274e13}
table{border-collapse:collapse;inline-size:100%}th,td{text-align:start;padding:.3rem .6rem;border-block-end:1px solid #ddd}
kbd{border:1px solid #aaa;border-radius:.2rem;padding-inline:.3rem;font-size:.8em}
label{display:inline-block;margin-inline-end:.5rem}
form.inline{display:inline}
form[data-action]{margin-block:.6rem}
form.services{display:block;padding-block:.4rem;border-block-end:1px solid #eee}form.services label{margin-inline-start:.8rem}
table.figures td.n{text-align:end;font-variant-numeric:tabular-nums}
tr.breach td{background:#f4cccc;font-weight:bold}
.alarm{padding:.4rem .8rem;border-radius:.4rem;margin-block:.3rem;background:#fff2cc}.alarm.bad{background:#f4cccc;font-weight:bold}
.plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(30rem,1fr));gap:1rem}
.plot{margin:0}.plot svg{inline-size:100%;block-size:auto}
</style></head><body>
<header><span class="grow">{{.T "title"}}</span>
<form method="post" action="/lang"><input type="hidden" name="lang" value="{{.Other}}"><input type="hidden" name="back" value="{{.Path}}"><button type="submit">{{.T "language"}}</button></form>
{{if .Account.Name}}<a class="me" href="/password" title="{{.T "change_pw"}}">{{.Account.Name}}</a><form method="post" action="/signout"><button type="submit">{{.T "signout"}}</button></form>{{end}}
</header><main>{{end}}

{{define "foot"}}</main></body></html>{{end}}

{{define "signin"}}{{template "head" .}}
<div class="card"><h1>{{.T "signin"}}</h1>
{{if .Error}}<p class="msg bad" role="alert">{{.T .Error}}</p>{{end}}
<form method="post" action="/signin">
<p><label>{{.T "name"}} <input name="name" autocomplete="username" required autofocus></label></p>
<p><label>{{.T "password"}} <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button class="main" type="submit">{{.T "signin"}}</button></p>
</form></div>
{{template "foot" .}}{{end}}

{{define "home"}}{{template "head" .}}
<div class="card"><h1>{{.T "counters"}}</h1>
{{range .Counters}}<p><a href="/counter/{{.}}">{{$.T "counter"}} {{.}}</a></p>{{else}}<p>{{.T "no_counters"}}</p>{{end}}
{{if .Account.Manager}}<p><a href="/manager">{{.T "manager"}}</a></p>{{end}}
</div>
{{template "foot" .}}{{end}}

{{define "manager"}}{{template "head" .}}
<div id="dashboard" data-lang="{{.Lang}}">
<div id="link" class="link {{if .Dash.Live}}live{{else}}down{{end}}" role="status">{{if .Dash.Live}}{{.T "live"}}{{else}}{{.T "down"}}{{end}}</div>
<div class="card"><h1>{{.T "manager"}} — {{.Today}} <small id="asof">{{.Dash.AsOf}}</small></h1>
<p class="tools"><a href="/manager/accounts">{{.T "accounts"}}</a> · <a href="/manager/report">{{.T "report_today"}}</a> · <a href="/manager/report.csv">{{.T "csv_today"}}</a>
<form method="get" action="/manager/report" class="inline"><label>{{.T "report_day"}} <input type="date" name="day" value="{{.Today}}" required></label> <button type="submit">{{.T "show"}}</button></form></p>
<div id="alarms" role="alert" aria-live="polite"></div>
{{if .Dash.Error}}<p class="msg bad">{{.Dash.Error}}</p>{{end}}
</div>
<div class="card"><h2>{{.T "services"}}</h2>
<table class="figures"><thead><tr><th>{{.T "service"}}</th><th>{{.T "waiting"}}</th><th>{{.T "longest"}}</th><th>{{.T "estimate"}}</th><th>{{.T "served"}}</th><th>{{.T "mean_wait"}}</th><th>{{.T "mean_service"}}</th><th>{{.T "within_target"}}</th><th>{{.T "no_show_rate"}}</th><th>{{.T "rating"}}</th></tr></thead>
<tbody id="services"></tbody></table></div>
<div class="card"><h2>{{.T "counters"}}</h2>
<p id="msg" class="msg" role="alert" aria-live="assertive"></p>
<table class="figures"><thead><tr><th>{{.T "counter"}}</th><th>{{.T "state"}}</th><th>{{.T "current"}}</th><th>{{.T "served_n"}}</th><th>{{.T "idle_for"}}</th><th>{{.T "rating"}}</th><th>{{.T "actions"}}</th></tr></thead>
<tbody id="counters"></tbody></table></div>
<div class="card"><h2>{{.T "hall"}}</h2>
<form data-action="ticker"><p><label>{{.T "ticker_ar"}} <input name="text_ar" size="50" maxlength="200" dir="rtl" value="{{.Hall.Ticker.AR}}"></label></p>
<p><label>{{.T "ticker_en"}} <input name="text_en" size="50" maxlength="200" dir="ltr" value="{{.Hall.Ticker.EN}}"></label>
<button type="submit">{{.T "set_ticker"}}</button></p></form>
<form data-action="announce"><p><label>{{.T "announce_ar"}} <input name="text_ar" size="50" maxlength="200" dir="rtl"></label></p>
<p><label>{{.T "announce_en"}} <input name="text_en" size="50" maxlength="200" dir="ltr"></label>
<button class="main" type="submit">{{.T "announce"}}</button></p></form></div>
{{if .CounterServices}}<div class="card"><h2>{{.T "services_today"}}</h2><p>{{.T "weights_help"}}</p>
{{range .CounterServices}}<form data-action="services" class="services"><input type="hidden" name="counter" value="{{.Number}}"><b>{{.Label}}</b>{{if .Override}} <small>({{$.T "changed_today"}})</small>{{end}}
{{range .Services}}<label>{{.Name}} <select name="w_{{.Code}}">{{$w := .Weight}}{{range $.Weights}}<option value="{{.}}"{{if eq . $w}} selected{{end}}>{{if eq . 0}}—{{else}}{{.}}{{end}}</option>{{end}}</select></label>{{end}}
<button type="submit">{{$.T "save"}}</button></form>{{end}}</div>{{end}}
<div class="card"><h2>{{.T "plots"}}</h2><div id="plots" class="plots">{{range .Plots}}<figure class="plot">{{.}}</figure>{{end}}</div></div>
<script id="words" type="application/json">{{.Words}}</script>
</div>
<script src="/static/dashboard.js"></script>
{{template "foot" .}}{{end}}

{{define "msg"}}{{if .Message}}<p class="msg {{if .Bad}}bad{{else}}good{{end}}" role="alert">{{.Message}}</p>{{end}}{{end}}

{{define "accounts"}}{{template "head" .}}
<div class="card"><h1>{{.T "accounts"}}</h1><p><a href="/manager">{{.T "manager"}}</a></p>
{{template "msg" .}}
{{if .NewPassword}}<p class="newpw" role="status">{{.T "new_pw_for"}} <b>{{.NewName}}</b>: <code id="newpw" dir="ltr">{{.NewPassword}}</code> — {{.T "shown_once"}}</p>{{end}}
<table><thead><tr><th>{{.T "name"}}</th><th>{{.T "role"}}</th><th>{{.T "counters"}}</th><th></th></tr></thead><tbody>
{{range .Accounts}}<tr data-account="{{.Name}}"><td>{{.Name}}</td><td>{{$.T (printf "role_%s" .Role)}}</td><td>{{if eq .Role "clerk"}}{{$.Join .Counters}}{{else}}{{$.T "all"}}{{end}}</td>
<td><form method="post" action="/manager/accounts/{{.Name}}/reset" class="inline"><button type="submit">{{$.T "reset_pw"}}</button></form>
{{if ne .Name $.Account.Name}}<form method="post" action="/manager/accounts/{{.Name}}/delete" class="inline"><button type="submit">{{$.T "remove"}}</button></form>{{end}}</td></tr>{{end}}
</tbody></table></div>
<div class="card"><h2>{{.T "add_account"}}</h2>
<form method="post" action="/manager/accounts">
<p><label>{{.T "name"}} <input name="name" required maxlength="64"></label>
<label>{{.T "role"}} <select name="role">{{range .Roles}}<option value="{{.}}">{{$.T (printf "role_%s" .)}}</option>{{end}}</select></label>
<label>{{.T "counters_of_clerk"}} <input name="counters" size="10" inputmode="numeric" placeholder="1, 2"></label>
<button class="main" type="submit">{{.T "save"}}</button></p></form></div>
{{template "foot" .}}{{end}}

{{define "password"}}{{template "head" .}}
<div class="card"><h1>{{.T "change_pw"}}</h1>
{{template "msg" .}}
<form method="post" action="/password">
<p><label>{{.T "old_pw"}} <input name="old" type="password" autocomplete="current-password" required></label></p>
<p><label>{{.T "new_pw"}} <input name="new" type="password" autocomplete="new-password" required minlength="10"></label></p>
<p><label>{{.T "again_pw"}} <input name="again" type="password" autocomplete="new-password" required minlength="10"></label></p>
<p><button class="main" type="submit">{{.T "save"}}</button> <a href="/">{{.T "back"}}</a></p>
</form></div>
{{template "foot" .}}{{end}}

{{define "rate"}}<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.T "rate_page"}}</title>
<style>
html,body{margin:0;block-size:100%;font-family:"Noto Sans Arabic","Noto Sans",system-ui,sans-serif;background:#f4f5f7;color:#1b1f24}
#rate{display:flex;flex-direction:column;align-items:center;justify-content:center;min-block-size:100vh;gap:1.2rem;padding:1rem;box-sizing:border-box;text-align:center}
h1{font-size:2.2rem;margin:0}h1 small{display:block;font-size:1.4rem;font-weight:normal;color:#444}
.ticket{font-size:3rem;font-weight:bold;direction:ltr}
.faces{display:flex;gap:1rem;flex-wrap:wrap;justify-content:center}
button.face{background:#fff;border:4px solid transparent;border-radius:1rem;padding:.6rem;inline-size:9rem;cursor:pointer;font:inherit}
button.face svg{inline-size:7rem;block-size:7rem}button.face span{display:block;font-size:1.2rem}
button.face.chosen{border-color:#0b5394;background:#e8f0fb}
.chips{display:flex;gap:.6rem;flex-wrap:wrap;justify-content:center;max-inline-size:50rem}
.chips button{font:inherit;font-size:1.1rem;padding:.6rem 1rem;border-radius:2rem;border:2px solid #999;background:#fff;min-block-size:3.5rem}
.chips button.on{background:#0b5394;color:#fff;border-color:#0b5394}
#send{font:inherit;font-size:1.6rem;padding:.8rem 3rem;border-radius:.8rem;border:0;background:#0b5394;color:#fff;min-block-size:4rem}
#send:disabled{background:#999}
.hidden{display:none!important}
#link.down{background:#f4cccc;padding:.5rem 1rem;border-radius:.4rem;font-weight:bold}
#msg{font-size:1.3rem;font-weight:bold;color:#990000;min-block-size:1.5rem}
</style></head><body>
<div id="rate" data-counter="{{.Counter}}">
<p id="link" class="hidden" role="status">{{.T "down"}}</p>
<div id="ask" class="hidden">
<h1>كيف كانت خدمتك؟<small lang="en" dir="ltr">How was your service?</small></h1>
<p>تذكرة / Ticket <span class="ticket" id="ticket"></span></p>
<div class="faces">{{.Faces}}</div>
<p id="why" class="hidden">لماذا؟ (اختياري) / Why? (optional)</p>
<div class="chips hidden" id="chips">{{range .Reasons}}<button type="button" data-reason="{{index . 0}}">{{index . 1}} · <span lang="en">{{index . 2}}</span></button>{{end}}</div>
<button id="send" type="button" disabled>إرسال · Send</button>
<p id="msg" role="alert"></p>
</div>
<div id="thanks" class="hidden"><h1>شكرًا لك<small lang="en" dir="ltr">Thank you</small></h1></div>
<div id="idle"><h1>في انتظار المواطن التالي<small lang="en" dir="ltr">Waiting for the next citizen</small></h1></div>
</div>
<script src="/static/rate.js"></script>
</body></html>{{end}}

{{define "report"}}<!doctype html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head><meta charset="utf-8"><title>{{.T "report"}} {{.Report.Day}}</title>
<style>
@page{size:A4;margin:12mm}
body{font-family:"Noto Sans Arabic","Noto Sans",system-ui,sans-serif;margin:0 auto;max-inline-size:186mm;color:#000;font-size:10.5pt}
h1{font-size:16pt;margin-block:0 .3rem}h2{font-size:12pt;margin-block:1rem .3rem}
table{border-collapse:collapse;inline-size:100%;font-size:9.5pt}th,td{text-align:start;padding:.15rem .35rem;border-block-end:1px solid #bbb}
td.n,th.n{text-align:end;font-variant-numeric:tabular-nums}
.meta{color:#333}.plots{display:grid;grid-template-columns:1fr 1fr;gap:4mm}
.plot svg{inline-size:100%;block-size:auto}figure{margin:0;break-inside:avoid}
.noprint{margin-block:.5rem}@media print{.noprint{display:none}}
</style></head><body>
<p class="noprint"><a href="/manager">{{.T "manager"}}</a> · <a href="/manager/report.csv?day={{.Report.Day}}">CSV</a></p>
<h1>{{.T "report"}} — {{.Report.Day}}</h1>
<p class="meta">{{.T "printed"}} {{.Report.Printed}} · {{if .Report.Closed}}{{.T "day_closed"}}{{else}}{{.T "day_open"}}{{end}}</p>
<h2>{{.T "services"}}</h2>
<table><thead><tr><th>{{.T "service"}}</th><th class="n">{{.T "issued"}}</th><th class="n">{{.T "served_n"}}</th><th class="n">{{.T "no_show"}}</th><th class="n">{{.T "cancelled"}}</th><th class="n">{{.T "expired"}}</th><th class="n">{{.T "mean_wait"}}</th><th class="n">{{.T "p90_wait"}}</th><th class="n">{{.T "within_target"}}</th><th class="n">{{.T "mean_service"}}</th><th class="n">{{.T "in_range"}}</th><th class="n">{{.T "rating"}}</th></tr></thead><tbody>
{{range .Report.Services}}{{template "reportrow" .}}{{end}}
{{with .Report.Total}}<tr style="font-weight:bold">{{template "reportcells" .}}</tr>{{end}}
</tbody></table>
<h2>{{.T "counters"}}</h2>
<table><thead><tr><th>{{.T "counter"}}</th><th class="n">{{.T "served_n"}}</th><th class="n">{{.T "mean_handling"}}</th></tr></thead><tbody>
{{range .Report.Counters}}<tr><td>{{.Label}}</td><td class="n">{{.Served}}</td><td class="n">{{.MeanHandling}}</td></tr>{{end}}
</tbody></table>
<h2>{{.T "plots"}}</h2>
<div class="plots">{{range .Report.Plots}}<figure class="plot">{{.}}</figure>{{end}}</div>
</body></html>{{end}}
{{define "reportrow"}}<tr>{{template "reportcells" .}}</tr>{{end}}
{{define "reportcells"}}<td>{{.Name}}</td><td class="n">{{.Issued}}</td><td class="n">{{.Served}}</td><td class="n">{{.NoShows}}</td><td class="n">{{.Cancelled}}</td><td class="n">{{.Expired}}</td><td class="n">{{.MeanWait}}</td><td class="n">{{.P90Wait}}</td><td class="n">{{.WithinTarget}}</td><td class="n">{{.MeanService}}</td><td class="n">{{.InRange}}</td><td class="n">{{.Rating}}</td>{{end}}

{{define "counter"}}{{template "head" .}}
<div id="console" data-counter="{{.Counter}}" data-lang="{{.Lang}}">
<div id="link" class="link {{if .View.Live}}live{{else}}down{{end}}" role="status">{{if .View.Live}}{{.T "live"}}{{else}}{{.T "down"}}{{end}}</div>
<div class="card"><h1>{{.T "counter"}} {{.Counter}} — <span id="cstate">{{.T .View.Serving.CounterState}}</span></h1>
<div>{{.T "current"}}: <span class="ticket" id="ticket">{{if .View.Serving.Ticket}}{{.View.Serving.Ticket}}{{else}}{{.T "none"}}{{end}}</span></div>
<div>{{.T "state"}}: <span id="tstate">{{.T .View.Serving.State}}</span> · {{.T "since"}}: <span id="since">—</span> · {{.T "waited"}}: <span id="waited">—</span> · {{.T "why"}}: <span id="why">—</span></div>
<p id="msg" class="msg" role="alert" aria-live="assertive"></p>
<p><a href="/rate/{{.Counter}}" target="_blank">{{.T "rate_page"}}</a></p>
<div class="actions">
<button class="main" data-action="next">{{.T "next"}} <kbd>N</kbd></button>
<button data-action="recall">{{.T "recall"}} <kbd>R</kbd></button>
<button data-action="start">{{.T "start"}} <kbd>S</kbd></button>
<button data-action="done">{{.T "done"}} <kbd>D</kbd></button>
<button data-action="no_show">{{.T "no_show"}} <kbd>X</kbd></button>
<button data-action="hold">{{.T "hold"}} <kbd>H</kbd></button>
<button data-action="resume">{{.T "resume"}} <kbd>U</kbd></button>
<button data-action="close">{{.T "close"}} <kbd>Q</kbd></button>
</div>
<form data-action="pause"><label>{{.T "reason"}} <select name="reason">{{range .PauseReasons}}<option value="{{.}}">{{$.T (printf "r_%s" .)}}</option>{{end}}</select></label>
<button type="submit">{{.T "pause"}} <kbd>P</kbd></button></form>
<form data-action="transfer"><label>{{.T "to_service"}} <select name="to_service"><option value="">—</option>{{range .View.Queues}}<option value="{{.Service}}">{{$.ServiceName .}}</option>{{end}}</select></label><label>{{.T "to_counter"}} <input name="to_counter" size="3" inputmode="numeric"></label>
<button type="submit">{{.T "transfer"}} <kbd>T</kbd></button></form>
<form data-action="call"><label>{{.T "ticket"}} <input name="ticket" size="6" required></label><label>{{.T "reason"}} <select name="reason">{{range .CallReasons}}<option value="{{.}}">{{$.T (printf "r_%s" .)}}</option>{{end}}</select></label>
<button type="submit">{{.T "call"}} <kbd>C</kbd></button></form>
<form data-action="return"><label>{{.T "ticket"}} <input name="ticket" size="6" required></label>
<button type="submit">{{.T "return"}} <kbd>B</kbd></button></form>
</div>
<div class="card"><h2>{{.T "queue"}}</h2>
<table><thead><tr><th>{{.T "service"}}</th><th>{{.T "waiting"}}</th><th>{{.T "longest"}}</th><th>{{.T "served"}}</th></tr></thead><tbody id="queues"></tbody></table></div>
<script id="words" type="application/json">{{.Words}}</script>
</div>
<script src="/static/console.js"></script>
{{template "foot" .}}{{end}}
`))

// Words are the strings the page's script needs, in its language.
func (d pageData) Words() map[string]string {
	m := map[string]string{}
	for _, k := range []string{"live", "down", "none", "called", "serving", "idle", "open", "paused", "closed",
		"w_fifo", "w_overdue", "w_manual", "w_priority", "w_appointment", "no_link", "unknown", "no_alarms", "counter",
		"close", "open_counter",
		"r_break", "r_prayer", "r_meeting", "r_system", "r_other"} {
		m[k] = word(d.Lang, k)
	}
	return m
}

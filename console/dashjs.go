package console

// dashboardJS is the manager's dashboard script: the live figures by
// server-sent events, the plots redrawn every minute.
const dashboardJS = `"use strict";
(function () {
  var root = document.getElementById("dashboard");
  if (!root) return;
  var words = JSON.parse(document.getElementById("words").textContent);
  function w(k) { return words[k] || k; }
  function $(id) { return document.getElementById(id); }
  function dur(s) {
    if (s === null || s === undefined) return "—";
    if (s < 0) s = 0;
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    var ms = (r < 10 ? "0" : "") + r;
    return h ? h + ":" + (m < 10 ? "0" : "") + m + ":" + ms : m + ":" + ms;
  }
  function rating(x) { return x.ratings ? x.rating_mean.toFixed(1) + " (" + x.ratings + ")" : "—"; }
  function row(cells, cls) {
    var tr = document.createElement("tr");
    if (cls) tr.className = cls;
    cells.forEach(function (c, i) {
      var td = document.createElement("td");
      td.textContent = c;
      if (i > 0) td.className = "n";
      tr.appendChild(td);
    });
    return tr;
  }
  function link(live) {
    var l = $("link");
    l.className = "link " + (live ? "live" : "down");
    l.textContent = live ? w("live") : w("down");
  }
  function show(d) {
    link(d.live);
    $("asof").textContent = d.as_of;
    var tb = $("services");
    tb.textContent = "";
    (d.services || []).forEach(function (s) {
      var tr = row([(s.prefix ? s.prefix + " · " : "") + s.name, s.waiting, dur(s.longest_wait_s),
        s.estimate_s === null ? w("unknown") : dur(s.estimate_s), s.served, dur(s.mean_wait_s),
        dur(s.mean_service_s), s.called ? s.within_target_pct + "%" : "—", s.called ? s.no_show_pct + "%" : "—",
        rating(s)],
        s.breach ? "breach" : "");
      tr.dataset.service = s.service;
      tb.appendChild(tr);
    });
    tb = $("counters");
    tb.textContent = "";
    (d.counters || []).forEach(function (c) {
      var st = w(c.state) + (c.reason ? " (" + w("r_" + c.reason) + ")" : "");
      var cur = c.current ? c.current + " · " + w(c.current_state) : "—";
      var tr = row([c.label || (w("counter") + " " + c.number), st, cur, c.served, c.idle_s === null ? "—" : dur(c.idle_s), rating(c)]);
      tr.dataset.counter = c.number;
      var td = document.createElement("td");
      (c.state === "open" ? ["close"] : ["resume"]).forEach(function (a) {
        var b = document.createElement("button");
        b.dataset.action = a;
        b.dataset.counter = c.number;
        b.textContent = w(a === "resume" ? "open_counter" : "close");
        td.appendChild(b);
      });
      tr.appendChild(td);
      tb.appendChild(tr);
    });
    var al = $("alarms");
    al.textContent = "";
    (d.alarms || []).forEach(function (a) {
      var p = document.createElement("p");
      p.className = "alarm" + (a.bad ? " bad" : "");
      p.dataset.alarm = a.key;
      p.textContent = a.text;
      al.appendChild(p);
    });
  }
  function say(ok, text) {
    var m = $("msg");
    m.className = "msg " + (ok ? "good" : "bad");
    m.textContent = text;
  }
  // a form or button with data-action sends it: to a counter's commands
  // (data-counter) or to the manager's (/manager/do/ACTION)
  function send(action, counter, form) {
    var body = new URLSearchParams(form ? new FormData(form) : undefined);
    var url = counter ? "/counter/" + counter + "/" + action : "/manager/do/" + action;
    fetch(url, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) {
        if (r.status === 401) { location.href = "/signin"; return null; }
        return r.json();
      })
      .then(function (a) { if (a) say(a.ok, a.message); })
      .catch(function () { say(false, w("no_link")); });
  }
  root.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-action]");
    if (b && !b.form) send(b.dataset.action, b.dataset.counter);
  });
  document.querySelectorAll("form[data-action]").forEach(function (f) {
    f.addEventListener("submit", function (e) { e.preventDefault(); send(f.dataset.action, f.dataset.counter, f); });
  });
  var es = new EventSource("/manager/events");
  es.onmessage = function (e) { show(JSON.parse(e.data)); };
  es.onerror = function () { link(false); };
  setInterval(function () {
    fetch("/manager/plots", {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (t) { if (t !== null) $("plots").innerHTML = t; })
      .catch(function () {});
  }, 60000);
})();
`

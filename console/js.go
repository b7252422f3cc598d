package console

// consoleJS is the counter page's script: live updates by server-sent
// events, the actions by fetch, the keyboard shortcuts.
const consoleJS = `"use strict";
(function () {
  var root = document.getElementById("console");
  if (!root) return;
  var n = root.dataset.counter;
  var words = JSON.parse(document.getElementById("words").textContent);
  function w(k) { return words[k] || k; }
  function $(id) { return document.getElementById(id); }
  function dur(s) {
    if (s < 0) s = 0;
    var m = Math.floor(s / 60), r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  function show(v) {
    var link = $("link");
    link.className = "link " + (v.live ? "live" : "down");
    link.textContent = v.live ? w("live") : w("down");
    var s = v.serving || {};
    $("ticket").textContent = s.ticket || w("none");
    $("tstate").textContent = w(s.state || "idle");
    $("cstate").textContent = w(s.counter_state || "closed");
    $("since").textContent = s.since ? dur(v.since_s) : "—";
    $("waited").textContent = v.waited_s !== undefined ? dur(v.waited_s) : "—";
    $("why").textContent = v.why ? w("w_" + v.why) : "—";
    var tb = $("queues");
    tb.textContent = "";
    (v.queues || []).forEach(function (q) {
      var tr = document.createElement("tr");
      var name = q.name ? (root.dataset.lang === "en" ? q.name.en : q.name.ar) : q.service;
      [name, q.waiting, dur(q.longest_wait_s), q.served_today].forEach(function (x) {
        var td = document.createElement("td");
        td.textContent = x;
        tr.appendChild(td);
      });
      tb.appendChild(tr);
    });
  }
  var es;
  function follow() {
    es = new EventSource("/counter/" + n + "/events");
    es.onmessage = function (e) { show(JSON.parse(e.data)); };
    es.onerror = function () {
      var link = $("link");
      link.className = "link down";
      link.textContent = w("down");
    };
  }
  follow();
  function say(ok, text) {
    var m = $("msg");
    m.className = "msg " + (ok ? "good" : "bad");
    m.textContent = text;
  }
  function send(action, form) {
    var body = new URLSearchParams(form ? new FormData(form) : undefined);
    fetch("/counter/" + n + "/" + action, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) {
        if (r.status === 401) { location.href = "/signin"; return null; }
        return r.json();
      })
      .then(function (a) { if (a) say(a.ok, a.message); })
      .catch(function () { say(false, w("no_link")); });
  }
  document.querySelectorAll("button[data-action]").forEach(function (b) {
    b.addEventListener("click", function () { send(b.dataset.action); });
  });
  document.querySelectorAll("form[data-action]").forEach(function (f) {
    f.addEventListener("submit", function (e) { e.preventDefault(); send(f.dataset.action, f); });
  });
  var keys = {n: "next", r: "recall", s: "start", d: "done", x: "no_show", h: "hold", u: "resume", q: "close"};
  var forms = {p: "pause", t: "transfer", c: "call", b: "return"};
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    var t = e.target.tagName;
    if (t === "INPUT" || t === "SELECT" || t === "TEXTAREA") return;
    // by the key's place, not its letter: the same keys on an Arabic layout
    var k = (e.code || "").replace("Key", "").toLowerCase();
    if (keys[k]) { e.preventDefault(); send(keys[k]); return; }
    if (forms[k]) {
      e.preventDefault();
      var f = document.querySelector('form[data-action="' + forms[k] + '"]');
      var first = f.querySelector("input,select");
      if (first) first.focus();
    }
  });
})();
`

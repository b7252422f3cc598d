package console

// rateJS is the rating page's script: the ticket to rate by server-sent
// events, the faces and reasons by touch, the rating by fetch.
const rateJS = `"use strict";
(function () {
  var root = document.getElementById("rate");
  if (!root) return;
  var n = root.dataset.counter;
  function $(id) { return document.getElementById(id); }
  function show(id) {
    ["ask", "thanks", "idle"].forEach(function (x) { $(x).classList.toggle("hidden", x !== id); });
  }
  var current = "", score = 0, thanksUntil = 0;
  function reset() {
    score = 0;
    document.querySelectorAll("button.face").forEach(function (b) { b.classList.remove("chosen"); });
    document.querySelectorAll("#chips button").forEach(function (b) { b.classList.remove("on"); });
    $("why").classList.add("hidden");
    $("chips").classList.add("hidden");
    $("send").disabled = true;
    $("msg").textContent = "";
  }
  function update(v) {
    $("link").classList.toggle("hidden", v.live);
    $("link").classList.toggle("down", !v.live);
    if (Date.now() < thanksUntil) return;
    if (!v.ticket || v.rated) { current = ""; show("idle"); return; }
    if (v.ticket !== current) { current = v.ticket; reset(); }
    $("ticket").textContent = v.ticket;
    show("ask");
  }
  document.querySelectorAll("button.face").forEach(function (b) {
    b.addEventListener("click", function () {
      document.querySelectorAll("button.face").forEach(function (x) { x.classList.toggle("chosen", x === b); });
      score = +b.dataset.score;
      $("why").classList.remove("hidden");
      $("chips").classList.remove("hidden");
      $("send").disabled = false;
    });
  });
  document.querySelectorAll("#chips button").forEach(function (b) {
    b.addEventListener("click", function () {
      if (!b.classList.contains("on") && document.querySelectorAll("#chips button.on").length >= 4) return;
      b.classList.toggle("on");
    });
  });
  $("send").addEventListener("click", function () {
    if (!score || !current) return;
    var body = new URLSearchParams();
    body.append("ticket", current);
    body.append("score", score);
    document.querySelectorAll("#chips button.on").forEach(function (b) { body.append("reason", b.dataset.reason); });
    $("send").disabled = true;
    fetch("/rate/" + n, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) {
        if (r.status === 401) { location.href = "/signin"; return null; }
        return r.json();
      })
      .then(function (a) {
        if (!a) return;
        if (a.ok || a.code === "already_rated") {
          thanksUntil = Date.now() + 8000;
          show("thanks");
          setTimeout(function () { thanksUntil = 0; }, 8000);
          return;
        }
        $("msg").textContent = a.message;
        $("send").disabled = false;
      })
      .catch(function () { $("send").disabled = false; });
  });
  var es = new EventSource("/rate/" + n + "/events");
  es.onmessage = function (e) { update(JSON.parse(e.data)); };
  es.onerror = function () { $("link").classList.remove("hidden"); };
})();
`

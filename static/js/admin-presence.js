/* The article's change page tells the admin, every few seconds, that the editor still has it
   open, and shows who else has (articles/admin/presence.py). No lock: just a note. */
(function () {
  "use strict";

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function send(note, extra) {
    var body = new FormData();
    if (extra) body.append(extra, "1");
    return fetch(note.dataset.presenceUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: Boolean(extra),
      headers: { "X-CSRFToken": csrfToken() }
    });
  }

  function beat(note) {
    if (document.visibilityState === "hidden") return;
    send(note).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (answer) {
      note.textContent = answer.text;
      note.hidden = !answer.text;
    }).catch(function () { /* the next beat tries again */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var note = document.getElementById("presence");
    if (!note) return;
    var seconds = parseInt(note.dataset.interval, 10) || 20;
    window.setInterval(function () { beat(note); }, seconds * 1000);
    document.addEventListener("visibilitychange", function () { beat(note); });
    window.addEventListener("focus", function () { beat(note); });
    window.addEventListener("pagehide", function () { send(note, "leave"); });
  });
})();

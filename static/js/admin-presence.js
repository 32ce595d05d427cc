/* The article's change page tells the admin, every few seconds, that the editor still has it
   open, and shows who else has, and whether someone took over (articles/admin/presence.py).
   "Take over" is posted from here, so the page keeps what the editor typed. No lock: just notes. */
(function () {
  "use strict";

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    });
  }

  function json(response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }

  function show(box, answer) {
    var note = box.querySelector("#presence");
    var warning = box.querySelector("#presence-warning");
    var takeOver = box.querySelector(".presence-take-over");
    note.textContent = answer.text || "";
    note.hidden = !answer.text;
    warning.textContent = answer.warning || "";
    warning.hidden = !answer.warning;
    if (takeOver) takeOver.hidden = !answer.can_take_over;
  }

  function beat(box) {
    if (document.visibilityState === "hidden") return;
    post(box.dataset.presenceUrl, new FormData()).then(json).then(function (answer) {
      show(box, answer);
    }).catch(function () { /* the next beat tries again */ });
  }

  function takeOver(box, event) {
    event.preventDefault();
    var opened = document.querySelector("#content-main form input[name=opened_version]");
    var body = new FormData();
    if (opened) body.append("opened_version", opened.value);
    post(box.dataset.takeOverUrl, body).then(json).then(function (answer) {
      // Nobody saved since the page was opened: it goes on at the version the take-over made.
      if (opened && answer.opened_version) opened.value = answer.opened_version;
      show(box, answer);
    }).catch(function () {
      event.target.form.submit();  // the page without JavaScript's way: post and load it again
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("presence-box");
    if (!box) return;
    var seconds = parseInt(box.dataset.interval, 10) || 20;
    window.setInterval(function () { beat(box); }, seconds * 1000);
    document.addEventListener("visibilitychange", function () { beat(box); });
    window.addEventListener("focus", function () { beat(box); });
    // Saving is not leaving: the page comes back at once, and a late "leave" would hide the editor.
    var submitting = false;
    document.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("pagehide", function () {
      if (submitting) return;
      var body = new FormData();
      body.append("leave", "1");
      post(box.dataset.presenceUrl, body, true);
    });
    var button = box.querySelector(".presence-take-over button");
    if (button) button.addEventListener("click", function (event) { takeOver(box, event); });
  });
})();

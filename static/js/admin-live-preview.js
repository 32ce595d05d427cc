/* The live preview beside the article's change form (articles/admin/live_preview.py): a second
   after the editor stops typing, the whole form (without files) goes to the admin, which saves it
   in a transaction it rolls back and answers with the reader's page, shown in a sandboxed frame
   at a phone's width or a desktop's, scaled to fit. Nothing is saved. */
(function () {
  "use strict";

  var DELAY = 1000;
  var CHECK_EVERY = 3000;
  var WIDTHS = { phone: 360, desktop: 1280 };
  var OPEN_KEY = "live-preview-open";
  var WIDTH_KEY = "live-preview-width";
  var WIDE = window.matchMedia("(min-width: 1100px)");

  function remembered(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode: not kept */ }
  }

  function formBody(form) {
    var body = new FormData(form);
    // Pictures are never sent: the preview shows the stored ones and writes no file.
    var files = [];
    body.forEach(function (value, name) { if (value instanceof File) files.push(name); });
    files.forEach(function (name) { body.delete(name); });
    return body;
  }

  function framed(html) {
    // The frame runs no script (it is sandboxed): leave the page's out rather than have them refused.
    var page = new DOMParser().parseFromString(html, "text/html");
    page.querySelectorAll("script").forEach(function (script) { script.remove(); });
    // Links open in a new tab: the reader's pages refuse to be shown in a frame.
    var base = page.createElement("base");
    base.target = "_blank";
    page.head.prepend(base);
    return "<!DOCTYPE html>" + page.documentElement.outerHTML;
  }

  function setUp(panel, form) {
    var frame = panel.querySelector(".live-preview__frame");
    var viewport = panel.querySelector(".live-preview__viewport");
    var status = panel.querySelector(".live-preview__status");
    var tool = document.querySelector(".live-preview-tool");
    var toggle = tool && tool.querySelector("button");
    var header = document.getElementById("header");
    var widthButtons = panel.querySelectorAll("[data-width]");
    var width = remembered(WIDTH_KEY, "phone") === "desktop" ? "desktop" : "phone";
    var timer = null;
    var sent = 0;
    var shown = 0;
    var busy = false;
    var again = false;
    var lastSignature = null;
    var lastEdited = "";

    function fit() {
      var target = WIDTHS[width];
      var scale = Math.min(1, viewport.clientWidth / target);
      frame.style.width = target + "px";
      frame.style.height = viewport.clientHeight / scale + "px";
      frame.style.transform = "scale(" + scale + ")";
      frame.style.left = Math.max(0, (viewport.clientWidth - target * scale) / 2) + "px";
    }

    function place() {
      // Fixed beside the form on wide screens, from under the admin's header as long as it shows.
      var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
      panel.style.setProperty("--live-preview-top", top + "px");
      fit();
    }

    function say(text) {
      status.textContent = text || "";
      panel.classList.toggle("live-preview--stale", Boolean(text));
    }

    function editedSection() {
      // The section whose row holds the field last typed in, by its anchor: the preview shows it.
      var match = /^(sections-\d+)-/.exec(lastEdited);
      var anchor = match && form.elements[match[1] + "-anchor"];
      return anchor && anchor.value ? anchor.value : "";
    }

    function show(html) {
      var scrolled = 0;
      var section = editedSection();
      try { scrolled = frame.contentWindow.scrollY; } catch (error) { /* not loaded yet */ }
      frame.addEventListener("load", function restore() {
        frame.removeEventListener("load", restore);
        try {
          var view = frame.contentWindow;
          var shown = section && frame.contentDocument.getElementById(section);
          var top = shown ? shown.getBoundingClientRect().top + view.scrollY : scrolled;
          // Where the editor was looking, unless the section they type in is out of that view.
          var inView = top >= scrolled && top <= scrolled + view.innerHeight * 0.8;
          view.scrollTo(0, inView ? scrolled : top);
        } catch (error) { /* nothing to restore */ }
      });
      frame.srcdoc = framed(html);
    }

    function refresh(force) {
      if (panel.hidden) { settle(); return; }
      if (busy) { again = true; return; }
      var body = formBody(form);
      var signature = new URLSearchParams(body).toString();
      // A field left ("change") after typing in it ("input") has nothing new to show.
      if (!force && signature === lastSignature) { settle(); return; }
      lastSignature = signature;
      busy = true;
      panel.dataset.state = "busy";
      var number = ++sent;
      fetch(panel.dataset.url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": (form.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "" }
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (answer) {
        if (number < shown) return;
        shown = number;
        if (answer.valid) {
          say("");
          show(answer.html);
        } else {
          say(answer.message || panel.dataset.invalidText);
        }
      }).catch(function () {
        say(panel.dataset.errorText);
      }).then(function () {
        busy = false;
        if (again) { again = false; refresh(); } else { settle(); }
      });
    }

    function settle() {
      // "idle": nothing waits to be sent, nothing is on its way (the browser tests wait for it).
      if (!busy && timer === null) panel.dataset.state = "idle";
    }

    function later() {
      window.clearTimeout(timer);
      panel.dataset.state = "waiting";
      timer = window.setTimeout(function () { timer = null; refresh(); }, DELAY);
    }

    function open(isOpen) {
      panel.hidden = !isOpen;
      document.body.classList.toggle("live-preview-open", isOpen);
      if (toggle) toggle.setAttribute("aria-expanded", String(isOpen));
      if (isOpen) {
        place();
        refresh(true);
      }
    }

    function choose(chosen) {
      width = chosen;
      remember(WIDTH_KEY, chosen);
      widthButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.width === chosen));
      });
      fit();
    }

    widthButtons.forEach(function (button) {
      button.addEventListener("click", function () { choose(button.dataset.width); });
    });
    panel.querySelector(".live-preview__hide").addEventListener("click", function () {
      remember(OPEN_KEY, "no");
      open(false);
      if (toggle) toggle.focus();
    });
    if (tool && toggle) {
      tool.hidden = false;
      toggle.addEventListener("click", function () {
        var isOpen = panel.hidden;
        remember(OPEN_KEY, isOpen ? "yes" : "no");
        open(isOpen);
        if (isOpen && !WIDE.matches) panel.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    }
    form.addEventListener("input", function (event) {
      lastEdited = event.target.name || "";
      later();
    });
    form.addEventListener("change", later);
    document.addEventListener("formset:added", later);
    document.addEventListener("formset:removed", later);
    // The admin's autocomplete boxes (select2) announce their changes through jQuery only.
    if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", later);
    // Scripts that change the form without an event (a row dragged, a number rewritten) are
    // caught by comparing what the form would send now and then.
    window.setInterval(function () { if (!busy && timer === null) refresh(); }, CHECK_EVERY);
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, { passive: true });
    choose(width);
    // Closed until the editor opens it once: each refresh is a save rolled back, which other
    // editors' saves wait for, so only those who look at the preview pay for it.
    open(remembered(OPEN_KEY, "no") === "yes");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("live-preview");
    var form = panel && (document.getElementById("article_form") || document.querySelector("#content-main form[method=post]"));
    if (panel && form) setUp(panel, form);
  });
})();

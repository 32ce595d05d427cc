/* "Preview" under a paragraph's Markdown: asks the admin for the sanitised HTML that readers get. */
(function () {
  "use strict";

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function fitHeight(frame) {
    try {
      frame.style.height = frame.contentDocument.documentElement.scrollHeight + "px";
    } catch (error) { /* keeps the height its style sheet gives */ }
  }

  function setUp(container) {
    if (container.dataset.ready) return;
    container.dataset.ready = "true";
    var button = container.querySelector(".markdown-preview__button");
    var output = container.querySelector(".markdown-preview__output");
    var textarea = container.parentElement.querySelector("textarea");
    if (!button || !output || !textarea) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var body = new FormData();
      body.append("text", textarea.value);
      body.append("frame", "1");
      fetch(container.dataset.previewUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() }
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (page) {
        // The server's sanitiser (articles.rendering) made this HTML, as for the public page, and
        // put it in a page of its own with the reader's style sheet: shown in a sandboxed frame.
        var frame = output.querySelector("iframe");
        if (!frame) {
          output.textContent = "";
          frame = document.createElement("iframe");
          frame.className = "markdown-preview__frame";
          frame.title = container.dataset.frameTitle || "";
          frame.setAttribute("sandbox", "allow-same-origin allow-popups allow-popups-to-escape-sandbox");
          frame.addEventListener("load", function () { fitHeight(frame); });
          output.appendChild(frame);
        }
        output.hidden = false;
        frame.srcdoc = page;
      }).catch(function () {
        output.textContent = button.dataset.errorText || "Preview failed.";
        output.hidden = false;
      });
    });
  }

  function setUpAll() {
    document.querySelectorAll(".markdown-preview").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", setUpAll);
  // Rows added with "Add another" arrive later.
  document.addEventListener("formset:added", setUpAll);
})();

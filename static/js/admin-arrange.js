/* Drag and drop on the admin's "Arrange" page. Dropping a row saves the list's new order by
   submitting the page's form, as the "Move up" and "Move down" buttons do without JavaScript. */
(function () {
  "use strict";
  var dragged = null;

  function rowsOf(list) {
    return Array.prototype.filter.call(list.children, function (child) { return child.dataset.pk; });
  }

  function listOf(row) {
    return row.parentElement;
  }

  function submitOrder(list, moved) {
    var form = document.getElementById("arrange-form");
    var pks = rowsOf(list).map(function (row) { return row.dataset.pk; });
    form.elements.order.value = list.dataset.orderKey + ":" + pks.join(",");
    form.elements.dragged.value = moved.id;
    form.setAttribute("aria-busy", "true");
    form.submit();
  }

  function rowFrom(event) {
    var row = event.target.closest("[data-pk]");
    // A block is dragged within its section, a section among sections.
    while (row && dragged && listOf(row) !== listOf(dragged)) {
      row = listOf(row).closest("[data-pk]");
    }
    return row;
  }

  var PRESSED = "arrange-pressed";

  // After a move the page comes back at the row that moved: focus the button that was pressed,
  // at the row's new place, so that pressing Enter again moves it further; if that button is now
  // disabled (the row reached the top or the bottom), the row's first usable one.
  function focusMovedRow() {
    var pressed = window.sessionStorage.getItem(PRESSED);
    window.sessionStorage.removeItem(PRESSED);
    var row = location.hash && document.getElementById(location.hash.slice(1));
    if (!row || !row.dataset.pk) return;
    var tools = row.querySelector(".arrange-tools");
    if (!tools) return;
    var button = Array.prototype.find.call(tools.querySelectorAll("button[name=move]"), function (candidate) {
      return candidate.value === pressed && !candidate.disabled;
    }) || tools.querySelector("button:not([disabled])");
    if (button) button.focus({ preventScroll: false });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("arrange-form");
    if (!form) return;
    // The browser focuses the fragment's row once the page has loaded; move on to its button then.
    window.addEventListener("load", function () { window.setTimeout(focusMovedRow, 0); });
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (button && button.name === "move") window.sessionStorage.setItem(PRESSED, button.value);
    });

    form.addEventListener("dragstart", function (event) {
      var row = event.target.closest && event.target.closest("[draggable=true]");
      if (!row) return;
      event.stopPropagation();
      dragged = row;
      row.classList.add("arrange-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.pk);
    });

    form.addEventListener("dragover", function (event) {
      if (!dragged) return;
      var row = rowFrom(event);
      if (!row || row === dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      form.querySelectorAll(".arrange-drop-target").forEach(function (el) { el.classList.remove("arrange-drop-target"); });
      row.classList.add("arrange-drop-target");
    });

    form.addEventListener("drop", function (event) {
      if (!dragged) return;
      var row = rowFrom(event);
      if (!row || row === dragged) return;
      event.preventDefault();
      var list = listOf(dragged);
      var rows = rowsOf(list);
      var before = rows.indexOf(dragged) > rows.indexOf(row) ? row : row.nextSibling;
      list.insertBefore(dragged, before);
      dragged.classList.remove("arrange-dragging");
      row.classList.remove("arrange-drop-target");
      var moved = dragged;
      dragged = null;
      moved.scrollIntoView({ block: "nearest" });
      submitOrder(list, moved);
    });

    form.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("arrange-dragging");
      form.querySelectorAll(".arrange-drop-target").forEach(function (el) { el.classList.remove("arrange-drop-target"); });
      dragged = null;
    });
  });
})();

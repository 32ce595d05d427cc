/* The article's own page (articles/admin/one_page.py): sections, blocks and quotes nested in one
   form by django-nested-admin. This script writes the position numbers after a drag or a Move
   button, hides the blank rows kept for saving without JavaScript, and keeps focus on a pressed
   Move button. Each list keeps the numbers its rows had: a paragraph moved above another takes
   that one's number, so the figures and pull quotes between them (other lists) stay in place. */
(function () {
  "use strict";
  var ROW = ".djn-inline-form";

  function positionInput(row) {
    return document.querySelector('[name="' + row.id + '-position"]');
  }

  function rowsOf(group) {
    var prefix = group.id.replace(/-group$/, "");
    var own = new RegExp("^" + prefix.replace(/[-]/g, "\\-") + "-\\d+$");
    return Array.prototype.filter.call(group.querySelectorAll(ROW), function (row) {
      return own.test(row.id);
    });
  }

  function isDeleted(row) {
    var box = document.querySelector('[name="' + row.id + '-DELETE"]');
    return row.classList.contains("grp-predelete") || Boolean(box && box.checked);
  }

  function setValue(input, value) {
    if (input.value === String(value)) return;
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // Give the numbers the list holds, smallest first, to its rows in their order on the page;
  // a new row placed above a numbered one shares that number and is saved before it.
  function renumber(group) {
    var rows = rowsOf(group).filter(function (row) { return positionInput(row) && !isDeleted(row); });
    var numbered = rows.filter(function (row) { return positionInput(row).value !== ""; });
    var slots = numbered.map(function (row) { return Number(positionInput(row).value); })
      .sort(function (a, b) { return a - b; });
    numbered.forEach(function (row, index) { setValue(positionInput(row), slots[index]); });
    rows.forEach(function (row, index) {
      if (positionInput(row).value !== "") return;
      var next = rows.slice(index + 1).find(function (other) { return positionInput(other).value !== ""; });
      if (next) setValue(positionInput(row), positionInput(next).value);
    });
  }

  function isBlank(row) {
    if (row.querySelector(".errorlist") || row.dataset.isInitial !== "false" || /-empty$/.test(row.id)) return false;
    return Array.prototype.every.call(row.querySelectorAll("input, textarea, select"), function (field) {
      if (field.type === "hidden" || field.type === "checkbox" || field.type === "button") return true;
      return field.value === "";
    });
  }

  function moveButtons(row, texts) {
    var tools = document.createElement("span");
    tools.className = "one-page-move";
    [["up", texts.moveUp], ["down", texts.moveDown]].forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button one-page-move__" + pair[0];
      button.dataset.direction = pair[0];
      button.textContent = pair[1];
      tools.appendChild(button);
    });
    return tools;
  }

  function move(button) {
    var row = button.closest(ROW);
    var group = row.closest(".djn-group");
    var rows = rowsOf(group).filter(function (other) { return !other.hidden; });
    var index = rows.indexOf(row);
    var other = rows[button.dataset.direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    if (button.dataset.direction === "up") other.parentNode.insertBefore(row, other);
    else other.parentNode.insertBefore(row, other.nextSibling);
    renumber(group);
    button.focus();
  }

  function addTools(row, texts) {
    if (!positionInput(row) || row.querySelector(".one-page-move")) return;
    // Stacked rows only: a quote's row is a table row, moved by its number or by dragging.
    var place = row.querySelector(":scope > h3");
    if (place) place.appendChild(moveButtons(row, texts));
  }

  // A section folded shows its heading and the reading order of its blocks, not their forms.
  function foldButton(row, texts) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button one-page-fold";
    button.setAttribute("aria-expanded", "true");
    button.textContent = texts.fold;
    button.addEventListener("click", function () {
      var folded = row.classList.toggle("one-page-folded");
      button.setAttribute("aria-expanded", folded ? "false" : "true");
      button.textContent = folded ? texts.unfold : texts.fold;
    });
    return button;
  }

  function addFolding(texts) {
    var sections = document.getElementById("sections-group");
    if (!sections) return;
    var rows = rowsOf(sections).filter(function (row) { return !row.hidden; });
    rows.forEach(function (row) {
      var heading = row.querySelector(":scope > h3");
      if (heading) heading.appendChild(foldButton(row, texts));
    });
    var all = document.createElement("button");
    all.type = "button";
    all.className = "button one-page-fold-all";
    all.textContent = texts.foldAll;
    all.addEventListener("click", function () {
      rows.forEach(function (row) {
        var button = row.querySelector(":scope > h3 .one-page-fold");
        // Sections with an error stay open.
        if (button && !row.classList.contains("one-page-folded") && !row.querySelector(".errorlist")) button.click();
      });
    });
    var title = sections.querySelector("h2");
    if (title && rows.length > 1) title.appendChild(all);
  }

  function start() {
    var textsElement = document.getElementById("one-page-texts");
    if (!textsElement) return;
    var texts = {
      moveUp: textsElement.dataset.moveUp,
      moveDown: textsElement.dataset.moveDown,
      fold: textsElement.dataset.fold,
      unfold: textsElement.dataset.unfold,
      foldAll: textsElement.dataset.foldAll
    };
    document.documentElement.classList.add("one-page-js");
    Array.prototype.forEach.call(document.querySelectorAll(ROW), function (row) {
      if (isBlank(row)) row.hidden = true;
      else if (!/-empty$/.test(row.id)) addTools(row, texts);
    });
    addFolding(texts);
    document.addEventListener("click", function (event) {
      var button = event.target.closest(".one-page-move button");
      if (button) move(button);
    });
    var $ = window.django && window.django.jQuery;
    if (!$) return;
    // A row is dragged within its own list: moving a block to another section is done by
    // deleting and adding it, or on the Arrange page, where the roles' rules apply.
    function ownListOnly() {
      $(".djn-items").each(function () {
        if (!$(this).data("uiNestedSortable")) return;
        $(this).nestedSortable("option", "connectWith", false);
        // Without position numbers (a contributor on a published article) there is nothing to reorder.
        var group = this.closest(".djn-group");
        var rows = group ? rowsOf(group).filter(function (row) { return !/-empty$/.test(row.id); }) : [];
        if (rows.length && !rows.some(positionInput)) $(this).nestedSortable("option", "disabled", true);
      });
    }
    $(window).on("load", ownListOnly);
    $(document).on("djnesting:added", ownListOnly);
    $(document).on("djnesting:mutate", function (event, $group) {
      if ($group && $group[0]) renumber($group[0]);
    });
    $(document).on("djnesting:added", function (event, $group, $row) {
      if ($row && $row[0]) addTools($row[0], texts);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Splits a figure's credit line into source, photographer and distributor as the editor types,
   with the rules of articles/credits.py. A part the editor has typed in is left alone. */
(function () {
  "use strict";
  var PARTS = ["credit_source", "credit_photographer", "credit_distributor"];

  function splitCredit(credit) {
    credit = credit.split(/\s+/).filter(Boolean).join(" ");
    var parts = { credit_source: "", credit_photographer: "", credit_distributor: "" };
    if (!credit) return parts;
    var maker = credit;
    var via = credit.match(/^(.*?)\s+(?:via|vía)\s+(.*)$/i);
    if (via) { maker = via[1]; parts.credit_distributor = via[2]; }
    var names = maker.split(/\s*\/\s*/).filter(Boolean);
    if (names.length) parts.credit_source = names[0];
    if (names.length > 1) parts.credit_photographer = names.slice(1).join(" / ");
    return parts;
  }

  function partField(creditField, part) {
    return document.getElementById(creditField.id.replace(/credit$/, part));
  }

  function isCreditField(element) {
    return element && element.tagName === "INPUT" && /(^|-)credit$/.test(element.name || "");
  }

  function fill(creditField) {
    var parts = splitCredit(creditField.value);
    PARTS.forEach(function (part) {
      var field = partField(creditField, part);
      if (field && field.dataset.editedByHand !== "true") field.value = parts[part];
    });
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (isCreditField(target)) {
      fill(target);
    } else if (target && PARTS.some(function (part) { return (target.name || "").endsWith(part); })) {
      target.dataset.editedByHand = "true";
    }
  });

  // Parts saved earlier that differ from what the rules give were set by hand: keep them.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[name$='credit']").forEach(function (creditField) {
      if (!isCreditField(creditField)) return;
      var parts = splitCredit(creditField.value);
      PARTS.forEach(function (part) {
        var field = partField(creditField, part);
        if (field && field.value && field.value !== parts[part]) field.dataset.editedByHand = "true";
      });
    });
  });
})();

// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function focusErrorSummary() {
    // Move focus to the error summary so screen reader users hear what went wrong.
    var summary = document.getElementById("foutmeldingen");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  }

  function copyButtons() {
    // A "copy the link" button, shown only when the browser can copy.
    var buttons = document.querySelectorAll(".js-copy");
    Array.prototype.forEach.call(buttons, function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          button.textContent = button.getAttribute("data-done");
        });
      });
    });
    var link = document.getElementById("bewaarlink");
    if (link) { link.addEventListener("focus", function () { link.select(); }); }
  }

  function followVariant() {
    // Choosing another wording also puts it in the rewording box, unless the user already typed there.
    var radios = document.querySelectorAll("input[data-wording]");
    Array.prototype.forEach.call(radios, function (radio) {
      radio.addEventListener("change", function () {
        var box = document.getElementById(radio.getAttribute("data-target"));
        if (!box || !radio.checked) { return; }
        var shown = box.getAttribute("data-shown");
        if (shown === null) { shown = box.defaultValue; }
        if (box.value.trim() === shown.trim()) {
          box.value = radio.getAttribute("data-wording");
          box.setAttribute("data-shown", box.value);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    copyButtons();
    followVariant();
  });
})();

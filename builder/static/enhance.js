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

  function changed(form) {
    // True when any input differs from what the page was loaded with (typing and undoing is no change).
    return Array.prototype.some.call(form.elements, function (el) {
      if (el.type === "hidden" || el.type === "submit" || el.type === "button") { return false; }
      if (el.type === "checkbox" || el.type === "radio") { return el.checked !== el.defaultChecked; }
      if (el.tagName === "SELECT") {
        return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return typeof el.defaultValue === "string" && el.value !== el.defaultValue;
    });
  }

  function warnUnsaved() {
    // Leaving a curation page with unsaved input (a link, the back button, closing the tab) asks first.
    var forms = document.querySelectorAll("form[data-warn-unsaved]");
    if (!forms.length) { return; }
    var submitting = false;
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function () { submitting = true; });
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting) { return; }
      if (Array.prototype.some.call(forms, changed)) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function submitOnLoad() {
    // After logging in again, what was typed before the session ended is saved at once.
    var form = document.querySelector("form[data-submit-on-load]");
    if (form) { form.submit(); }
  }

  function chooseMerged() {
    // Typing in a merged text on the conflict page chooses "Samengevoegd" for that text.
    var boxes = document.querySelectorAll("textarea[data-choose]");
    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener("input", function () {
        var radio = document.getElementById(box.getAttribute("data-choose"));
        if (radio) { radio.checked = true; }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    copyButtons();
    followVariant();
    warnUnsaved();
    chooseMerged();
    submitOnLoad();
  });
})();

// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  function focusErrorSummary() {
    // Move focus to the error summary so screen reader users hear what went wrong.
    var summary = document.getElementById("foutmeldingen");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  }

  function copyButtons() {
    // A "copy the link" button, shown only when the browser can copy.
    each(".js-copy", function (button) {
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

  function printButtons() {
    each(".js-print", function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    each(".js-no-print-button", function (hint) { hint.hidden = true; });
    each(".js-hide", function (hint) { hint.hidden = true; });  // said only to those without JavaScript
  }

  // ------------------------------------------------------------ an agreement's controls

  function number(name) { return name.slice(name.lastIndexOf("_") + 1).split("-")[0]; }
  function byId(id) { return document.getElementById(id); }

  function shownWording(i) {
    var checked = document.querySelector("input[name='variant_" + i + "']:checked");
    if (checked) { return checked.getAttribute("data-wording"); }
    var reset = byId("reset_" + i);
    return reset ? reset.getAttribute("data-original") : null;
  }

  function setText(box, text) {
    box.value = text;
    box.setAttribute("data-shown", text);
  }

  function isEdited(i) {
    var variant = document.querySelector("input[name='variant_" + i + "']:checked");
    var box = byId("text_" + i), fill = byId("fill_" + i);
    var wording = shownWording(i);
    return Boolean((variant && variant.value) || (fill && fill.value.trim()) ||
      (box && wording !== null && box.value.trim() !== wording.trim()));
  }

  function include(i) {
    var box = byId("include_" + i);
    if (box && !box.checked) { box.checked = true; }
  }

  function undoEdits(i) {
    var original = document.querySelector("input[name='variant_" + i + "'][value='']");
    if (original) { original.checked = true; }
    var fill = byId("fill_" + i);
    if (fill) { fill.value = ""; }
    var box = byId("text_" + i), reset = byId("reset_" + i);
    if (box && reset) { setText(box, reset.getAttribute("data-original")); }
    showFills();
  }

  function showFills() {
    // "Welke dienst?" shows only while a wording that needs it is chosen.
    each(".fill[data-fill-for]", function (fill) {
      var wanted = fill.getAttribute("data-fill-for").split("|");
      var checked = document.querySelector("input[name='" + fill.getAttribute("data-radios") + "']:checked");
      fill.hidden = checked ? wanted.indexOf(checked.value) < 0 : wanted.indexOf("") < 0;
    });
  }

  function agreementControls(form, changed) {
    form.addEventListener("change", function (event) {
      var input = event.target, name = input.name || "", i = number(name);
      if (name.indexOf("variant_") === 0) {
        var box = byId(input.getAttribute("data-target"));
        if (box && box.value.trim() === (box.getAttribute("data-shown") || box.defaultValue).trim()) {
          setText(box, input.getAttribute("data-wording"));
        }
        if (input.value) { include(i); }
        showFills();
      } else if (name.indexOf("reset_") === 0 && input.checked) {
        setText(byId(input.getAttribute("data-box")), shownWording(i));  // stays ticked while the text is the catalogue's
      } else if (name.indexOf("include_") === 0 && !input.checked && isEdited(i)) {
        undoEdits(i);
        changed(form.getAttribute("data-undone"));
      }
    });
    form.addEventListener("input", function (event) {
      var name = event.target.name || "";
      if ((name.indexOf("text_") === 0 || name.indexOf("fill_") === 0) && isEdited(number(name))) {
        include(number(name));
      }
      var reset = name.indexOf("text_") === 0 ? byId("reset_" + number(name)) : null;
      if (reset && reset.checked && event.target.value.trim() !== (shownWording(number(name)) || "").trim()) {
        reset.checked = false;  // typing again makes it the user's own text
      }
    });
    each("button[name='action'][value='all'], button[name='action'][value='none']", function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var all = button.value === "all";
        each("input[name^='include_']", function (box) {
          if (!all && box.checked) { undoEdits(number(box.name)); }
          box.checked = all;
        }, form);
        changed(button.getAttribute("data-done"));
      });
    }, form);
    showFills();
    each("details.reword > summary", function (summary) {
      summary.addEventListener("click", function () {  // "Herschrijf deze afspraak" opens the box to type in
        setTimeout(function () {
          var details = summary.parentNode, box = details.querySelector("textarea");
          if (details.open && box) { box.focus(); box.setSelectionRange(box.value.length, box.value.length); }
        }, 0);
      });
    }, form);
  }

  function chosenCounter(form) {
    // "Je koos hier 3 afspraken." follows the ticks and the own agreements as they change.
    var counter = byId("gekozen");
    if (!counter) { return; }
    function update() {
      var n = form.querySelectorAll("input[name^='include_']:checked").length;
      each(".own__item textarea", function (box) { if (box.value.trim()) { n += 1; } }, form);
      counter.textContent = counter.getAttribute(n === 1 ? "data-one" : "data-many").replace("#", n);
    }
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("click", function () { setTimeout(update, 0); });  // "Neem alle afspraken over", "Geen enkele"
  }

  function approvalFollowsItsFields() {
    // Filling in who or when approved puts the approval block in the note: the box says so at once.
    var box = byId("approval");
    if (!box) { return; }
    var names = ["approved_by", "approved_on", "decision", "signatory_1", "signatory_2"];
    box.form.addEventListener("input", function (event) {
      if (names.indexOf(event.target.name) >= 0 && event.target.value.trim()) { box.checked = true; }
    });
  }

  // ------------------------------------------------------------ saving in the background

  function autosave(form) {
    var status = document.getElementById("bewaarstatus");
    if (!status || !window.fetch || !window.FormData) { return function () {}; }
    var timer = null, busy = false, again = false, stopped = false;

    function keepClear() {
      // The status line sticks to the bottom of the window: what is being typed stays above it.
      var field = document.activeElement;
      if (!field || !form.contains(field) || !status.textContent) { return; }
      var box = field.getBoundingClientRect(), line = status.getBoundingClientRect();
      var hidden = box.bottom - line.top;
      if (hidden > 0 && box.top - hidden > 0) { window.scrollBy(0, hidden + 8); }
    }

    function say(text, retry) {
      status.textContent = text || "";
      keepClear();
      if (retry) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button link-button--dark";
        button.textContent = status.getAttribute("data-retry");
        button.addEventListener("click", send);
        status.appendChild(document.createTextNode(" "));
        status.appendChild(button);
      }
    }

    function body() {
      var data = new FormData(form);
      data.set("action", "autosave");
      data.set("background", "1");
      return data;
    }

    function send() {
      clearTimeout(timer);
      timer = null;
      if (stopped) { return; }
      if (busy) { again = true; return; }
      busy = true;
      again = false;
      say(status.getAttribute("data-saving"));
      fetch(form.getAttribute("action") || window.location.pathname, {
        method: "POST", body: body(), credentials: "same-origin",
        headers: { "X-Autosave": "1", "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (answer) { return { code: response.status, answer: answer }; });
      }).then(function (result) {
        busy = false;
        if (result.answer.version) { form.querySelector("input[name='version']").value = result.answer.version; }
        if (result.answer.shown) { form.querySelector("input[name='shown']").value = result.answer.shown; }
        if (result.code === 409 || result.code === 401) { stopped = true; }
        say(result.answer.status, result.code >= 500);
        if (again) { schedule(); }
      }).catch(function () {
        busy = false;
        say(status.getAttribute("data-failed"), true);
      });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(send, 800);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("input", keepClear);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () { clearTimeout(timer); timer = null; stopped = true; });
    window.addEventListener("pagehide", function () {
      // Leaving with a change not yet sent (the back button, closing the tab): send it on the way out.
      if (timer && navigator.sendBeacon) { navigator.sendBeacon(form.getAttribute("action") || window.location.pathname, body()); }
    });
    return function (message) {
      if (message) { say(message); }
      schedule();
    };
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

  function insertReferences() {
    // "Voeg de verwijzing in" puts [[id|words]] where the cursor is in the last text box used, without reloading.
    each("button[data-insert-reference]", function (button) {
      var form = button.form, select = document.getElementById(button.getAttribute("data-insert-reference"));
      var box = form && form.querySelector("textarea");
      if (!select || !box) { return; }
      form.addEventListener("focusin", function (event) {
        if (event.target.tagName === "TEXTAREA") { box = event.target; }
      });
      button.addEventListener("click", function (event) {
        if (!select.value) { return; }  // the server says what is missing
        event.preventDefault();
        var words = button.getAttribute("data-reference-words");
        var reference = "[[" + select.value + (words ? "|" + words : "") + "]]";
        var start = box.selectionStart, end = box.selectionEnd;
        if (typeof start !== "number") { start = end = box.value.length; }
        var before = box.value.slice(0, start), after = box.value.slice(end);
        var space = before && !/\s$/.test(before) ? " " : "";
        var trailing = /^[0-9A-Za-z\u00C0-\u024F]/.test(after) ? " " : "";
        box.value = before + space + reference + trailing + after;
        box.focus();
        box.selectionStart = box.selectionEnd = (before + space + reference).length;
        box.dispatchEvent(new Event("input", { bubbles: true }));
        select.value = "";
      });
    });
  }

  // A page whose choices apply only when its button is pressed (moving to a new edition, changes
  // from Word): typing in a text box picks the option it belongs to, and leaving asks first.
  function warnBeforeLeaving(form) {
    var dirty = false;
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("input", function (event) {
      dirty = true;
      var picks = event.target.getAttribute("data-picks");
      if (picks && byId(picks)) { byId(picks).checked = true; }
    });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  // After a save that jumps to a place on the page (#varianten, #onderdeel-pers), its message ("Bewaard.")
  // stands at that place instead of at the top, out of sight.
  function messagesAtAnchor() {
    var box = document.querySelector(".messages");
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!box || !target || !box.querySelector(".message")) { return; }
    // The browser scrolls to the place itself: the message goes at its start (a part) or right after it (a heading).
    var part = /^(SECTION|DIV|LI|FIELDSET|FORM|ARTICLE)$/.test(target.tagName);
    target.insertAdjacentElement(part ? "afterbegin" : "afterend", box);
    box.classList.add("messages--at-anchor");
  }

  document.addEventListener("DOMContentLoaded", function () {
    messagesAtAnchor();
    insertReferences();
    focusErrorSummary();
    each("form[data-warn-unsaved]", warnBeforeLeaving);
    copyButtons();
    chooseMerged();
    submitOnLoad();
    printButtons();
    approvalFollowsItsFields();
    var form = document.querySelector("form[data-autosave]");
    var changed = form ? autosave(form) : function () {};
    if (form) { agreementControls(form, changed); chosenCounter(form); }
  });
})();

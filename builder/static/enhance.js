// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen reader users hear what went wrong.
    var summary = document.getElementById("foutmeldingen");
    if (summary && document.activeElement !== summary) { summary.focus(); }
    // Select the whole private link on focus, ready to copy.
    var link = document.getElementById("bewaarlink");
    if (link) { link.addEventListener("focus", function () { link.select(); }); }
  });
})();

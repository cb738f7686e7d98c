// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // A refused form: the summary of what is wrong takes the focus, and each of its links moves
  // the focus to its field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  // Arriving at a part of a page (the timeline after adding to it): the focus goes there too,
  // so the keyboard and screen readers carry on where the eyes are.
  var arrived = !summary && window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (arrived && arrived.getAttribute("tabindex") === "-1") {
    arrived.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
    }
  });
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-select-on-focus]")) {
      target.select();
    }
  });
  // Keyboard shortcuts, listed in the dialog that "?" opens; never while typing in a field.
  var shortcuts = document.getElementById("shortcuts");
  if (shortcuts) {
    document.querySelectorAll("[data-open-shortcuts]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        shortcuts.showModal();
      });
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey || shortcuts.open) {
        return;
      }
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) {
        return;
      }
      // the page's own search first, else the box in the top bar
      var search = document.querySelector("main [role=search] input:not([type=hidden]), main input[type=search]") || document.getElementById("top-search");
      var link = /^[a-z]$/.test(event.key) && document.querySelector("a[data-shortcut='" + event.key + "']");
      if (event.key === "?") {
        shortcuts.showModal();
      } else if (event.key === "/" && search) {
        search.focus();
      } else if (link) {
        link.click();
      } else {
        return;
      }
      event.preventDefault();
    });
  }
})();

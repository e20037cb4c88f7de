// Progressive enhancement of the listing's filter form (includes/filters.html):
// ticking a box submits the form after a short pause, so several boxes can be
// ticked in a row at the cost of one page load. Selects are left to the button,
// since arrow keys change a select while a keyboard user is still choosing.
// After the new page loads, focus returns to the control the reader was on and
// the result count is re-announced, so a screen reader hears what changed.
(function () {
  "use strict";
  var form = document.querySelector("form[data-filters]");
  if (!form) return;
  var KEY = "casebook:filter-focus";
  var PAUSE_MS = 700;
  var timer = null;

  function remember(id) {
    try { window.sessionStorage.setItem(KEY, id); } catch (e) { /* private mode */ }
  }

  function restore() {
    var id = null;
    try {
      id = window.sessionStorage.getItem(KEY);
      window.sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    var target = id && document.getElementById(id);
    if (!target || target.disabled) return;
    target.focus();
    var status = document.querySelector("[role=status]");
    if (status) {
      var text = status.textContent;
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 150);
    }
  }

  // Say so before it happens (WCAG 3.2.2: a change of context on input is announced).
  var hint = document.createElement("p");
  hint.className = "filters__hint";
  hint.textContent = form.getAttribute("data-auto-hint") || "";
  if (hint.textContent) form.insertBefore(hint, form.querySelector("fieldset"));

  // The URL the form would send, without blank selects or the default order,
  // so every state keeps one short address (the server ignores both anyway).
  function cleanUrl() {
    var params = new URLSearchParams();
    var defaultOrdering = form.getAttribute("data-default-ordering");
    new FormData(form).forEach(function (value, name) {
      if (value === "" || (name === "ordering" && value === defaultOrdering)) return;
      params.append(name, value);
    });
    var query = params.toString();
    return form.action.split("?")[0] + (query ? "?" + query : "");
  }

  function go() {
    var active = document.activeElement;
    if (active && active.id && form.contains(active)) remember(active.id);
    window.location.assign(cleanUrl());
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    go();
  });

  form.addEventListener("change", function (event) {
    if (event.target.type !== "checkbox") return;
    window.clearTimeout(timer);
    timer = window.setTimeout(go, PAUSE_MS);
  });

  restore();
})();

// Faceless studio: the few behaviours htmx attributes do not cover. No build, no framework.
(function () {
  "use strict";

  // Forms a person has typed into; a finished job must not reload the page over their edits.
  var dirty = new Set();
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-track-dirty")) dirty.add(form);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && event.detail.successful) dirty.delete(form);
  });

  // A job partial answers with HX-Trigger: jobDone when its job ends; pages that show the job's
  // result reload to show it, unless that would throw away unsaved edits.
  document.body.addEventListener("jobDone", function () {
    var page = document.querySelector("[data-reload-on-job-done]");
    if (!page) return;
    if (dirty.size === 0) {
      window.location.reload();
    } else {
      var note = document.getElementById("job-done-note");
      if (note) note.hidden = false;
    }
  });

  // Ask before destructive or public actions (publish now, revoke); the text comes from the server.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  // Token fields select themselves so they can be copied with one keystroke.
  document.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-select-on-focus")) event.target.select();
  });

  // htmx swaps move focus to <body>; put it back on the swapped region so keyboard users keep their place.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.hasAttribute("data-focus-after-swap")) {
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  });

  // Paging the dashboard's list replaces the link that was used; start reading at the new page's count.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var from = event.detail.requestConfig && event.detail.requestConfig.elt;
    var count = document.getElementById("videos-count");
    if (count && from && from.closest && from.closest(".pager")) count.focus({ preventScroll: false });
  });
})();

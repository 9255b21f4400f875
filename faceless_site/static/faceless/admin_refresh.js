// Reload admin pages that show a running job, so its progress moves without a manual refresh.
// A change form with unsaved edits is never reloaded.
(function () {
  "use strict";
  var edited = false;
  document.addEventListener("input", function () { edited = true; });
  window.setTimeout(function () {
    if (!edited && document.querySelector("[data-job-active]")) {
      window.location.reload();
    }
  }, 3000);
})();

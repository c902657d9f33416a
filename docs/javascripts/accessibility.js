/* Accessibility fixes for the theme's own markup: Material's search dialog has
 * role="dialog" but no accessible name, so screen readers announce an unnamed
 * dialog. Runs on every page, instant navigation included. */
(function () {
  "use strict";

  function nameDialogs() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search the archive");
    });
  }

  window.bxOnEveryPage(nameDialogs);
})();

/* The one core the page scripts share (listed first in mkdocs.yml): `bxOnEveryPage(fn)` runs `fn` on
 * every page a reader sees, through Material's `document$` (instant navigation included), or once the
 * document is ready where there is none (an engine without Material's bundle). */
(function () {
  "use strict";

  window.bxOnEveryPage = function (fn) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  };
})();

/* Opens an annotation in place, next to the words it explains.
 *
 * Without this script each marker is a plain link to the note in the
 * "Annotations" list at the end of the article, which is also what prints.
 * With it, activating a marker (click, tap, Enter or Space) shows a copy of the
 * note right after the paragraph; activating it again, the close button or
 * Escape hides it. Works with Material's instant navigation (document$).
 */
(function () {
  "use strict";

  function noteParts(heading) {
    var parts = [];
    for (var node = heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) break;
      if (node.querySelector && node.querySelector(".bx-note-back")) continue;
      parts.push(node.cloneNode(true));
    }
    return parts;
  }

  function close(ref, panel, focusRef) {
    panel.remove();
    ref.setAttribute("aria-expanded", "false");
    if (focusRef) ref.focus();
  }

  function open(ref) {
    var id = decodeURIComponent(ref.hash.slice(1));
    var heading = document.getElementById(id);
    if (!heading) return;
    var panel = document.createElement("aside");
    panel.className = "bx-note-panel";
    panel.id = "panel-" + id;
    panel.tabIndex = -1;
    panel.setAttribute("role", "note");
    panel.setAttribute("aria-label", ref.getAttribute("aria-label") || "Annotation");
    var title = document.createElement("p");
    title.className = "bx-note-panel__title";
    title.textContent = heading.textContent.replace(/\u00b6\s*$/, "").trim();
    panel.appendChild(title);
    noteParts(heading).forEach(function (part) { panel.appendChild(part); });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bx-note-panel__close";
    button.textContent = "Close";
    button.addEventListener("click", function () { close(ref, panel, true); });
    panel.appendChild(button);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(ref, panel, true);
    });
    var block = ref.closest("p, li, blockquote, td") || ref.parentElement;
    block.insertAdjacentElement("afterend", panel);
    ref.setAttribute("aria-expanded", "true");
    ref.setAttribute("aria-controls", panel.id);
    panel.focus({ preventScroll: true });
  }

  function toggle(event, ref) {
    event.preventDefault();
    var panel = document.getElementById("panel-" + decodeURIComponent(ref.hash.slice(1)));
    if (panel) close(ref, panel, false);
    else open(ref);
  }

  function setup() {
    document.querySelectorAll("a.bx-note-ref").forEach(function (ref) {
      if (ref.dataset.bxReady) return;
      ref.dataset.bxReady = "1";
      ref.setAttribute("role", "button");
      ref.setAttribute("aria-expanded", "false");
    });
  }

  /* Listen on window in the capture phase: Material's instant navigation handles
   * link clicks on the document before a listener on the link would run. */
  window.addEventListener("click", function (event) {
    var ref = event.target instanceof Element && event.target.closest("a.bx-note-ref");
    if (!ref || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.stopImmediatePropagation();
    toggle(event, ref);
  }, true);

  window.addEventListener("keydown", function (event) {
    var ref = event.target instanceof Element && event.target.closest("a.bx-note-ref");
    if (ref && event.key === " ") {
      event.stopImmediatePropagation();
      toggle(event, ref);
    }
  }, true);

  window.bxOnEveryPage(setup);
})();

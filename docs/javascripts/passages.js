/* Passage links: every paragraph of an article body has an id made from its words
 * (build_tools/link/passages.py). This script gives each one a "¶" link to itself,
 * shown on hover and on keyboard focus; the link has no text (the style sheet draws
 * the "¶"), so it is no part of the paragraph's words.
 *
 * When the address names a passage (a "¶" followed, or a passage's address opened, or one it had before
 * its words were amended),
 * a panel right after that paragraph gives its citations (Chicago and APA, with
 * "para. N" and the passage's address) and a Copy button for each. It takes focus
 * without moving the page, so a screen reader announces it, and is scrolled into
 * view only as far as it must be; Close or Escape removes it and gives focus back to
 * the "¶" link. The same citations are added under "Cite this page", which prints.
 * Works with instant navigation.
 */
(function () {
  "use strict";

  var PASSAGE = 'article p[id^="p-"]';
  var STYLES = [["chicago", "Chicago"], ["apa", "APA"]];

  function addLinks() {
    document.querySelectorAll(PASSAGE).forEach(function (paragraph, index) {
      if (paragraph.querySelector(":scope > .bx-passage-link")) return;
      var link = document.createElement("a");
      link.className = "bx-passage-link";
      link.href = "#" + paragraph.id;
      link.setAttribute("aria-label", "Link to paragraph " + (index + 1));
      link.title = "Link to this passage";
      paragraph.appendChild(link);
    });
  }

  function passageCitation(text, number, address) {
    var cut = text.lastIndexOf(" ");
    var before = text.slice(0, cut).replace(/\.$/, "");
    return before + ", para. " + number + ". " + address;
  }

  /* The page's published address (its canonical link, which Material's instant navigation keeps current), never
   * the address it was opened at: a search result's `?h=...` is no part of a passage's address. */
  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href.split("#")[0] : location.origin + location.pathname;
  }

  /* Whether `id` is one the paragraph had before its words changed: an empty anchor at its start that the
   * address lands on (build_tools/link/amend.py). */
  function isOldId(paragraph, id) {
    return Array.prototype.some.call(paragraph.querySelectorAll(":scope > .bx-passage-old"), function (old) {
      return old.id === id;
    });
  }

  /* The passage the address names (by its id or an id it had), with its number and address; null when it names
   * none. */
  function namedPassage() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return null; // an address whose anchor is not valid percent-encoding names no passage
    }
    var passages = Array.prototype.slice.call(document.querySelectorAll(PASSAGE));
    var index = passages.findIndex(function (p) { return p.id === id || isOldId(p, id); });
    if (index < 0) return null;
    var address = pageAddress() + "#" + passages[index].id; // an old id is cited as the paragraph's id now
    return { paragraph: passages[index], number: index + 1, address: address };
  }

  /* The passage's citations, one per style, made from the page's own; null if the page has none. */
  function citations(passage) {
    var found = STYLES.map(function (style) {
      var code = document.querySelector('pre[data-cite="archive-' + style[0] + '"] code');
      if (!code) return null;
      var text = passageCitation(code.textContent.trim(), passage.number, passage.address);
      return { name: style[0], label: style[1], text: text };
    });
    return found.indexOf(null) < 0 ? found : null;
  }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  /* A citation as a code block, with a Copy button that says in `status` what it did. */
  function citationBlock(item, status) {
    var pre = document.createElement("pre");
    pre.className = "highlight bx-passage-cite";
    pre.setAttribute("data-cite", "passage-" + item.name);
    var code = document.createElement("code");
    code.className = "language-text";
    code.textContent = item.text;
    pre.appendChild(code);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bx-passage-copy";
    button.textContent = "Copy " + item.label;
    button.addEventListener("click", function () {
      copy(item.text).then(function () {
        status.textContent = "The " + item.label + " citation of this passage is copied.";
      }, function () {
        status.textContent = "Could not copy: select the " + item.label + " citation and copy it.";
      });
    });
    return [pre, button];
  }

  function fill(container, items) {
    var status = document.createElement("p");
    status.className = "bx-passage-status";
    status.setAttribute("role", "status");
    items.forEach(function (item) {
      citationBlock(item, status).forEach(function (node) { container.appendChild(node); });
    });
    container.appendChild(status);
  }

  function citeUnderPage(passage, items) {
    var last = document.querySelector('pre[data-cite="archive-apa"]');
    if (!last) return;
    var block = document.createElement("div");
    block.className = "bx-cite-passage";
    var intro = document.createElement("p");
    intro.textContent = "This passage (paragraph " + passage.number + "; Chicago, then APA):";
    block.appendChild(intro);
    fill(block, items);
    last.parentNode.insertBefore(block, last.nextSibling);
  }

  /* Focus goes back to the paragraph's own "¶" (kept from when the panel opened: a note or a suggestion may
   * have been put between the paragraph and the panel since). */
  function closePanel(panel, paragraph, giveFocusBack) {
    var link = paragraph.querySelector(":scope > .bx-passage-link");
    panel.remove();
    if (giveFocusBack && link) link.focus({ preventScroll: true });
  }

  function openPanel(passage, items) {
    var panel = document.createElement("section");
    panel.className = "bx-passage-panel";
    panel.id = "cite-" + passage.paragraph.id;
    panel.tabIndex = -1;
    panel.setAttribute("aria-labelledby", panel.id + "-title");
    var title = document.createElement("p");
    title.className = "bx-passage-panel__title";
    title.id = panel.id + "-title";
    title.textContent = "Cite this passage (paragraph " + passage.number + "): Chicago, then APA";
    panel.appendChild(title);
    fill(panel, items);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "bx-passage-panel__close";
    button.textContent = "Close";
    button.addEventListener("click", function () { closePanel(panel, passage.paragraph, true); });
    panel.appendChild(button);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closePanel(panel, passage.paragraph, true);
    });
    passage.paragraph.insertAdjacentElement("afterend", panel);
    panel.focus({ preventScroll: true });
    panel.scrollIntoView({ block: "nearest" });
  }

  function citePassage() {
    document.querySelectorAll(".bx-cite-passage, .bx-passage-panel").forEach(function (old) { old.remove(); });
    var passage = namedPassage();
    var items = passage && citations(passage);
    if (!items) return;
    citeUnderPage(passage, items);
    openPanel(passage, items);
  }

  function setUp() {
    addLinks();
    citePassage();
  }

  /* Following the "¶" of the passage the address already names changes no address (no hashchange): open
   * its panel again. Capture phase, as Material's instant navigation handles link clicks on the document. */
  window.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a.bx-passage-link");
    if (!link || link.hash !== location.hash || event.button !== 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    citePassage();
  }, true);

  window.addEventListener("hashchange", citePassage);
  window.bxOnEveryPage(setUp);
})();

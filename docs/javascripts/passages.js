/* Passage links: every paragraph of an article body has an id made from its words
 * (build_tools/link/passages.py). This script gives each one a "¶" link to itself,
 * shown on hover and on keyboard focus, and, when the address names a passage,
 * adds that passage's citations (the archived copy's, with "para. N" and the
 * passage's address) under "Cite this page". Works with instant navigation.
 */
(function () {
  "use strict";

  var PASSAGE = 'article p[id^="p-"]';

  function addLinks() {
    document.querySelectorAll(PASSAGE).forEach(function (paragraph, index) {
      if (paragraph.querySelector(":scope > .bx-passage-link")) return;
      var link = document.createElement("a");
      link.className = "bx-passage-link";
      link.href = "#" + paragraph.id;
      // No text: the style sheet draws the "¶", so it is no part of the paragraph's words.
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

  function citePassage() {
    var old = document.querySelector(".bx-cite-passage");
    if (old) old.remove();
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return; // an address whose anchor is not valid percent-encoding names no passage
    }
    var passages = Array.prototype.slice.call(document.querySelectorAll(PASSAGE));
    var number = passages.findIndex(function (p) { return p.id === id; }) + 1;
    var last = document.querySelector('pre[data-cite="archive-apa"]');
    if (!number || !last) return;
    var address = location.href.split("#")[0] + "#" + id;
    var block = document.createElement("div");
    block.className = "bx-cite-passage";
    var intro = document.createElement("p");
    intro.textContent = "This passage (paragraph " + number + "; Chicago, then APA):";
    block.appendChild(intro);
    ["archive-chicago", "archive-apa"].forEach(function (name) {
      var pre = document.querySelector('pre[data-cite="' + name + '"]').cloneNode(true);
      pre.setAttribute("data-cite", "passage-" + name.slice("archive-".length));
      var code = pre.querySelector("code");
      code.textContent = passageCitation(code.textContent.trim(), number, address);
      block.appendChild(pre);
    });
    last.parentNode.insertBefore(block, last.nextSibling);
  }

  function setUp() {
    addLinks();
    citePassage();
  }

  window.addEventListener("hashchange", citePassage);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

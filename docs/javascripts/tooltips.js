/* Definitions of the linked first mentions (glossary terms, people, organisations) as tooltips
 * that meet WCAG 2.2 SC 1.4.13 "Content on Hover or Focus".
 *
 * The build writes each first mention as a link to the entry's page whose `title` is the short
 * definition (build_tools/link/terms.py): without this script the link goes to the page and the
 * browser shows the title. With it, the title moves into `data-bx-definition` (so the browser's
 * own tooltip does not appear as well) and each link gets a tooltip of its own, described to
 * screen readers (`aria-describedby` on the link, `role="tooltip"` on the definition):
 * - hover or keyboard focus shows it; the pointer can move onto it (hoverable); it stays until
 *   hover and focus have both left, or Escape dismisses it without moving either (persistent,
 *   dismissible);
 * - on a touch screen a first tap shows it (the entry's name, its definition and a "Read the
 *   entry" link), a second tap on the link follows it, a tap elsewhere closes it.
 * Contributed text goes in with textContent only. Works with instant navigation (document$).
 */
(function () {
  "use strict";

  var LINK = 'article a[data-bx-definition][id^="term-"], article a[data-bx-definition][id^="person-"], ' +
    'article a[data-bx-definition][id^="org-"]';
  var FIRST_MENTION = /^(term|person|org)-/;
  var GRACE_MS = 300; /* the pointer may cross the gap between the link and its tooltip */
  var GAP_PX = 6;
  var EDGE_PX = 8;

  var state = { hover: null, focus: null, tap: null, dismissed: null, shown: null, tapStart: null };
  var timer = null;

  function tipOf(link) {
    return document.getElementById("bx-tip-" + link.id);
  }

  function ownerOf(node) {
    if (!(node instanceof Element)) return null;
    var link = node.closest(LINK);
    if (link) return link;
    var tip = node.closest(".bx-tooltip");
    return tip ? document.getElementById(tip.getAttribute("data-bx-for")) : null;
  }

  /* The entry's name, as the page shows it (Korean marked as Korean): the "Terms on this page" and
   * "People and organisations on this page" lists link each entry by its name; the mention's own
   * words are the fallback. */
  function entryName(link) {
    var named = document.querySelectorAll("article ul.archive-repeated > li > a[href]:first-child");
    for (var i = 0; i < named.length; i++) {
      if (named[i].href === link.href) return named[i];
    }
    return link;
  }

  function part(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) appendText(node, text);
    return node;
  }

  /* `text` as text nodes, each run of Hangul in <span lang="ko"> as the build marks the page's own
   * (build_tools/render/language.py): the classes are disjoint, so the match is linear. */
  var HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff";
  var KOREAN = new RegExp("[" + HANGUL + "]+(?:[\\s\u00b7,.:;!?'\"\u2018\u2019\u201c\u201d\\-\u2013\u2014]+[" +
    HANGUL + "]+)*", "g");

  function appendText(node, text) {
    var position = 0;
    text.replace(KOREAN, function (run, offset) {
      node.appendChild(document.createTextNode(text.slice(position, offset)));
      var span = document.createElement("span");
      span.lang = "ko";
      span.textContent = run;
      node.appendChild(span);
      position = offset + run.length;
      return run;
    });
    node.appendChild(document.createTextNode(text.slice(position)));
  }

  function makeTip(link) {
    var tip = part("div", "bx-tooltip", "");
    tip.id = "bx-tip-" + link.id;
    tip.hidden = true;
    tip.setAttribute("data-bx-for", link.id);
    var name = part("p", "bx-tooltip__name", "");
    entryName(link).childNodes.forEach(function (node) { name.appendChild(node.cloneNode(true)); });
    tip.appendChild(name);
    var text = part("p", "bx-tooltip__text", link.getAttribute("data-bx-definition"));
    text.id = "bx-tip-text-" + link.id;
    text.setAttribute("role", "tooltip");
    tip.appendChild(text);
    var more = part("a", "bx-tooltip__more", "Read the entry");
    more.href = link.href;
    more.tabIndex = -1; /* keyboard users follow the link itself */
    tip.appendChild(more);
    link.setAttribute("aria-describedby", text.id);
    return tip;
  }

  function setUp() {
    clearTimeout(timer);
    state = { hover: null, focus: null, tap: null, dismissed: null, shown: null, tapStart: null };
    document.querySelectorAll(".bx-tooltip").forEach(function (tip) { tip.remove(); });
    document.querySelectorAll("article a[title][href]").forEach(function (link) {
      if (!FIRST_MENTION.test(link.id)) return;
      link.setAttribute("data-bx-definition", link.getAttribute("title"));
      link.removeAttribute("title");
    });
    document.querySelectorAll(LINK).forEach(function (link) {
      document.body.appendChild(makeTip(link));
    });
  }

  function place(link, tip) {
    var rects = link.getClientRects();
    var line = rects[rects.length - 1] || link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(EDGE_PX, Math.min(line.left, width - tip.offsetWidth - EDGE_PX));
    var below = link.getBoundingClientRect().bottom + GAP_PX;
    var above = link.getBoundingClientRect().top - GAP_PX - tip.offsetHeight;
    var header = document.querySelector(".md-header"); /* sticky: a box above must clear it */
    var fitsBelow = below + tip.offsetHeight <= window.innerHeight;
    var fitsAbove = above >= (header ? header.getBoundingClientRect().bottom : 0);
    var top = fitsBelow || !fitsAbove ? below : above;
    tip.classList.toggle("bx-tooltip--above", top === above);
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    if (state.shown && state.shown !== link) hide();
    var tip = tipOf(link);
    if (!tip) return;
    tip.hidden = false;
    place(link, tip);
    state.shown = link;
  }

  function hide() {
    var tip = state.shown && tipOf(state.shown);
    if (tip) tip.hidden = true;
    state.shown = null;
  }

  /* The link whose tooltip should show: a tapped one, else the hovered, else the focused. */
  function wanted() {
    var order = [state.tap, state.hover, state.focus];
    for (var i = 0; i < order.length; i++) {
      if (order[i] && order[i] !== state.dismissed) return order[i];
    }
    return null;
  }

  function refresh() {
    clearTimeout(timer);
    var link = wanted();
    if (link === state.shown) return;
    if (link) show(link);
    else timer = setTimeout(function () { if (!wanted()) hide(); }, GRACE_MS);
  }

  function forget(link) {
    if (state.dismissed === link && state.hover !== link && state.focus !== link) state.dismissed = null;
  }

  function onPointerOver(event) {
    if (event.pointerType === "touch") return;
    var owner = ownerOf(event.target);
    if (owner === state.hover) return;
    var left = state.hover;
    state.hover = owner;
    if (owner && owner === state.dismissed && owner !== state.focus) state.dismissed = null;
    forget(left);
    refresh();
  }

  function onPointerOut(event) {
    if (event.pointerType === "touch" || event.relatedTarget) return;
    var left = state.hover; /* the pointer left the window */
    state.hover = null;
    forget(left);
    refresh();
  }

  function onFocusIn(event) {
    var owner = ownerOf(event.target);
    if (owner === state.focus) return;
    var left = state.focus;
    state.focus = owner;
    if (owner && owner === state.dismissed) state.dismissed = null;
    forget(left);
    refresh();
  }

  function onFocusOut(event) {
    if (ownerOf(event.relatedTarget)) return; /* focusin names the new owner */
    var left = state.focus;
    state.focus = null;
    forget(left);
    refresh();
  }

  function onKeyDown(event) {
    if (event.key !== "Escape" || !state.shown) return;
    var link = state.shown;
    if (tipOf(link).contains(document.activeElement)) link.focus();
    clearTimeout(timer);
    hide();
    state.dismissed = link;
    state.tap = null;
  }

  /* A touch (or pen) press: on a mention, remember whether its tooltip was already open; elsewhere
   * (outside the tooltip too), close it. */
  function onPointerDown(event) {
    if (event.pointerType === "mouse") return;
    var owner = ownerOf(event.target);
    var link = event.target instanceof Element && event.target.closest(LINK);
    state.tapStart = link ? { link: link, open: state.shown === link } : null;
    if (owner) return;
    if (state.shown) state.dismissed = state.shown;
    state.tap = null;
    clearTimeout(timer);
    hide();
  }

  /* Capture phase on window: Material's instant navigation handles link clicks on the document. */
  function onClick(event) {
    var start = state.tapStart;
    state.tapStart = null;
    var link = event.target instanceof Element && event.target.closest(LINK);
    if (!link || !start || start.link !== link || start.open) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    state.tap = link;
    state.dismissed = null;
    refresh();
  }

  window.addEventListener("pointerdown", onPointerDown, true);
  window.addEventListener("click", onClick, true);
  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("focusout", onFocusOut);
  document.addEventListener("keydown", onKeyDown);
  window.addEventListener("resize", function () { if (state.shown) place(state.shown, tipOf(state.shown)); });

  window.bxOnEveryPage(setUp);
})();

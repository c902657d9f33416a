/* "Suggest a note": selecting words in an article's paragraph (or list item) shows a "Suggest a note"
 * link beside the selection. It opens a new GitHub issue from the "suggest-note.yml" form (a plain link:
 * no script of GitHub's runs here), prefilled with a ready-to-paste entry for the article's notes file:
 * the quote as the build matches it (build_tools/link/anchor.py), a `prefix` or `suffix` when the words
 * occur more than once (counted by suggest-context.js over the very blocks the build counts), and the
 * paragraph's address. Only on article pages whose build knows the repository
 * (templates/theme/partials/actions.html gives `data-suggest`). Works with instant navigation, the
 * mouse, the keyboard (Shift+arrows, then Tab) and touch (selectionchange); a selection running into
 * the next block (a triple-click) is taken in the block where it starts.
 * Every text goes in with textContent; the address is built with URL and URLSearchParams.
 */
(function () {
  "use strict";

  /* The blocks of words the build counts a quote over (build_tools/link/passages.py): the paragraphs, which
   * have an id, and the items of tight lists, marked. A text belongs to the nearest block around it. */
  var BLOCKS = 'article p[id^="p-"], article li[data-bx-block]';
  /* Furniture: drawn into paragraphs by the archive, not part of the article's words. */
  var FURNITURE = ".bx-note-ref, .bx-passage-link, .bx-suggest, [role='tooltip'], [aria-hidden='true'], script, style, button";
  var LINKS = "a";
  var EMPHASIS = "em, strong, i, b, code";
  /* A note's words; Material's `<mark data-md-highlight>` of a search's words is no note. */
  var NOTES = "mark:not([data-md-highlight])";
  var MAX_QUOTE = 1000; /* characters read from a selection at most: longer ones are refused */
  var MAX_ADDRESS = 8000; /* GitHub refuses longer addresses (about 8 kB) */
  var isWord = window.bxSuggest.isWord;

  /* The words a reader sees in `block` (not those of a block inside it), with each text node's place in them. */
  function textOf(block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        var own = parent.closest(BLOCKS) === block && !parent.closest(FURNITURE);
        return own ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    var text = "";
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node, start: text.length });
      text += node.data;
    }
    return { text: text, nodes: nodes };
  }

  /* The block a selection is in: where it starts, or, when it holds none of that block's words, where it ends. */
  function blockOf(range) {
    var ends = [range.startContainer, range.endContainer].map(function (node) {
      var element = node.nodeType === 1 ? node : node.parentElement;
      return element && element.closest(BLOCKS);
    });
    for (var i = 0; i < ends.length; i++) {
      if (!ends[i]) continue;
      var read = textOf(ends[i]);
      var at = span(range, read);
      if (at) return { block: ends[i], read: read, at: at };
    }
    return null;
  }

  /* The selection's [start, end) in the paragraph's words, or null when it holds none of them. */
  function span(range, read) {
    var start = -1;
    var end = -1;
    read.nodes.forEach(function (item) {
      if (!range.intersectsNode(item.node)) return;
      var from = item.node === range.startContainer ? range.startOffset : 0;
      var to = item.node === range.endContainer ? range.endOffset : item.node.data.length;
      if (from >= to) return;
      if (start < 0) start = item.start + from;
      end = item.start + to;
    });
    return start < 0 ? null : [start, end];
  }

  /* Each element of `selector` in the paragraph, as its [start, end) in the paragraph's words. */
  function spans(paragraph, read, selector) {
    return Array.prototype.map.call(paragraph.querySelectorAll(selector), function (element) {
      var range = document.createRange();
      range.selectNodeContents(element);
      return span(range, read) || [0, 0];
    });
  }

  /* The selection grown to whole words, whole links, and emphasis it starts or ends in but crosses. */
  function widened(paragraph, read, at) {
    var text = read.text;
    var start = at[0];
    var end = at[1];
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    while (start > 0 && isWord(text[start - 1]) && isWord(text[start])) start--;
    while (end < text.length && isWord(text[end]) && isWord(text[end - 1])) end++;
    spans(paragraph, read, LINKS).forEach(function (link) {
      if (link[0] < start && start < link[1]) start = link[0];
      if (link[0] < end && end < link[1]) end = link[1];
    });
    spans(paragraph, read, EMPHASIS).forEach(function (emphasis) {
      if (emphasis[0] < start && start < emphasis[1] && end > emphasis[1]) start = emphasis[0];
      if (emphasis[0] < end && end < emphasis[1] && start < emphasis[0]) end = emphasis[1];
    });
    return [start, end];
  }

  /* Text with one space for any run of whitespace, trimmed: as the entry gives it. */
  function spaced(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  /* A YAML 1.2 double-quoted scalar holding `text` exactly. */
  function yamlString(text) {
    var escaped = text.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, function (c) {
      var named = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" }[c];
      return named || "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
    return '"' + escaped + '"';
  }

  /* An id from the quote's first words (lower-case letters and digits), not taken on this page. */
  function noteId(quote, paragraph) {
    var words = quote.normalize("NFKD").toLowerCase().match(/[a-z0-9]+/g) || [];
    var base = words.slice(0, 5).join("-").slice(0, 60).replace(/-+$/, "");
    if (!base) base = paragraph.id ? "note-" + paragraph.id.slice(2, 40).replace(/-+$/, "") : "note";
    var id = base;
    for (var n = 2; document.getElementById("note-" + id); n++) id = base + "-" + n;
    return id;
  }

  function entry(id, quote, found, passage) {
    var lines = ["  # Suggested for " + passage, "  - id: " + yamlString(id), "    quote: " + yamlString(quote)];
    if (found.prefix) lines.push("    prefix: " + yamlString(found.prefix));
    if (found.suffix) lines.push("    suffix: " + yamlString(found.suffix));
    lines.push(
      '    note: "TO FILL: your note, in your own words (Markdown; no HTML)."',
      '    author: "your-github-handle"   # TO FILL',
      '    kind: "context"                # context, correction, clarification, term or person',
      "    sources:",
      '      - title: "TO FILL: the title of a source that says what the note says"',
      '        url: "https://example.org/TO-FILL"'
    );
    return lines.join("\n") + "\n";
  }

  /* The suggestion for the current selection: {href} for the link, or {problem} to show instead, with the
   * paragraph and range it is shown by; null when the selection holds no words of one paragraph. */
  function suggestion(selection, start) {
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var found = blockOf(range);
    if (!found) return null;
    var block = found.block;
    var read = found.read;
    var shown = { paragraph: block, range: range };
    var at = widened(block, read, found.at);
    if (overlapsNote(block, read, at))
      return Object.assign(shown, { problem: "These words overlap a note: select others to suggest one." });
    if (at[1] - at[0] > MAX_QUOTE)
      return Object.assign(shown, { problem: "Select fewer words to suggest a note (" + MAX_QUOTE + " characters at most)." });
    var quote = spaced(read.text.slice(at[0], at[1]));
    if (!quote) return null;
    var place = placed(block, read, at);
    if (!place.unique) /* the same words, and the same around them, elsewhere: check would refuse the entry */
      return Object.assign(shown, { problem: "These words recur with the same words around them: select more." });
    var passage = pageAddress() + (block.id ? "#" + block.id : "");
    var url = new URL(start.getAttribute("data-suggest"));
    url.searchParams.set("template", "suggest-note.yml");
    url.searchParams.set("title", "Note on \u201c" + (quote.length > 60 ? quote.slice(0, 59) + "\u2026" : quote) + "\u201d");
    url.searchParams.set("notes-file", start.getAttribute("data-notes-file"));
    url.searchParams.set("passage", passage);
    url.searchParams.set("entry", entry(noteId(quote, block), quote, place, passage));
    if (url.href.length > MAX_ADDRESS)
      return Object.assign(shown, { problem: "Select fewer words to suggest a note: the suggestion would be too long." });
    return Object.assign(shown, { href: url.href });
  }

  /* The prefix and suffix that make the words at [start, end) of the block unique in the article, counted over
   * every block the build counts (read for each selection: linear in the article; suggest-context.js). */
  function placed(block, read, at) {
    var blocks = Array.prototype.slice.call(document.querySelectorAll(BLOCKS));
    var texts = blocks.map(function (other) {
      return window.bxSuggest.compared(other === block ? read.text : textOf(other).text);
    });
    var start = window.bxSuggest.compared(read.text.slice(0, at[0])).length;
    var end = start + window.bxSuggest.compared(read.text.slice(at[0], at[1])).length;
    var found = window.bxSuggest.context(texts, blocks.indexOf(block), start, end);
    var words = read.text.replace(/\s+/g, " "); /* character for character the compared text */
    return {
      prefix: spaced(words.slice(found.before, start)),
      suffix: spaced(words.slice(end, found.after)),
      unique: found.unique,
    };
  }

  /* The page's published address (its canonical link, kept current by instant navigation), never the address it
   * was opened at: a search result's `?h=...` is no part of a passage's address. */
  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href.split("#")[0] : location.origin + location.pathname;
  }

  /* Whether [start, end) shares a character with a note's words (a <mark>): the build refuses overlaps. */
  function overlapsNote(paragraph, read, at) {
    return spans(paragraph, read, NOTES).some(function (mark) {
      return mark[0] < at[1] && at[0] < mark[1];
    });
  }

  var shown = null;
  var pressing = false;

  function hide() {
    if (shown) shown.remove();
    shown = null;
  }

  function show(found) {
    hide();
    var box = document.createElement("div");
    box.className = "bx-suggest";
    if (found.href) {
      var link = document.createElement("a");
      link.href = found.href;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Suggest a note";
      link.title = "Opens a prefilled issue on GitHub (you need a GitHub account to submit it)";
      link.addEventListener("pointerdown", function () { pressing = true; });
      link.addEventListener("mousedown", function (event) { event.preventDefault(); });
      link.addEventListener("click", function () { pressing = false; setTimeout(hide, 0); });
      box.appendChild(link);
    } else {
      box.setAttribute("role", "status");
      box.textContent = found.problem;
    }
    found.paragraph.after(box);
    var rect = found.range.getBoundingClientRect();
    var origin = (box.offsetParent || document.body).getBoundingClientRect();
    box.style.top = rect.bottom - origin.top + 8 + "px";
    var room = Math.max(0, (box.offsetParent || document.body).clientWidth - box.offsetWidth);
    box.style.left = Math.min(room, Math.max(0, rect.left - origin.left)) + "px"; /* never past the edge */
    shown = box;
  }

  var timer = 0;
  function update() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var start = document.querySelector(".bx-source-links[data-suggest]");
      if (!start) return hide();
      var found = suggestion(document.getSelection(), start);
      if (found) return show(found);
      if (!pressing && !(shown && shown.contains(document.activeElement))) hide();
    }, 120);
  }

  document.addEventListener("selectionchange", update);
  document.addEventListener("pointerup", function () { pressing = false; });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) hide();
  });
})();

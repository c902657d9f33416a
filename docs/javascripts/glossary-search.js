/* Entries first in search: a query that is the name, expansion, Korean name or an alias of
 * a glossary term, person or organisation shows that entry's page as the first result.
 *
 * The names come from data/entries.json (build_tools/render/search_names.py), folded as
 * fold() folds the query. With Material's search, the results Material draws are
 * reordered (or the entry's page added when the index missed it); with Pagefind,
 * pagefind-search.js asks firstEntry() before it draws. Titles and tooltips are set as
 * text, never as HTML.
 */
(function () {
  "use strict";

  var entries = null;

  // The site's root, from the page this script first ran on: Material's config gives it relative to
  // that page, and instant navigation changes the address without running the script again.
  var ROOT = (function () {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), location.href);
  })();

  function siteRoot() {
    return ROOT;
  }

  function fold(text) {
    return text.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function load() {
    if (!entries && location.protocol === "file:") entries = Promise.resolve([]); // a copy opened from disk cannot fetch
    if (!entries) {
      entries = fetch(new URL("data/entries.json", siteRoot()).href)
        .then(function (response) {
          return response.ok ? response.json() : { entries: [] };
        })
        .then(function (data) {
          return data.entries;
        })
        .catch(function () {
          return [];
        });
    }
    return entries;
  }

  function entryFor(query, list) {
    var folded = fold(query);
    if (!folded) return null;
    return list.find(function (entry) {
      return entry.names.indexOf(folded) !== -1;
    }) || null;
  }

  // A result's page, without Material's highlight query (?h=...) or a section's anchor.
  function address(li) {
    var link = li.querySelector("a[href]");
    if (!link) return "";
    var url = new URL(link.href);
    return url.origin + url.pathname;
  }

  function item(entry, href) {
    var li = document.createElement("li");
    li.className = "md-search-result__item bx-search-entry";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href;
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.textContent = entry.title;
    var text = document.createElement("p");
    text.textContent = entry.short;
    article.append(icon, title, text);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  /* `items` (result <li>s, in order) with the page of the entry `query` names first; the same
   * array when the query names no entry or its page is already first; null until the names
   * are loaded (then `ready` is called). */
  function firstEntry(query, items, ready) {
    if (!fold(query)) return items;
    if (!Array.isArray(entries)) {
      load().then(function (list) {
        entries = list;
        if (ready) ready();
      });
      return null;
    }
    var entry = entryFor(query, entries);
    if (!entry) return items;
    var href = new URL(entry.url, siteRoot()).href;
    var page = new URL(href);
    // Results the engine drew (not one added here before): Material draws more as the reader scrolls.
    var found = items.filter(function (li) {
      return !li.classList.contains("bx-search-entry");
    });
    var at = found.findIndex(function (li) {
      return address(li) === page.origin + page.pathname;
    });
    if (at === 0 && found.length === items.length) return items;
    if (at > 0 || (at === 0 && found.length < items.length)) {
      return [found[at]].concat(found.filter(function (_, index) {
        return index !== at;
      }));
    }
    if (found.length < items.length) return items; // added already
    return [item(entry, href)].concat(found);
  }

  window.bxSearchEntries = { firstEntry: firstEntry, load: load };

  // Material's own search: reorder what it drew. (With Pagefind, its script does this itself.)
  function reorder() {
    if (window.bxPagefindSearch) return;
    var box = document.querySelector("input[data-md-component='search-query']");
    var list = document.querySelector(".md-search-result__list");
    if (!box || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var ordered = firstEntry(box.value, items, reorder);
    if (!ordered || ordered === items) return;
    list.replaceChildren.apply(list, ordered);
    var meta = document.querySelector(".md-search-result__meta");
    // Material's count is of every result, drawn or not: it changes only where it found nothing.
    if (meta && items.length === 0) meta.textContent = "1 matching document";
  }

  window.addEventListener(
    "focusin",
    function (event) {
      if (event.target instanceof Element && event.target.matches("input[data-md-component='search-query']")) load();
    },
    true
  );
  new MutationObserver(function (records) {
    if (records.some(function (record) {
      var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      return node && node.closest(".md-search-result");
    })) reorder();
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})();

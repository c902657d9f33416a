/* Pagefind behind Material's search box (mkdocs.yml: extra.search_engine: pagefind;
 * the build adds this script only then).
 *
 * Material's own index is empty in this mode. This script answers the same box:
 * it takes the box's input events before Material does, asks Pagefind (which
 * fetches only the index chunks the query needs) and renders the results with
 * Material's markup, so the dialog, keyboard navigation and Enter work as before.
 * Excerpts are rebuilt from text nodes and <mark> only: no page HTML is inserted.
 */
(function () {
  "use strict";

  window.bxPagefindSearch = true; // glossary-search.js leaves the ordering to draw() below

  var BATCH = 10; // results whose excerpts are fetched at a time, as many as Material first shows
  var SETTLE_MS = 120; // a query is asked once typing pauses this long: each one fetches ten excerpts
  var ticket = 0;
  var shown = null; // {query, total, items, rest} last rendered, re-applied if Material redraws
  var pagefind = null;
  var observer = null;
  var enterHeld = false; // Enter was pressed before the typed query's results were drawn

  // The site's root, from the page this script first ran on: Material's config gives it relative to
  // that page, and instant navigation changes the address without running the script again.
  var ROOT = (function () {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), location.href);
  })();

  function siteRoot() {
    return ROOT;
  }

  // A large site has several indexes (pagefind/bundles.json names the others: the build splits them so that
  // its indexer's memory stays bounded); each is merged into the first, and a query asks them all.
  function others(root) {
    return fetch(new URL("pagefind/bundles.json", root).href).then(function (response) {
      if (response.status === 404) return []; // no list: the index is one
      // A server error is a failed load (tried again), not a site without the others.
      if (!response.ok) throw new Error("pagefind/bundles.json: HTTP " + response.status);
      return response.json();
    });
  }

  // Pagefind loads the first index by itself, and a merge waits for it without end if that failed. Asking for
  // its filters (the site has none) waits for it too, but throws if it failed.
  function merged(module, root) {
    return Promise.all([others(root), module.filters()])
      .then(function (done) {
        return Promise.all(
          done[0].map(function (folder) {
            return module.mergeIndex(new URL(folder, root).pathname, { baseUrl: root.pathname });
          })
        );
      })
      .then(function () {
        return module;
      });
  }

  // import() gives the same module again, and with it the same search: Pagefind keeps an index whose merge
  // failed, and every later query throws that failure. A failed load therefore destroys that search; the next
  // load starts a new one and merges each index into it once (merged again into the old one, an index that had
  // loaded would answer twice).
  function ready(module, root) {
    return Promise.resolve(module.options({ baseUrl: root.pathname }))
      .then(function () {
        return merged(module, root);
      })
      .catch(function (error) {
        return Promise.resolve(module.destroy()).then(function () {
          throw error;
        });
      });
  }

  // Every query (and the box's focus) shares one load while it lasts. One that failed (the network dropped) is
  // forgotten, so that the next query loads again: kept, it would fail every query for the page's life.
  function load() {
    if (!pagefind) {
      var root = siteRoot();
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return ready(module, root);
      });
      pagefind.catch(function () {
        pagefind = null;
      });
    }
    return pagefind;
  }

  function parts() {
    return {
      meta: document.querySelector(".md-search-result__meta"),
      list: document.querySelector(".md-search-result__list"),
    };
  }

  function element(tag, className) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    return el;
  }

  function excerpt(html) {
    var paragraph = element("p");
    var body = new DOMParser().parseFromString("<body>" + html, "text/html").body;
    body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = element("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(data, rank) {
    var li = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.setAttribute("data-md-score", String(-rank));
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    var title = element("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    article.appendChild(excerpt(data.excerpt || ""));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function count(total, query) {
    if (!query) return "Type to start searching";
    if (total === 0) return "No matching documents";
    if (total === 1) return "1 matching document";
    return total + " matching documents";
  }

  function more() {
    var li = element("li", "md-search-result__item bx-search-more");
    var button = element("button", "md-button");
    button.type = "button";
    button.textContent = "Show more results";
    button.addEventListener("click", function () {
      button.disabled = true;
      fetchBatch(ticket, shown.query, shown.total, shown.items, shown.rest);
    });
    li.appendChild(button);
    return li;
  }

  function draw() {
    var el = parts();
    if (!shown || !el.meta || !el.list) return;
    var children = shown.items.map(item);
    // The page of an entry the query names comes first (glossary-search.js); drawn again once
    // the entries' names have loaded.
    var entries = window.bxSearchEntries;
    var ordered = entries && shown.query ? entries.firstEntry(shown.query, children, draw) : null;
    var added = ordered && ordered.length > children.length ? 1 : 0;
    children = ordered || children;
    // An added page may still be among the results not fetched yet (the next batch then moves the real
    // one up instead): only where Pagefind found nothing is it counted.
    el.meta.textContent = count(shown.total || added, shown.query);
    if (shown.rest.length) children.push(more());
    el.list.replaceChildren.apply(el.list, children);
    if (observer) observer.takeRecords(); // our own changes are not Material's
  }

  // Fetch the excerpts of the next BATCH results only: the rest stay unfetched until asked for.
  function fetchBatch(mine, query, total, items, rest) {
    return Promise.all(
      rest.slice(0, BATCH).map(function (result) {
        return result.data();
      })
    ).then(function (data) {
      if (mine !== ticket) return;
      shown = { query: query, total: total, items: items.concat(data), rest: rest.slice(BATCH) };
      draw();
      enterIfAsked();
    });
  }

  // Enter pressed before the typed query's results were drawn would open the previous query's first
  // result (Material's Enter takes the first result shown): it is held, and given back once they are.
  function waiting(box) {
    return !shown || shown.query !== box.value.trim();
  }

  function enterIfAsked() {
    var box = document.querySelector("input[data-md-component='search-query']");
    if (!enterHeld || !box || waiting(box)) return;
    enterHeld = false;
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  }

  function settled() {
    return new Promise(function (resolve) {
      setTimeout(resolve, SETTLE_MS);
    });
  }

  function search(query) {
    var mine = ++ticket;
    query = query.trim();
    if (!query) {
      shown = { query: "", total: 0, items: [], rest: [] };
      draw();
      return;
    }
    Promise.all([load(), settled()])
      .then(function (done) {
        return mine === ticket ? done[0].search(query) : null;
      })
      .then(function (found) {
        if (!found) return null;
        if (mine !== ticket) return null;
        return fetchBatch(mine, query, found.results.length, [], found.results);
      })
      .catch(function (error) {
        if (mine !== ticket) return; // an older query's failure says nothing of the one shown now
        console.warn("Pagefind search failed:", error);
        shown = { query: query, total: 0, items: [], rest: [] };
        draw();
        enterIfAsked();
      });
  }

  function isSearchBox(target) {
    return target instanceof Element && target.matches("input[data-md-component='search-query']");
  }

  window.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Enter" || !isSearchBox(event.target) || !waiting(event.target)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      enterHeld = true;
    },
    true
  );

  // Typing goes to Pagefind; Material's handler (on keyup) never sees it.
  window.addEventListener(
    "keyup",
    function (event) {
      if (isSearchBox(event.target)) event.stopImmediatePropagation();
    },
    true
  );
  window.addEventListener(
    "input",
    function (event) {
      if (isSearchBox(event.target)) search(event.target.value);
    },
    true
  );

  // A reader who opens the search box is about to type: fetch Pagefind's code and the index's
  // entry file now, so the first query waits only for the chunks it needs.
  window.addEventListener(
    "focusin",
    function (event) {
      if (!isSearchBox(event.target)) return;
      load()
        .then(function (module) {
          return module.init();
        })
        .catch(function (error) {
          console.warn("Pagefind could not load:", error);
        });
    },
    true
  );

  // Material still redraws its (empty) results when the box regains focus; put ours back.
  observer = new MutationObserver(function (records) {
    var material = records.some(function (record) {
      var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      return node && node.closest(".md-search-result");
    });
    if (material && shown) draw();
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
})();

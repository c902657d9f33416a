// The item type Zotero's own translator code decides for pages' <meta> tags: the real init() of
// "Embedded Metadata.js" and detectType() of "RDF.js", read from a checkout of zotero/translators (checked at
// 2814370161d0), run with a stub document (its <meta> tags) and a stub RDF store.
// Usage: node tests/zotero_harness.js TRANSLATORS_DIR < pages.json, where pages.json is
// [[label, [[name or property, content, is_name], ...]], ...]; prints "label\ttype" per page.
// tests/test_zotero.py runs it when ZOTERO_TRANSLATORS names such a checkout (the translators are not copied here).
const fs = require("fs");
const path = require("path");
const DIR = process.argv[2];
function code(file) {
  const text = fs.readFileSync(path.join(DIR, file), "utf8");
  const start = text.indexOf("\n}\n") + 3;            // after the JSON header
  const end = text.indexOf("/** BEGIN TEST CASES **/");
  return text.slice(start, end);
}
const ITEM_TYPES = new Set("artwork audioRecording bill blogPost book bookSection case computerProgram conferencePaper dataset dictionaryEntry document email encyclopediaArticle film forumPost hearing instantMessage interview journalArticle letter magazineArticle manuscript map newspaperArticle note patent podcast preprint presentation radioBroadcast report standard statute thesis tvBroadcast videoRecording webpage".split(" "));
const ZU = { itemTypeExists: (t) => ITEM_TYPES.has(t), fieldIsValidForType: () => true };
function rdfTranslator() {
  const statements = [];
  const RDF = {
    addStatement: (s, p, o) => statements.push([s, p, o]),
    // Resources are objects, as in Zotero (RDF.js's getFirstResults treats a string as a list of nodes).
    getAllResources: () => [...new Set(statements.map((st) => st[0]))].map((uri) => ({ uri })),
    getTargets: (node, p) => { const r = statements.filter((st) => st[0] === node.uri && st[1] === p).map((st) => st[2]); return r.length ? r : false; },
    getSources: () => false,
    getResourceURI: (x) => (typeof x === "object" ? x.uri : x),
  };
  const Zotero = { RDF, debug() {} };
  const made = new Function("Zotero", "Z", "ZU", code("RDF.js") + "\nreturn {exports, getNodes, detectType};")(Zotero, Zotero, ZU);
  const obj = made.exports;
  obj.Zotero = Zotero; obj.getNodes = made.getNodes; obj.detectType = made.detectType;
  return obj;
}
function detect(metas) {
  const doc = {
    querySelectorAll: (sel) => sel === "meta" ? metas.map(([k, v, name]) => ({ getAttribute: (a) => a === (name ? "name" : "property") ? k : a === "content" ? v : null })) : [],
    getElementsByTagName: () => [], getElementById: () => null, getElementsByClassName: () => [],
    documentElement: { getAttribute: () => null }, head: { getAttribute: () => null },
  };
  const Zotero = { debug() {}, loadTranslator: () => ({ setTranslator() {}, setHandler() {}, getTranslatorObject: (cb) => cb(rdfTranslator()) }) };
  let found;
  const em = new Function("Zotero", "Z", "ZU", code("Embedded Metadata.js") + "\nreturn {init};")(Zotero, Zotero, ZU);
  em.init(doc, "https://archive.example.org/page", (type) => { found = type; });
  return found;
}
const input = JSON.parse(fs.readFileSync(0, "utf8"));
for (const [label, metas] of input) console.log(label + "\t" + detect(metas));

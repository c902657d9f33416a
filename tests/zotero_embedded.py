"""What Zotero's "Embedded Metadata" translator saves from a page's `<meta>` tags: its decision lines, ported.

Ported from zotero/translators at commit 2814370161d05d799086825fac8d499db3a33aa3 (the files last changed
in 6c9e20a05fdfdb524b10ad87d5934850498b8bdb), with each function named after the one it follows:

- `Embedded Metadata.js`, `init()`: every meta tag's name (or property) split at `.`, `:` and `_`; a known
  prefix (`dc`, `prism`, `og`, ...) makes an RDF statement for the RDF translator, `generator` may say
  blogPost, and the Highwire `citation_*` tags set `hwType` (`citation_journal_title` -> journalArticle,
  ...) or `hwTypeGuess` (`citation_title` -> journalArticle). With statements, the RDF translator's
  `defaultUnknownType` is `hwTypeGuess || generatorType || heuristicType || "webpage"`, and the item type
  is `hwType` if set, else `RDF.js`'s `detectType()`.
- `RDF.js`, `detectType()`: the type from `dc:type` (a Zotero item type as written, else the ePrints/PRISM
  words), `og:type` and `prism:aggregationType`, in its order `t.zotero || t.bib || t.prism || t.eprints ||
  t.og || t.dc || t.so || defaultUnknownType || ...Guess`. `importItem()`: the publication title from
  `prism:publicationName`, then `dc:source`, then (newspaper articles, web pages, blog posts) `og:site_name`.
- `Embedded Metadata.js`, `addHighwireMetadata()`: `HIGHWIRE_MAPPINGS` overwrite the RDF values (the last
  tag of a field present wins, in the mapping's order); authors from `citation_author`; `hwType` replaces
  the type. `addLowQualityMetadata()`: the URL falls back to `link[rel=canonical]` and the page's address.
- `RDF.js`, `importItem()`: a `dc:identifier` that is (or holds) an ISBN, ISSN or DOI sets that field
  (`zotero_identifiers`).

Left out, as the archive's pages carry none of it: `bib`/`bibo`/schema.org `rdf:type` and `isPartOf`
containers, ePrints and PRISM genre/platform types, Parse.ly, byline scraping, WordPress heuristics (the
`wp-block-library` ids). `tests/test_zotero.py` checks this port on pages of known outcome too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from zotero_identifiers import identifier_fields

PREFIXES = ("bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z", "eprint", "eprints", "og")
PREFIXES += ("article", "book", "music", "video", "so", "codemeta", "rdf")
"""`_prefixes` of Embedded Metadata.js: a tag whose first part is one of these becomes an RDF statement."""

HIGHWIRE_MAPPINGS = (
    ("citation_title", "title"), ("citation_publication_date", "date"), ("citation_cover_date", "date"),
    ("citation_date", "date"), ("citation_journal_title", "publicationTitle"),
    ("citation_journal_abbrev", "journalAbbreviation"), ("citation_inbook_title", "publicationTitle"),
    ("citation_book_title", "bookTitle"), ("citation_volume", "volume"), ("citation_issue", "issue"),
    ("citation_series_title", "series"), ("citation_conference_title", "conferenceName"),
    ("citation_conference", "conferenceName"), ("citation_dissertation_institution", "university"),
    ("citation_technical_report_institution", "institution"), ("citation_technical_report_number", "number"),
    ("citation_publisher", "publisher"), ("citation_isbn", "ISBN"), ("citation_abstract", "abstractNote"),
    ("citation_doi", "DOI"), ("citation_public_url", "url"), ("citation_language", "language"),
)  # fmt: skip
"""`HIGHWIRE_MAPPINGS`, in the file's order."""

HW_TYPES = {
    "citation_journal_title": "journalArticle", "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper", "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection", "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}  # fmt: skip
"""The `switch (shortTag)` of `init()` that sets `hwType`."""

ITEM_TYPES = frozenset([
    "artwork", "audioRecording", "bill", "blogPost", "book", "bookSection", "case", "computerProgram",
    "conferencePaper", "dataset", "dictionaryEntry", "document", "email", "encyclopediaArticle", "film",
    "forumPost", "hearing", "instantMessage", "interview", "journalArticle", "letter", "magazineArticle",
    "manuscript", "map", "newspaperArticle", "note", "patent", "podcast", "preprint", "presentation",
    "radioBroadcast", "report", "standard", "statute", "thesis", "tvBroadcast", "videoRecording", "webpage"
])  # fmt: skip
"""Zotero's item types: what `ZU.itemTypeExists` accepts (a `dc:type` written as one is taken as it is)."""

DC_WORDS = {
    "book": "book", "patent": "patent", "report": "report", "thesis": "thesis", "bookitem": "bookSection",
    "conferenceitem": "conferencePaper", "conferencepaper": "conferencePaper", "conferenceposter": "conferencePaper",
    "article": "journalArticle", "journalitem": "journalArticle", "journalarticle": "journalArticle",
    "submittedjournalarticle": "journalArticle", "text.serial.journal": "journalArticle",
    "newsitem": "newspaperArticle", "scholarlytext": "journalArticle", "workingpaper": "report",
    "authoredbook": "book", "bookchapter": "bookSection", "electronicbook": "book", "homepage": "webpage",
    "webpage": "webpage", "illustration": "artwork", "map": "map",
}  # fmt: skip
"""`detectType()`'s `dc:type` words (lower case, spaces removed) that set `t.dc` (its `dcGuess` ones omitted,
but `text`, below)."""

OG_TYPES = {"video.movie": "videoRecording", "video.episode": "videoRecording", "video.tv_show": "videoRecording",
            "video.other": "videoRecording", "book": "book", "music.song": "audioRecording",
            "music.album": "audioRecording", "website": "webpage"}  # fmt: skip
"""`detectType()`'s `og:type` values that set `t.og` (`article` only guesses journalArticle)."""

PRISM_AGGREGATION = {"book": "bookSection", "journal": "journalArticle", "magazine": "magazineArticle",
                     "newsletter": "newspaperArticle"}  # fmt: skip
"""`detectType()`'s `prism:aggregationtype` values (`feed` only guesses blogPost)."""


@dataclass
class Item:
    """The fields of the item Zotero would save that the archive's pages decide."""

    itemType: str | None = None  # noqa: N815 - Zotero's own field names
    """Zotero's item type."""
    title: str | None = None
    """The title."""
    publicationTitle: str | None = None  # noqa: N815
    """The publication: for a newspaper article, the newspaper."""
    date: str | None = None
    """The date, as the tag gives it."""
    url: str | None = None
    """The item's URL."""
    authors: list[str] = field(default_factory=list)
    """The authors, as written."""
    fields: dict[str, str] = field(default_factory=dict)
    """Every other field a Highwire tag set (publisher, language, ...)."""


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self.named: list[tuple[str, str]] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta":
            name = values.get("name") or values.get("property")
            if name and values.get("content"):  # `if (!tags || !value) continue;`
                self.tags.append((name, values["content"]))
            if values.get("name"):  # what `getContentText` and `getContent` read: `meta[name...]` only
                self.named.append((values["name"], values.get("content", "")))
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")


def _statement(tag: str) -> tuple[str, str] | None:
    """`init()`'s prefix rule: (prefix, property) when the tag is one the RDF translator reads."""
    parts = re.split(r"[.:_]", tag)
    prefix, length = None, 0
    if len(parts) > 2:
        prefix, length = parts[1].lower(), len(parts[0]) + len(parts[1]) + 1
    if not prefix or prefix not in PREFIXES:
        prefix, length = parts[0].lower(), len(parts[0])
    if prefix not in PREFIXES:
        return None
    prop = tag[length + 1 :]
    return prefix, prop[:1].lower() + prop[1:]


def _first(statements: list[tuple[str, str, str]], *keys: tuple[str, str]) -> str | None:
    """`getFirstResults(node, [...], true)`: the first value of the first property present."""
    for prefix, prop in keys:
        for have_prefix, have_prop, value in statements:
            if (have_prefix, have_prop) == (prefix, prop):
                return value
    return None


def detect_type(statements: list[tuple[str, str, str]], default_unknown: str | None) -> str | None:
    """`RDF.js` `detectType()`, for the `dc:type`, `og:type` and `prism:aggregationtype` it reads."""
    t: dict[str, str] = {}
    kind = _first(statements, ("dc", "type"), ("dcterms", "type"))
    if kind:
        if not kind.isdigit() and kind in ITEM_TYPES:
            t["dc"] = kind
        else:
            word = re.sub(r"\s", "", kind.lower())
            if word in DC_WORDS:
                t["dc"] = DC_WORDS[word]
            elif word == "text":
                t["dcGuess"] = "journalArticle"
    og = _first(statements, ("og", "type"))
    if og in OG_TYPES:
        t["og"] = OG_TYPES[og]
    elif og == "article":
        t["ogGuess"] = "journalArticle"
    aggregation = _first(statements, ("prism", "aggregationtype"))
    if aggregation in PRISM_AGGREGATION:
        t["prism"] = PRISM_AGGREGATION[aggregation]
    elif aggregation == "feed":
        t["prismGuess"] = "blogPost"
    order = ("zotero", "bib", "prism", "eprints", "og", "dc", "so")
    found = next((t[key] for key in order if key in t), None) or default_unknown
    return found or next((t[key] for key in ("prismGuess", "ogGuess", "dcGuess") if key in t), None)


def _init(tags: list[tuple[str, str]]) -> tuple[str | None, str | None, list[tuple[str, str, str]]]:
    """`init()`: (the item type, hwType, the RDF statements)."""
    hw_type = hw_guess = generator_type = None
    statements = []
    for names, value in tags:
        for tag in names.split():
            found = _statement(tag)
            if found:
                statements.append((*found, value))
            elif tag.lower() == "generator":
                if any(word in value.lower() for word in ("blogger", "wordpress", "wooframework")):
                    generator_type = "blogPost"
            else:
                short = tag[max(tag.rfind("citation_"), 0) :]
                if short in HW_TYPES:
                    hw_type = HW_TYPES[short]
                elif short in ("citation_title", "citation_series_title"):
                    hw_guess = hw_guess or "journalArticle"
                elif short == "citation_isbn":
                    hw_guess = "book"
    if not statements:  # `callback(exports.itemType || hwType || hwTypeGuess || generatorType)`, no RDF item
        return hw_type or hw_guess or generator_type, hw_type, statements
    default_unknown = hw_guess or generator_type or "webpage"  # one node: the page's own address
    return hw_type or detect_type(statements, default_unknown), hw_type, statements


def save(head: str, address: str) -> Item:
    """The item Zotero's Embedded Metadata translator saves from a page with this `<head>` at this address."""
    parser = _Meta()
    parser.feed(head)
    item_type, hw_type, statements = _init(parser.tags)
    item = Item(itemType=item_type)
    if statements:  # `importItem()`
        item.title = _first(statements, ("dc", "title"), ("dcterms", "title"), ("og", "title"))
        item.publicationTitle = _first(
            statements, ("prism", "publicationName"), ("dc", "source"), ("dcterms", "source")
        )
        site_name = _first(statements, ("og", "site_name"))
        if site_name and not item.publicationTitle and item_type in ("blogPost", "webpage", "newspaperArticle"):
            item.publicationTitle = site_name
        item.date = _first(statements, ("prism", "publicationDate"), ("og", "published_time"), ("dc", "date"))
        item.fields.update(identifier_fields(statements))  # `dc:identifier`: tests/zotero_identifiers.py
    _add_highwire(item, parser.named, hw_type)
    item.url = item.url or parser.canonical or address  # `addLowQualityMetadata()`
    return item


def _content(tags: list[tuple[str, str]], name: str) -> str | None:
    """`getContentText(doc, name)`: the content of the first meta tag whose name ends with `name`."""
    return next((value for have, value in tags if have.endswith(name)), None)


def _add_highwire(item: Item, tags: list[tuple[str, str]], hw_type: str | None) -> None:
    """`addHighwireMetadata()`: `processFields` (every mapped name present sets its field, in the mapping's
    order, so a later name of the same field wins), then the authors and `hwType`."""
    for name, zotero in HIGHWIRE_MAPPINGS:
        value = _content(tags, name)
        if value and value.strip():
            value = " ".join(value.split())  # `ZU.trimInternal`
            if zotero in ("title", "publicationTitle", "date", "url"):
                setattr(item, zotero, value)
            else:
                item.fields[zotero] = value
    authors = [value for name, value in tags if name.endswith("citation_author")]
    item.authors = authors or [value for name, value in tags if name.endswith("citation_authors")]
    if hw_type and hw_type != item.itemType:
        item.itemType = hw_type

"""An article as a reference to import: CSL-JSON, RIS and BibTeX files under `cite/`.

Each describes the original article (a newspaper article: its title, outlet, byline,
date only as precise as known, address where known) and notes the archived copy's
address. CSL-JSON's `id` and RIS's `ID` are the article's permanent identifier (`identifiers`):
pandoc's citeproc takes it as an id, `:` and `/` included, and prints the same texts
(tests/test_identifiers.py); Zotero saves neither as a field (`itemFromCSLJSON`, zotero/utilities,
makes the CSL id the imported item's `itemID`, the translation's key for relating the items of one
import; its RIS translator maps `ID` to `__ignore`). The BibTeX key stays the slug: a key cannot hold `/`.
Values are the article's plain text, escaped for each format: JSON through
`json_document` (no `<`, `>` or `&`), RIS on one line per tag, BibTeX with every special
character, braces included, written as a command, so the braces that remain are the format's own.
"""

from __future__ import annotations

import re

from build_tools import identifiers, urls
from build_tools.escape import inert, json_document, text_of
from build_tools.render.cards import ReferenceCard
from build_tools.values import PublishedDate

FORMATS = ("json", "ris", "bib")
"""The files each article gets: `cite/<slug>.json` (CSL-JSON), `.ris`, `.bib`."""


def _archived(article: ReferenceCard) -> str:
    """The note each format carries: where the archived copy is."""
    return f"Archived copy: {urls.article_url(article.slug)}"


def _one_line(value: object) -> str:
    return " ".join(text_of(str(value)).split())


def _shown(value: object) -> str:
    """A value as reference managers must take it: on one line, never as formatting (`escape.inert`)."""
    return inert(_one_line(value))


def csl_item(article: ReferenceCard) -> dict:
    """The original article as one CSL-JSON item, type `article-newspaper` (also what the page's
    Chicago and APA texts are formatted from: see `cite`)."""
    item: dict = {
        "id": identifiers.article(article.slug),
        "type": "article-newspaper",
        "title": _one_line(article.title),
        "container-title": _one_line(article.outlet),
        "issued": {"date-parts": [_parts(end) for end in article.published.ends]},  # two for an interval: a range
        "language": str(article.language),
    }
    if article.byline:
        item["author"] = [{"literal": _one_line(article.byline)}]
    if article.url:
        item["URL"] = str(article.url)
    return item


def _parts(date: PublishedDate) -> list[int]:
    """A date as CSL-JSON's `date-parts` entry: year, then month and day where known."""
    return [part for part in (date.year, date.month, date.day) if part]


def csl_json(article: ReferenceCard) -> str:
    """CSL-JSON: a list holding the article, with a note of the archived copy; its text fields inert, since
    CSL-JSON takes some tags in them as formatting (the item pandoc formats the page's texts from keeps them
    exact: `citeproc` hides them its own way)."""
    item = {
        key: inert(value) if key in ("title", "container-title") else value for key, value in csl_item(article).items()
    }
    if "author" in item:
        item["author"] = [{"literal": inert(name["literal"])} for name in item["author"]]
    return json_document([{**item, "note": _archived(article)}])


def ris(article: ReferenceCard) -> str:
    """RIS: `TY  - NEWS` and one line per tag, ending with `ER  -`; the date as `YYYY/MM/DD/`, unknown parts empty
    (an interval's covering date: RIS has no range, and Zotero reads `DA` as one date)."""
    date = article.published.covering
    month, day = (f"{part:02d}" if part else "" for part in (date.month, date.day))
    day = f"{date.year:04d}/{month}/{day}"
    lines = [("TY", "NEWS"), ("ID", identifiers.article(article.slug))]
    lines += [("TI", _shown(article.title)), ("T2", _shown(article.outlet))]
    lines += [("AU", _shown(article.byline))] if article.byline else []
    lines += [("PY", str(date.year)), ("DA", day + "/")]
    lines += [("UR", str(article.url))] if article.url else []
    lines += [("LA", str(article.language)), ("N1", _archived(article))]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "ER  - \n"


_BIBTEX_SPECIAL = re.compile(r"([\\{}%$&#_~^])")
_BIBTEX_WORDS = {
    "\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "{": r"\textbraceleft{}", "}": r"\textbraceright{}",  # BibTeX counts a brace even after a backslash
}  # fmt: skip
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""BibTeX's month macros, which every style prints in its own way."""
LANGUAGES = {"en": "english", "ko": "korean"}
"""biblatex's `langid` names (babel's) for the language tags the archive uses; others are left out."""


def _bibtex(value: object) -> str:
    """Plain text as a BibTeX field's contents: special characters escaped, so braces stay balanced."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WORDS.get(m.group(), "\\" + m.group()), _shown(value))


def _bibtex_url(url: str) -> str:
    """A URL as biblatex's verbatim `url` field: only what could unbalance or escape it is percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex(article: ReferenceCard) -> str:
    """BibTeX: an `@article`; the title in an extra pair of braces, so styles keep its capitals (ROK, USFK). An
    interval's covering date as `year` and `month`, not biblatex's `date` range: Zotero's BibTeX import prefers
    `date`, and before it read EDTF (zotero/utilities, August 2026) it took the range's first day as the date."""
    date, language = article.published.covering, LANGUAGES.get(str(article.language))
    fields = [("title", "{{" + _bibtex(article.title) + "}}"), ("journal", "{" + _bibtex(article.outlet) + "}")]
    fields += [("author", "{{" + _bibtex(article.byline) + "}}")] if article.byline else []
    fields += [("year", f"{{{date.year}}}")] + ([("month", MONTHS[date.month - 1])] if date.month else [])
    fields += [("url", "{" + _bibtex_url(str(article.url)) + "}")] if article.url else []
    fields += [("langid", "{" + language + "}")] if language else []
    fields += [("note", "{" + _bibtex(_archived(article)) + "}")]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@article{{{article.slug},\n{body}\n}}\n"


WRITERS = {"json": csl_json, "ris": ris, "bib": bibtex}
"""How each format is written."""

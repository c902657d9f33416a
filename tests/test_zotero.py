"""Zotero saves an archived article as a newspaper article, with its outlet as publication and its date.

Each built article page's `<head>` is read by `zotero_embedded.save`, the decision lines of Zotero's
"Embedded Metadata" and "RDF" translators ported to Python (the commit is named in that module); the port
is checked on pages whose outcome the translator's code fixes, the old page included.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ARTICLE, REPO
from site_helpers import build_site, copy_project
from zotero_embedded import save

from build_tools.load import edtf

ADDRESS = "https://archive.example.org/"
SIGNED = ARTICLE.replace("title: Talks in Seoul", "title: Talks in Seoul\nbyline: Jane Kim").replace(
    "published: 2006-03", "published: 2017-10-28"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archive, plus one signed article dated to the day, built as published."""
    root = copy_project(tmp_path_factory.mktemp("zotero") / "project", sources=True)
    (root / "articles" / "signed-talks.md").write_text(SIGNED, encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SITE_URL", ADDRESS)
        return build_site(root)


def _head(site: Path, slug: str) -> str:
    return (site / "articles" / slug / "index.html").read_text(encoding="utf-8").split("</head>")[0]


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def _zotero_date(published: object) -> str:
    """The front matter's date as the page gives it to Zotero: YYYY/MM/DD, only the parts known; an interval's
    covering date (`build_tools.intervals`)."""
    if isinstance(published, datetime.date):
        return published.strftime("%Y/%m/%d")
    found = edtf.parse(str(published), interval=True)
    assert not isinstance(found, edtf.Problem)
    return found.covering.iso.replace("-", "/")


@pytest.mark.parametrize("source", sorted((REPO / "articles").glob("*.md")), ids=lambda path: path.stem)
def test_every_archived_article_is_saved_as_a_newspaper_article(site: Path, source: Path) -> None:
    front = _front(source)
    item = save(_head(site, source.stem), ADDRESS + f"articles/{source.stem}/")
    assert item.itemType == "newspaperArticle"
    assert item.publicationTitle == front["outlet"]
    assert item.title == front["title"]
    assert item.date == _zotero_date(front["published"])
    assert item.url == ADDRESS + f"articles/{source.stem}/"  # the archived copy Zotero snapshots
    assert item.authors == ([front["byline"]] if "byline" in front else [])
    assert "publisher" not in item.fields and item.fields["language"] == front["language"]


def test_month_only_dates_stay_month_only_and_the_byline_is_the_author(site: Path) -> None:
    asia_times = save(_head(site, "washington-seoul-postpone-changes-wartime-troop-command-structure"), ADDRESS)
    assert asia_times.date == "2017/10"  # 28-31 October 2017: the month that holds it, no day made up
    voa = save(_head(site, "us-south-korea-discuss-changes-in-military-relationship"), ADDRESS)
    assert voa.date == "2006/03/21"  # the day its original's address gives
    signed = save(_head(site, "signed-talks"), ADDRESS)
    assert (signed.itemType, signed.date, signed.authors) == ("newspaperArticle", "2017/10/28", ["Jane Kim"])
    assert signed.publicationTitle == "Example News"


def _without_identifier(head: str) -> str:
    """The head without its `DC.identifier` tag (which it has once)."""
    stripped, count = re.subn(r'<meta name="DC\.identifier" content="[^"]*">', "", head)
    assert count == 1
    return stripped


PAGES = [f"articles/{path.stem}" for path in sorted((REPO / "articles").glob("*.md"))] + ["articles/signed-talks"]
PAGES += [f"briefings/{path.stem}" for path in sorted((REPO / "briefings").glob("*.md"))]


@pytest.mark.parametrize("page", PAGES)
def test_the_permanent_identifier_leaves_the_item_zotero_saves_as_it_was(site: Path, page: str) -> None:
    """RDF.js reads a `dc:identifier` only for an ISBN, ISSN or DOI (`zotero_identifiers`): the archive's identifiers
    look like none, so every page is saved as it was before it had one."""
    head = (site / page / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    item = save(head, ADDRESS + page + "/")
    assert item == save(_without_identifier(head), ADDRESS + page + "/")
    assert not {"ISBN", "ISSN", "DOI"} & set(item.fields)


IDENTIFIED = [
    ("https://w3id.org/briefing-archive/articles/us-south-korea-talks-2006", {}),
    ("https://w3id.org/briefing-archive/briefings/opcon-2006", {}),
    ("https://w3id.org/briefing-archive/articles/0000-0000", {"ISSN": "0000-0000"}),  # digits alone: read as an ISSN
    ("https://w3id.org/briefing-archive/articles/talks-10/notes/met", {"DOI": "10/notes/met"}),  # no page has this
    ("ISBN 0-00-000000-0", {"ISBN": "0-00-000000-0"}),
    ("https://doi.org/10.1000/182", {"DOI": "10.1000/182"}),
]
"""Identifiers and what the RDF translator's code makes of them: the archive's pages carry only the first kind."""


@pytest.mark.parametrize(("identifier", "fields"), IDENTIFIED)
def test_the_port_reads_an_identifier_as_the_rdf_translator_does(identifier: str, fields: dict[str, str]) -> None:
    head = f'<meta name="DC.type" content="report"><meta name="DC.identifier" content="{identifier}">'
    assert {key: value for key, value in save(head, ADDRESS).fields.items() if key in ("ISBN", "ISSN", "DOI")} == fields


OLD_HEAD = """<meta name="citation_title" content="Talks"><meta name="citation_date" content="2006/03">
<meta name="citation_journal_title" content="Voice of America"><meta name="citation_publisher" content="VOA">"""
"""The head articles had before issue #23."""


CASES = [
    (OLD_HEAD, "journalArticle", "Voice of America"),  # what readers saw: citation_journal_title forces it
    (OLD_HEAD + '<meta name="DC.type" content="newspaperArticle">', "journalArticle", "Voice of America"),
    ('<meta name="citation_title" content="Talks">', "journalArticle", None),  # hwTypeGuess alone
    ('<meta name="citation_title" content="T"><meta property="og:type" content="website">', "webpage", None),
    ('<meta name="citation_title" content="T"><meta name="DC.type" content="Text">', "journalArticle", None),
    (
        '<meta name="DC.type" content="News Item"><meta name="prism.publicationName" content="P">',
        "newspaperArticle",
        "P",
    ),
    ('<meta name="DC.title" content="T"><meta property="og:site_name" content="Site">', "webpage", "Site"),
    ('<meta name="generator" content="WordPress 6.5"><meta name="citation_author" content="A">', "blogPost", None),
    (  # a briefing's head: the institution sets hwType, DC.type agrees
        '<meta name="citation_title" content="T"><meta name="citation_technical_report_institution" content="Site">'
        '<meta name="DC.type" content="report">',
        "report",
        None,
    ),
    ('<meta name="citation_title" content="T"><meta name="citation_publisher" content="Site">', "journalArticle", None),
]
"""Heads whose outcome follows from the translators' code, with the item type and publication it gives."""


@pytest.mark.parametrize(("head", "item_type", "publication"), CASES)
def test_the_port_decides_as_the_translator_code_does(head: str, item_type: str, publication: str | None) -> None:
    """Pages whose outcome follows from the translators' code (see `zotero_embedded`'s docstring)."""
    item = save(head, "https://example.org/page")
    assert (item.itemType, item.publicationTitle) == (item_type, publication)
    assert item.url == "https://example.org/page"


class _Metas(HTMLParser):
    """The <meta> tags as the harness takes them: (name or property, content, whether it is a name)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and (values.get("name") or values.get("property")):
            self.found.append((values.get("name") or values["property"], values.get("content", ""), "name" in values))


TRANSLATORS = os.environ.get("ZOTERO_TRANSLATORS")
"""A checkout of github.com/zotero/translators (its files are not copied into this project): when set, and Node.js
is installed, the port is compared with the translators' own code."""


@pytest.mark.skipif(not TRANSLATORS or not shutil.which("node"), reason="set ZOTERO_TRANSLATORS to a checkout")
def test_the_translators_own_code_decides_as_the_port(site: Path) -> None:
    """tests/zotero_harness.js runs the real `init()` and `detectType()` on every built article and every case
    above; each item type is the port's."""
    pages = {slug: _head(site, slug) for slug in ("signed-talks", *(p.stem for p in (REPO / "articles").glob("*.md")))}
    pages |= {f"case {number}": head for number, (head, _, _) in enumerate(CASES)}
    metas = []
    for label, head in pages.items():
        parser = _Metas()
        parser.feed(head)
        metas.append([label, parser.found])
    ran = subprocess.run(["node", str(REPO / "tests/zotero_harness.js"), TRANSLATORS], input=json.dumps(metas),
                         capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    decided = dict(line.split("\t") for line in ran.stdout.splitlines())
    assert decided == {label: save(head, ADDRESS).itemType for label, head in pages.items()}

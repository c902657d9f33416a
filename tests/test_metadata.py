"""What reference managers read from an article page: the Highwire tags Zotero's "Embedded Metadata"
translator maps, and schema.org NewsArticle JSON-LD; every value exactly as the sources give it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ARTICLE, Project
from site_helpers import build_site, copy_project

from build_tools.escape import WORD_JOINER

TITLE = 'Talks & "plans" </script><script>alert(1)</script> in Seoul'
ZOTERO_TAGS = {
    "citation_title", "citation_author", "citation_publication_date", "citation_date", "citation_public_url",
    "citation_language", "DC.type", "DC.identifier", "prism.publicationName",
}  # fmt: skip
"""The tags of this page that Zotero's Embedded Metadata translator reads (its HIGHWIRE_MAPPINGS, citation_author,
which it reads apart, and the Dublin Core and PRISM tags it hands to the RDF translator: tests/test_zotero.py)."""


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.scripts: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name", "").startswith(("citation_", "DC.", "prism.")):
            self.meta.setdefault(values["name"], []).append(values["content"])
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"
        if self._in_jsonld:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("metadata") / "project")
    title = TITLE.replace('"', '\\"')
    project.article("talks", ARTICLE.replace("title: Talks in Seoul", f'title: "{title}"\nbyline: Jane Kim'))
    project.article("day", ARTICLE.replace("Talks in Seoul", "Day talks").replace("2006-03", "2017-10-28"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
        return build_site(copy_project(project.root, sources=False))


def head(site: Path, slug: str) -> _Head:
    parser = _Head()
    parser.feed((site / "articles" / slug / "index.html").read_text(encoding="utf-8").split("</head>")[0])
    return parser


def test_the_tags_zotero_reads_carry_the_article(site: Path) -> None:
    meta = head(site, "talks").meta
    assert set(meta) == ZOTERO_TAGS
    (title,) = meta["citation_title"]  # the markup in it is text: no tag or entity Zotero would read as formatting
    assert title.replace(WORD_JOINER, "") == TITLE and not re.search(r"<[A-Za-z/!?]|&[A-Za-z#]", title)
    assert meta["citation_author"] == ["Jane Kim"]
    assert meta["citation_publication_date"] == meta["citation_date"] == ["2006/03"]  # no day made up
    assert meta["prism.publicationName"] == ["Example News"] and meta["DC.type"] == ["newspaperArticle"]
    assert meta["citation_public_url"] == ["https://archive.example.org/articles/talks/"]
    assert meta["citation_language"] == ["en"]
    assert meta["DC.identifier"] == ["https://w3id.org/briefing-archive/articles/talks"]  # not on SITE_URL
    day = head(site, "day").meta
    assert day["citation_date"] == ["2017/10/28"] and "citation_author" not in day


def test_json_ld_describes_the_news_article_and_its_original(site: Path) -> None:
    parsed = head(site, "talks")
    (script,) = parsed.scripts
    assert "</script" not in script.lower() and "<" not in script
    data = json.loads(script)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["@id"] == "https://w3id.org/briefing-archive/articles/talks"
    assert data["headline"] == TITLE
    assert data["publisher"] == {"@type": "Organization", "name": "Example News"}
    assert data["author"] == {"@type": "Person", "name": "Jane Kim"}
    assert data["datePublished"] == "2006-03"  # only as precise as known
    assert data["url"] == "https://archive.example.org/articles/talks/"
    assert data["isBasedOn"] == "https://example.org/talks"


def test_only_article_pages_carry_citation_metadata(site: Path) -> None:
    for page in ("index.html", "glossary/opcon/index.html", "articles/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert not re.search(r'name="citation_|application/ld\+json', text), page


@pytest.mark.parametrize(
    ("html", "live"),
    [
        ('<script type="application/ld+json">{"headline": "x \\u003c/script\\u003e"}</script>', False),
        ('<script type="application/ld+json">{"headline": "x</script><script>alert(1)</script>"}', True),
        ('<script type="application/ld+json">alert(1)</script>', True),
    ],
)
def test_the_injection_check_lets_only_inert_json_ld_through(html: str, live: bool) -> None:
    """The site-wide check (live_markup) treats JSON-LD as data only while it is JSON that cannot end its element."""
    from live_markup import in_html

    assert bool(in_html(html)) is live

"""Each article's notes as a W3C Web Annotation collection: the model's requirements, every note, the exact words."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml
from conftest import ARTICLE, REPO, Project, fold

from build_tools import pipeline

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
    "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip
"""The motivations and purposes the model defines (section 3.3.5)."""
SLUGS = sorted(path.name.removesuffix(".annotations.yml") for path in (REPO / "articles").glob("*.annotations.yml"))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
        return pipeline.render_pages(REPO)


def is_iri(value: object) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_body(body: dict) -> None:
    assert body.get("purpose") in MOTIVATIONS
    if body["type"] == "TextualBody":
        assert isinstance(body["value"], str) and body["value"].strip()
    else:
        assert body["type"] == "SpecificResource" and is_iri(body["source"])


def check_selector(selector: dict) -> None:
    kind = selector["type"]
    if kind == "TextQuoteSelector":
        assert isinstance(selector["exact"], str) and selector["exact"]
        assert isinstance(selector.get("prefix", ""), str) and isinstance(selector.get("suffix", ""), str)
    elif kind == "TextPositionSelector":
        start, end = selector["start"], selector["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start <= end
    else:
        assert kind == "CssSelector" and isinstance(selector["value"], str)
        check_selector(selector["refinedBy"])


def check_annotation(item: dict, page: str) -> None:
    """The MUSTs of the model for an annotation (sections 3.1-3.3, 4.2)."""
    assert is_iri(item["id"]) and item["type"] == "Annotation"
    assert item["motivation"] in MOTIVATIONS
    assert item["creator"]["type"] == "Person" and is_iri(item["creator"]["id"])
    assert "created" not in item  # the model's created is a date-time; only the day is known
    for body in item["body"]:
        check_body(body)
    target = item["target"]
    assert target["source"] == page and target["selector"]
    for selector in target["selector"]:
        check_selector(selector)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_collection_follows_the_web_annotation_model(pages: dict[str, str], slug: str) -> None:
    collection = json.loads(pages[f"annotations/{slug}.jsonld"])
    assert ANNO_CONTEXT in collection["@context"]
    assert collection["type"] == "AnnotationCollection" and is_iri(collection["id"]) and collection["label"]
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and is_iri(page["id"]) and page["startIndex"] == 0
    assert collection["total"] == len(page["items"])
    ids = [item["id"] for item in page["items"]]
    assert len(set(ids)) == len(ids)
    for item in page["items"]:
        check_annotation(item, f"https://archive.example.org/articles/{slug}/")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_note_is_there_with_its_author_date_words_and_sources(pages: dict[str, str], slug: str) -> None:
    notes = yaml.safe_load((REPO / "articles" / f"{slug}.annotations.yml").read_text(encoding="utf-8"))["annotations"]
    items = {
        item["id"].rsplit("/", 1)[1]: item for item in json.loads(pages[f"annotations/{slug}.jsonld"])["first"]["items"]
    }
    assert set(items) == {note["id"] for note in notes}
    for note in notes:
        item = items[note["id"]]
        assert item["creator"]["nickname"] == note["author"]
        assert item.get("schema:dateCreated") == (str(note["added"]) if "added" in note else None)
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        assert fold(quote["exact"]).replace("’", "'") == fold(note["quote"]).replace("’", "'")
        assert [b["source"] for b in item["body"] if b["type"] == "SpecificResource"] == [
            s["url"] for s in note["sources"]
        ]
        (text,) = [b["value"] for b in item["body"] if b.get("format") == "text/plain"]
        assert "<" not in text and fold(text)[:40] in fold(note["note"]).replace("*", "")


def test_the_article_page_links_its_collection(pages: dict[str, str]) -> None:
    for slug in SLUGS:
        page = pages[f"articles/{slug}.md"]
        assert f"](../annotations/{slug}.jsonld)" in page


def test_an_article_without_notes_has_an_empty_collection(tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    project.article("talks")
    collection = json.loads(pipeline.render_pages(project.root)["annotations/talks.jsonld"])
    assert collection["total"] == 0 and collection["first"]["items"] == []
    assert "W3C Web Annotation collection" not in pipeline.render_pages(project.root)["articles/talks.md"]


class _ParagraphText(HTMLParser):
    """Each `<p id=...>`'s text as a browser's textContent has it (images' alt text is not text)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("img", "br", "hr", "input"):
            return
        self.open.append(dict(attrs).get("id") if tag == "p" else None)
        if self.open[-1]:
            self.texts[self.open[-1]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("img", "br", "hr", "input") and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for name in (n for n in self.open if n):
            self.texts[name] += data


def test_selectors_find_the_words_in_the_paragraph_as_python_markdown_renders_it(tmp_path: Path) -> None:
    """Eleven notes (numbers of two digits), two of them in one paragraph with an image before them and
    one quote right after the other's marker; the page rendered by Python-Markdown as MkDocs does."""
    project = Project(tmp_path / "project")
    body = "\n\n".join(f"Paragraph {n} says word{n} here." for n in range(9))
    body += "\n\nSee ![a map of Seoul](https://example.org/m.png) the talks began and ended in Seoul today.\n"
    project.article("talks", ARTICLE.split("---\n\n", 1)[0] + "---\n\n" + body)
    notes = [(f"n{n}", f"says word{n}") for n in range(9)] + [("began", "talks began"), ("ended", "and ended")]
    lines = ["annotations:"] + [
        f"  - {{id: {i}, quote: {q}, note: N., author: octocat, kind: context, "
        'sources: [{title: S, url: "https://example.org/s"}]}'
        for i, q in notes
    ]
    project.write("articles/talks.annotations.yml", "\n".join(lines) + "\n")
    pages = pipeline.render_pages(project.root)
    source = pages["articles/talks.md"].split("---\n", 2)[2]
    parser = _ParagraphText()
    parser.feed(markdown.markdown(source, extensions=["attr_list", "admonition", "tables", "pymdownx.mark"]))
    items = json.loads(pages["annotations/talks.jsonld"])["first"]["items"]
    assert len(items) == 11
    for item in items:
        quote, css = item["target"]["selector"]
        text = parser.texts[css["value"][1:]]
        assert text[css["refinedBy"]["start"] : css["refinedBy"]["end"]] == quote["exact"]
        assert quote["prefix"] + quote["exact"] + quote["suffix"] in text
    last = {item["id"].rsplit("/", 1)[1]: item["target"]["selector"][0] for item in items}
    assert last["ended"]["prefix"].endswith("talks began ")  # no marker number between the two quotes
    assert "a map of Seoul" not in last["began"]["prefix"]

"""Permanent identifiers: one configured base, the same identifiers whatever SITE_URL a build has, while the
addresses readers follow (pages, annotation targets) follow SITE_URL."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Project
from site_helpers import build_site, copy_project
from test_briefing_cite import BRIEFING  # a briefing whose title and summary are hostile

from build_tools import config, identifiers, pipeline
from build_tools.models import Article
from build_tools.render import cite, citeproc
from build_tools.render.briefings import BriefingCard
from build_tools.values import Identifier, PlainText, PublishedDate

BASE = "https://w3id.org/briefing-archive/"
SITES = ("https://archive.example.org/", "http://127.0.0.1:8000/")
"""Two places the same sources are published: the identifiers must not tell them apart."""
NOTES = """\
annotations:
  - id: met
    quote: Officials met
    note: Who met.
    author: octocat
    kind: context
    sources: [{title: A source, url: "https://example.org/s"}]
"""


def test_the_base_is_a_constant_of_the_code_not_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = ast.parse((REPO / "build_tools" / "config.py").read_text(encoding="utf-8"))
    assigned = [node for node in tree.body if isinstance(node, ast.Assign) and len(node.targets) == 1]
    (value,) = [node.value for node in assigned if ast.unparse(node.targets[0]) == "PERMANENT_BASE"]
    assert isinstance(value, ast.Constant) and value.value == config.PERMANENT_BASE == BASE  # no call, no os.environ
    named = {}
    for site in SITES:
        monkeypatch.setenv("SITE_URL", site)
        assert config.site_url() == site
        named[site] = (identifiers.article("talks"), identifiers.note("talks", "met"), identifiers.briefing("talks"))
    assert len(set(named.values())) == 1 and not any(site in identifiers.article("talks") for site in SITES)


def test_each_kind_has_its_own_path_under_the_base() -> None:
    made = {
        identifiers.article("x"): f"{BASE}articles/x",
        identifiers.notes("x"): f"{BASE}articles/x/notes",
        identifiers.note("x", "n"): f"{BASE}articles/x/notes/n",
        identifiers.briefing("x"): f"{BASE}briefings/x",
        identifiers.entry("glossary", "x"): f"{BASE}glossary/x",
        identifiers.entry("people", "x"): f"{BASE}people/x",
        identifiers.entry("organisations", "x"): f"{BASE}organisations/x",
        identifiers.event("x"): f"{BASE}timeline/x",
    }
    assert all(made_id == expected for made_id, expected in made.items()) and len(made) == 8  # one each, no clash
    with pytest.raises(ValueError, match="no identifiers for entries of 'articles'"):
        identifiers.entry("articles", "x")


def _project(root: Path) -> Project:
    project = Project(root)
    project.article("talks")
    project.write("articles/talks.annotations.yml", NOTES)
    project.write("briefings/the-talks.md", BRIEFING)
    return project


def _citation(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])["citation"]


def _named(pages: dict[str, str]) -> dict[str, object]:
    """Every identifier the outputs carry, and every address they give readers."""
    article, briefing = _citation(pages["articles/talks.md"]), _citation(pages["briefings/the-talks.md"])
    notes = json.loads(pages["annotations/talks.jsonld"])
    (item,) = notes["first"]["items"]
    ris = dict(line.split("  - ", 1) for line in pages["cite/talks.ris"].splitlines())
    briefing_ris = dict(line.split("  - ", 1) for line in pages["cite/briefings/the-talks.ris"].splitlines())
    return {
        "ids": (article["identifier"], article["jsonld"]["@id"], briefing["identifier"], briefing["jsonld"]["@id"],
                json.loads(pages["cite/talks.json"])[0]["id"], json.loads(pages["cite/briefings/the-talks.json"])[0]["id"],
                ris["ID"], briefing_ris["ID"], notes["id"], notes["first"]["id"], item["id"]),
        "addresses": (article["page"], article["jsonld"]["url"], briefing["page"], briefing["jsonld"]["url"],
                      item["target"]["source"], ris["N1"], briefing_ris["UR"]),
    }  # fmt: skip


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    project = _project(tmp_path_factory.mktemp("identifiers") / "project")
    found = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for site in SITES:
            monkeypatch.setenv("SITE_URL", site)
            found[site] = _named(pipeline.render_pages(project.root))
    return found


def test_identifiers_are_the_same_whatever_site_url_the_build_has(rendered: dict[str, dict[str, object]]) -> None:
    one, other = (rendered[site] for site in SITES)
    assert one["ids"] == other["ids"]
    assert one["ids"] == (
        *[f"{BASE}articles/talks"] * 2, *[f"{BASE}briefings/the-talks"] * 2,
        f"{BASE}articles/talks", f"{BASE}briefings/the-talks", f"{BASE}articles/talks", f"{BASE}briefings/the-talks",
        f"{BASE}articles/talks/notes", f"{BASE}articles/talks/notes#page-1", f"{BASE}articles/talks/notes/met",
    )  # fmt: skip


def test_what_readers_follow_still_follows_site_url(rendered: dict[str, dict[str, object]]) -> None:
    for site in SITES:
        page, briefing = f"{site}articles/talks/", f"{site}briefings/the-talks/"
        assert rendered[site]["addresses"] == (page, page, briefing, briefing, page, f"Archived copy: {page}", briefing)


def test_chicago_and_apa_are_the_same_with_the_identifier_as_the_id() -> None:
    """pandoc's citeproc takes the identifier (with its `:` and `/`) as an id and prints the same texts as with the
    slug the items had before."""
    article = Article(
        slug="talks", path="articles/talks.md", title="Talks in Seoul", outlet="Example News",
        url="https://example.org/talks", published=PublishedDate(2006, 3), date_note=None, byline="Jane Kim",
        language="en", summary="S.", tags=("opcon",), capture_note=None, body="B.\n", body_line=10,
    )  # fmt: skip
    authors = (Identifier("octocat"),)
    card = BriefingCard(Identifier("the-talks"), PlainText("The talks"), authors, PublishedDate(2026, 12, 7), "", ())
    original, archived = cite.items(article)
    report = cite.briefing_item(card)
    assert (original["id"], report["id"]) == (f"{BASE}articles/talks", f"{BASE}briefings/the-talks")
    items = [original, archived, report]
    before = [{**original, "id": "talks"}, archived, {**report, "id": "briefing:the-talks"}]
    styles = tuple(cite.STYLES.values())
    now, then = citeproc.format_items(items, styles), citeproc.format_items(before, styles)
    for style in styles:
        assert [now[style][item["id"]] for item in items] == [then[style][item["id"]] for item in before]
        assert all(text and "w3id" not in text for text in now[style].values())


@pytest.fixture(scope="module")
def heads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """The built article's and briefing's <head>, by SITE_URL."""
    found = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for number, site in enumerate(SITES):
            project = _project(tmp_path_factory.mktemp(f"heads-{number}") / "project")
            monkeypatch.setenv("SITE_URL", site)
            built = build_site(copy_project(project.root, sources=False))
            found[site] = {
                page: (built / page / "index.html").read_text(encoding="utf-8").split("</head>")[0]
                for page in ("articles/talks", "briefings/the-talks")
            }
    return found


def _meta(head: str, name: str) -> list[str]:
    return re.findall(rf'<meta name="{re.escape(name)}" content="([^"]*)">', head)


def test_the_pages_dc_identifier_stays_while_their_address_follows_site_url(heads: dict[str, dict[str, str]]) -> None:
    for site in SITES:
        article, briefing = heads[site]["articles/talks"], heads[site]["briefings/the-talks"]
        assert _meta(article, "DC.identifier") == [f"{BASE}articles/talks"]
        assert _meta(briefing, "DC.identifier") == [f"{BASE}briefings/the-talks"]
        assert _meta(article, "citation_public_url") == [f"{site}articles/talks/"]
        assert _meta(briefing, "citation_public_url") == [f"{site}briefings/the-talks/"]
        (jsonld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', article)
        assert json.loads(jsonld)["@id"] == f"{BASE}articles/talks"

"""A briefing cited as the archive's own report: its Chicago and APA texts, its CSL-JSON, RIS and BibTeX files,
the metadata in its page's head (what Zotero saves from it, schema.org JSON-LD) and its items in the feeds; a
hostile title is text in every one of them."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import Project
from site_helpers import build_site, copy_project
from test_metadata import head
from zotero_embedded import save

from build_tools import identifiers, pipeline
from build_tools.escape import WORD_JOINER
from build_tools.incremental.memo import Memo
from build_tools.render import briefing_references, citeproc, feeds
from build_tools.render import cite as cite_module
from build_tools.render.briefings import BriefingCard
from build_tools.render.cite import cite_every
from build_tools.values import Identifier, PlainText, PublishedDate

ADDRESS = "https://archive.example.org/"
TITLE = '</script><script>alert(1)</script> "quotes" & <tags>'
PAGE = ADDRESS + "briefings/hostile/"
BRIEFING = """\
---
title: "</script><script>alert(1)</script> \\"quotes\\" & <tags>"
authors: [octocat, briefing-archive]
date: 2026-12-07
summary: "A summary with <b>tags</b> & \\"quotes\\"."
tags: [opcon]
footnotes:
  - id: met
    sources:
      - title: A source
        url: https://example.org/source
---

The report says [Officials met for the Security Policy Initiative](archive:talks).[^met]
"""


@pytest.fixture(autouse=True)
def site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", ADDRESS)


def card(title: str = TITLE) -> BriefingCard:
    authors = (Identifier("octocat"), Identifier("briefing-archive"))
    summary = PlainText('A summary with <b>tags</b> & "quotes".')
    return BriefingCard(Identifier("hostile"), PlainText(title), authors, PublishedDate(2026, 12, 7), summary, ())


def shown(text: str) -> str:
    """Text as a reader sees it: the word joiners `escape.inert` adds to keep markup inert taken out."""
    return text.replace(WORD_JOINER, "")


def test_the_csl_json_is_one_report_by_the_accounts_published_by_the_archive() -> None:
    (item,) = json.loads(briefing_references.csl_json(card()))
    assert item["type"] == "report" and item["id"] == "https://w3id.org/briefing-archive/briefings/hostile"
    assert shown(item["title"]) == TITLE and not re.search(r"<[A-Za-z/]", item["title"])
    assert [shown(name["literal"]) for name in item["author"]] == ["octocat", "briefing-archive"]
    assert item["publisher"] == "The Briefing Archive" and item["issued"] == {"date-parts": [[2026, 12, 7]]}
    assert item["URL"] == PAGE
    assert "<" not in briefing_references.csl_json(card())  # no markup, even read as HTML


def test_the_ris_file_is_a_report_with_one_line_per_author() -> None:
    lines = briefing_references.ris(card(TITLE + "\nsecond line")).splitlines()
    assert lines[0] == "TY  - RPRT" and lines[-1] == "ER  - "
    assert "ID  - https://w3id.org/briefing-archive/briefings/hostile" in lines  # Zotero ignores it; others keep it
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)  # the title stayed on one line
    assert [line for line in lines if line.startswith("AU")] == ["AU  - octocat", "AU  - briefing-archive"]
    assert "DA  - 2026/12/07/" in lines and "PB  - The Briefing Archive" in lines and f"UR  - {PAGE}" in lines
    (title,) = [line for line in lines if line.startswith("TI")]
    assert shown(title) == f"TI  - {TITLE} second line"


def test_the_bibtex_entry_is_a_techreport_with_balanced_braces() -> None:
    entry = briefing_references.bibtex(card(TITLE + " {unbalanced \\ }}"))
    assert entry.startswith("@techreport{hostile,\n") and entry.endswith("}\n")
    depth = 0
    for char in re.sub(r"\\.", "", entry):  # an escaped character is no brace of the format
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    assert "author = {{octocat} and {briefing-archive}}" in entry
    assert "institution = {The Briefing Archive}" in entry and "year = {2026}" in entry and "month = dec" in entry
    assert r"\&" in entry and "& " not in entry.replace(r"\&", "")


def test_chicago_and_apa_name_the_title_the_authors_and_the_year() -> None:
    plain = card("Wartime control: a briefing")
    _, cited = cite_every((), (plain,))
    for text in (cited["hostile"].chicago, cited["hostile"].apa):
        assert "Wartime control: a briefing" in text and "octocat" in text and "briefing-archive" in text
        assert "2026" in text and "The Briefing Archive" in text and PAGE in text
    assert cited["hostile"].apa.startswith("octocat, & briefing-archive. (2026).")


def test_the_hostile_title_comes_back_as_typed_in_the_citations() -> None:
    _, cited = cite_every((), (card(),))
    typed = TITLE.replace('"quotes"', "“quotes”")  # the styles print quotation marks as such
    assert typed in cited["hostile"].chicago and typed in cited["hostile"].apa


def test_feeds_put_briefings_among_the_articles_by_date() -> None:
    older = card("Older")
    newer = BriefingCard(*(Identifier("newer"), PlainText("Newer")), older.authors, PublishedDate(2027, 1, 1), "", ())
    every = feeds.newest((), (newer, older))
    assert [item.title for item in every] == ["Newer", "Older"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    """The rendered pages and the built site of a project with one article and a briefing with a hostile title."""
    project = Project(tmp_path_factory.mktemp("briefing-cite") / "project")
    project.article("talks")
    project.write("briefings/hostile.md", BRIEFING)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SITE_URL", ADDRESS)
        pages = pipeline.render_pages(project.root)
        return pages, build_site(copy_project(project.root, sources=False))


def test_the_page_cites_the_briefing_and_links_its_files(built: tuple[dict[str, str], Path]) -> None:
    pages, site = built
    page = pages["briefings/hostile.md"]
    cite = page[page.index("## Cite this page") : page.index("## About this briefing")]
    typed = html.escape(TITLE.replace('"quotes"', "“quotes”"), quote=False)
    assert (
        cite.count('<pre class="highlight" data-cite="archive-') == 2
        and cite.count(typed) == 2
        and "<script>" not in cite
    )
    for form in ("json", "ris", "bib"):
        assert f"](../cite/briefings/hostile.{form})" in cite
        assert (site / "cite" / "briefings" / f"hostile.{form}").is_file()
    assert json.loads((site / "cite/briefings/hostile.json").read_text(encoding="utf-8"))[0]["type"] == "report"


def test_zotero_saves_the_briefing_as_a_report(built: tuple[dict[str, str], Path]) -> None:
    _, site = built
    text = (site / "briefings" / "hostile" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    item = save(text, PAGE)
    assert item.itemType == "report"
    assert shown(item.title or "") == " ".join(TITLE.split())
    assert item.authors == ["octocat", "briefing-archive"] and item.date == "2026/12/07" and item.url == PAGE
    assert item.fields["institution"] == "The Briefing Archive" and item.publicationTitle is None
    meta = head(site, "../briefings/hostile").meta
    assert meta["DC.type"] == ["report"] and "citation_journal_title" not in meta
    assert not re.search(r"<[A-Za-z/!?]|&[A-Za-z#]", meta["citation_title"][0])


def test_the_json_ld_is_a_report_and_cannot_end_its_script(built: tuple[dict[str, str], Path]) -> None:
    _, site = built
    (script,) = head(site, "../briefings/hostile").scripts
    assert "</script" not in script.lower() and "<" not in script
    data = json.loads(script)
    assert data["@type"] == "Report" and data["headline"] == TITLE
    assert data["description"] == 'A summary with <b>tags</b> & "quotes".'
    assert [author["name"] for author in data["author"]] == ["octocat", "briefing-archive"]
    assert data["publisher"]["name"] == "The Briefing Archive" and data["datePublished"] == "2026-12-07"
    assert data["url"] == PAGE


def test_the_feeds_carry_the_briefing_escaped(built: tuple[dict[str, str], Path]) -> None:
    pages, _ = built
    channel = ET.fromstring(pages["feeds/rss.xml"]).find("channel")
    first = channel.findall("item")[0]  # 2026: newer than the article of March 2006
    assert html.unescape(first.findtext("title")) == TITLE and "<" not in first.findtext("title")
    assert first.findtext("link") == PAGE and first.findtext("pubDate") == "Mon, 07 Dec 2026 00:00:00 +0000"
    creators = [c.text for c in first.findall("{http://purl.org/dc/elements/1.1/}creator")]
    assert creators == ["octocat", "briefing-archive"]
    feed = json.loads(pages["feeds/feed.json"])
    item = feed["items"][0]
    assert item["title"] == TITLE and item["url"] == PAGE and item["date_published"].startswith("2026-12-07")
    assert [author["name"] for author in item["authors"]] == ["octocat", "briefing-archive"]
    assert "<" not in pages["feeds/feed.json"] and len(feed["items"]) == 2
    assert "](../briefings/hostile.md)" in pages["feeds/index.md"] and "briefings" in pages["feeds/index.md"]


def test_a_briefing_s_citations_are_formatted_once_with_the_articles_and_kept(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def spy(items: list[dict], styles: tuple[str, ...]) -> dict[str, dict[str, str]]:
        short = (item["id"].replace(identifiers.briefing(""), "briefing:") for item in items)
        calls.append(sorted(name.removeprefix(identifiers.article("")) for name in short))
        return citeproc.format_items(items, styles)

    monkeypatch.setattr(cite_module, "format_items", spy)
    project.article("talks")
    project.write("briefings/hostile.md", BRIEFING)
    pipeline.generate(project.root)
    assert calls == [["archive:talks", "briefing:hostile", "talks"]]  # one set of pandoc runs
    pipeline.generate(project.root)  # a new process: the store in docs/ has them
    assert len(calls) == 1
    project.write("briefings/hostile.md", BRIEFING.replace("& <tags>", "& <labels>"))
    pipeline.generate(project.root)
    assert calls[1:] == [["briefing:hostile"]]  # the article's are in the store
    page = (project.root / "docs" / "briefings" / "hostile.md").read_text(encoding="utf-8")
    assert page.count("&amp; &lt;labels&gt;") >= 2  # both citations are the edited title's
    memo = Memo()
    pipeline.render_pages(project.root, memo=memo)
    project.write("briefings/hostile.md", BRIEFING.replace("The report says", "The report said"))  # <tags> again
    pipeline.render_pages(project.root, memo=memo)
    assert len(calls) == 4 and calls[-1] == ["briefing:hostile"]
    project.write("briefings/hostile.md", BRIEFING.replace("The report says", "The report, in short, says"))
    pipeline.render_pages(project.root, memo=memo)
    assert len(calls) == 4  # a body edit: nothing formatted again

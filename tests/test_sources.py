"""The archive's own sources: mirrors named as copies, Korean titles glossed, the fact-check's fixes in (#23)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import REPO

from build_tools.load import load_archive
from build_tools.models import Archive, Source

MIRRORS = {
    "wikimili.com": "a copy of the Wikipedia article",
    "uzcca.com": "a copy of the opening of the Wikipedia article",
    "readkong.com": "a copy of the report",
    "wikileaks.jcvignoli.com": "a copy of the cable as WikiLeaks released it",
    "military-online.blogspot.com": "a copy of a US Department of Defense announcement",
    "worldsecuritynetwork.com": "a copy reposted by World Security Network",
    "zxc.wiki": "a copy of the German Wikipedia article",
}
"""Hosts that only copy others' documents, and what a source there must say it is a copy of."""

REPLACED = {
    "wikiwand.com",
    "piglix.com",
    "liquisearch.com",
    "scribd.com",
    "acelearns.com",
    "forum.effectivealtruism.org",
}
"""Hosts the archive no longer cites: the original or a reputable source was found."""

HANGUL = re.compile("[\uac00-\ud7a3]")
GLOSS = re.compile("\\[the archive's gloss: [^\\]\uac00-\ud7a3]*[A-Za-z][^\\]\uac00-\ud7a3]*\\]")
"""The archive's own English rendering, in brackets: Latin letters, no Hangul."""


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load_archive(REPO)


def _sources(archive: Archive) -> list[Source]:
    notes = [note for article in archive.articles for note in article.annotations]
    return [source for item in (*archive.entries, *archive.events, *notes) for source in item.sources]


def _host(source: Source) -> str:
    host = urlsplit(source.url).hostname or ""
    return host.removeprefix("www.").removeprefix("ru.")


def test_a_source_on_a_mirror_says_what_it_is_a_copy_of(archive: Archive) -> None:
    mirrored = [source for source in _sources(archive) if _host(source) in MIRRORS]
    assert mirrored, "the archive still cites copies: this test must see them"
    for source in mirrored:
        assert MIRRORS[_host(source)] in source.title, source


def test_replaced_mirrors_are_cited_nowhere(archive: Archive) -> None:
    hosts = {_host(source) for source in _sources(archive)}
    assert hosts, hosts
    assert not hosts & REPLACED


def test_every_korean_title_has_an_english_gloss(archive: Archive) -> None:
    korean = [source for source in _sources(archive) if HANGUL.search(source.title)]
    assert len(korean) >= 6, korean  # Kookbang Ilbo, YTN, Hankook Ilbo (2), Digital Chosun, Seoul Shinmun
    for source in korean:
        assert GLOSS.search(source.title), source.title


def test_the_fact_checks_fixes_are_in(archive: Archive) -> None:
    articles = {article.slug: article for article in archive.articles}
    voa = articles["us-south-korea-discuss-changes-in-military-relationship"]
    assert voa.url == "https://www.voanews.com/a/a-13-2006-03-21-voa16/319778.html"
    assert voa.published.iso == "2006-03-21" and "2006-03-21" in (voa.date_note or "")
    asia_times = articles["washington-seoul-postpone-changes-wartime-troop-command-structure"]
    repost = "https://kheraldatl.wordpress.com/2017/11/02/talks-over-new-korea-u-s-wartime-command-put-on-ice/"
    assert repost in (asia_times.date_note or "")
    wmd = next(term for term in archive.terms if term.id == "wmd")
    assert "chiefly means" not in wmd.definition
    roh = next(entity for entity in archive.entities if entity.id == "roh-moo-hyun")
    assert any("from 2003" in source.title for source in roh.sources), roh.sources

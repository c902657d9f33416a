"""Whole-site builds with MkDocs + Material, asserting on the HTML readers get."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest
from conftest import ARTICLE, Project, fold
from site_helpers import build_site, copy_project, indexed

from build_tools.load import load_archive

CHROME = ("Accessibility links", "Breaking News", "One reply on", "Comments are closed")
VOA = "us-south-korea-discuss-changes-in-military-relationship"
ASIA_TIMES = "washington-seoul-postpone-changes-wartime-troop-command-structure"


def html(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def visible_text(page: str) -> str:
    """The page's text without tags or note markers, whitespace collapsed."""
    page = re.sub(r'<a [^>]*class="bx-note-ref"[^>]*></a>', "", page)
    return fold(html_module.unescape(re.sub(r"<[^>]+>", "", page)))


def term_links(page: str) -> set[str]:
    return set(re.findall(r'href="\.\./\.\./glossary/([a-z0-9-]+)/"', page))


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("tiny") / "project")
    project.article("talks")
    project.article("later", ARTICLE.replace("Talks in Seoul", "Later talks").replace("2006-03", "2007"))
    copy_project(project.root, sources=False)
    return build_site(project.root)


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(copy_project(tmp_path_factory.mktemp("archive"), sources=True))


def test_term_link_has_tooltip_and_anchor(tiny_site: Path) -> None:
    page = html(tiny_site, "articles/talks")
    assert re.search(
        r'<a href="\.\./\.\./glossary/spi/" id="term-spi" title="Policy talks between the two defense ministries\.">'
        r"Security Policy Initiative</a>",
        page,
    ), page
    assert page.count('href="../../glossary/opcon/" id="term-opcon"') == 1


def test_term_page_lists_where_it_is_mentioned(tiny_site: Path) -> None:
    page = html(tiny_site, "glossary/opcon")
    assert 'href="../../articles/talks/#term-opcon"' in page
    assert 'href="../../articles/later/#term-opcon"' in page
    assert page.index("Later talks") < page.index("Talks in Seoul")  # newest first
    assert "<strong>wartime operational control</strong>" in page


def test_archive_and_glossary_indexes(tiny_site: Path) -> None:
    archive = html(tiny_site, "articles")
    assert archive.index('href="later/"') < archive.index('href="talks/"')
    assert "March 2006" in archive
    glossary = html(tiny_site, "glossary")
    assert 'href="spi/"' in glossary and 'href="opcon/"' in glossary


def test_articles_stay_out_of_the_nav(tiny_site: Path) -> None:
    home = html(tiny_site, "")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "Talks in Seoul" not in nav  # the home page's own list of newest articles names it (test_home.py)
    assert 'href="articles/"' in home and 'href="glossary/"' in home


def test_search_index_covers_articles_and_terms(tiny_site: Path) -> None:
    assert "articles/talks/" in indexed(tiny_site, "Officials met")
    assert "glossary/spi/" in indexed(tiny_site, "Policy talks between the two defense ministries")


# --- the real archive: the "done when" ----------------------------------------


def test_both_articles_are_built_without_site_chrome(archive_site: Path) -> None:
    for slug in (VOA, ASIA_TIMES):
        page = html(archive_site, f"articles/{slug}")
        for chrome in CHROME:
            assert chrome not in page, (slug, chrome)
    caption = "US Defense Secretary Jim Mattis and South Korean Defense Minister Song Young-moo during a visit"
    assert visible_text(html(archive_site, f"articles/{ASIA_TIMES}")).count(caption) == 1


def test_articles_link_to_their_terms(archive_site: Path) -> None:
    assert {"spi", "plan-5029", "opcon"} <= term_links(html(archive_site, f"articles/{VOA}"))
    assert "cfc" in term_links(html(archive_site, f"articles/{ASIA_TIMES}"))


def test_term_pages_link_to_every_article_that_mentions_them(archive_site: Path) -> None:
    mentions = {VOA: term_links(html(archive_site, f"articles/{VOA}"))}
    mentions[ASIA_TIMES] = term_links(html(archive_site, f"articles/{ASIA_TIMES}"))
    for term in ("cfc", "spi", "opcon", "plan-5029", "dmz"):
        page = html(archive_site, f"glossary/{term}")
        for slug, terms in mentions.items():
            assert (f'href="../../articles/{slug}/#term-{term}"' in page) == (term in terms), (term, slug)


def test_dates_show_only_what_is_known(archive_site: Path) -> None:
    voa = html(archive_site, f"articles/{VOA}")  # its day comes from the address of the original
    assert "21 March 2006" in voa and "(exact day not established)" not in voa
    assert "28–31 October 2017 (exact day not established)" in html(archive_site, f"articles/{ASIA_TIMES}")


def test_search_finds_what_readers_look_for(archive_site: Path) -> None:
    assert f"articles/{VOA}/" in indexed(archive_site, "Lawless")
    assert "glossary/plan-5029/" in indexed(archive_site, "5029")
    assert "glossary/cfc/" in indexed(archive_site, "Combined Forces Command")


def test_every_glossary_term_is_reachable_from_an_article(archive_site: Path) -> None:
    archive = load_archive(Path(__file__).resolve().parent.parent)
    linked = set().union(*(term_links(html(archive_site, f"articles/{a.slug}")) for a in archive.articles))
    related = {other for term in archive.terms if term.id in linked for other in term.related}
    assert {term.id for term in archive.terms} <= linked | related


def test_every_article_shows_its_annotations_inline_and_in_the_list(archive_site: Path) -> None:
    for slug in (VOA, ASIA_TIMES):
        page = html(archive_site, f"articles/{slug}")
        markers = re.findall(r'<a [^>]*class="bx-note-ref"[^>]*href="#(note-[a-z0-9-]+)"[^>]*id="ref-[a-z0-9-]+"', page)
        markers += re.findall(r'<a [^>]*class="bx-note-ref"[^>]*href="#(note-[a-z0-9-]+)"', page)
        entries = re.findall(r'<h3 id="(note-[a-z0-9-]+)"', page)
        assert len(entries) >= 8, slug
        assert set(markers) == set(entries)
        assert page.count("<mark>") == len(entries)
        for entry in entries:
            section = page.split(f'<h3 id="{entry}"', 1)[1].split("<h", 1)[0]
            assert 'href="https://github.com/' in section and "Sources:" in section, entry
            assert f'href="#ref-{entry.removeprefix("note-")}"' in section


def test_notes_are_searchable(archive_site: Path) -> None:
    assert f"articles/{ASIA_TIMES}/" in indexed(archive_site, "misspelling")
    assert f"articles/{VOA}/" in indexed(archive_site, "Nobel Peace Prize")


def test_term_pages_list_the_annotations_that_explain_them(archive_site: Path) -> None:
    page = html(archive_site, "glossary/cfc")
    assert f'href="../../articles/{ASIA_TIMES}/#note-cfc-deputy"' in page


REQUIRED_ENTRIES = {
    "people": ["jim-mattis", "song-young-moo", "moon-jae-in", "roh-moo-hyun", "burwell-bell", "richard-lawless",
               "kwon-an-do", "lee-ki-tak", "kim-jong-il"],
    # The US Department of Defense is named only in the caption of a photo the archive does not keep, which is
    # shown apart from the article's text and not linked (its page names the article through its role).
    "organisations": ["chosun-ilbo", "asahi-shimbun", "yonsei-university", "rok-ministry-of-national-defense"],
}  # fmt: skip


def test_every_person_and_organisation_page_lists_the_articles_mentioning_them(archive_site: Path) -> None:
    for section, ids in REQUIRED_ENTRIES.items():
        for entry in ids:
            page = html(archive_site, f"{section}/{entry}")
            linking = [
                slug
                for slug in (VOA, ASIA_TIMES)
                if f'href="../../{section}/{entry}/"' in html(archive_site, f"articles/{slug}")
            ]
            assert linking, f"{section}/{entry} is mentioned in no article"
            for slug in linking:
                assert f'href="../../articles/{slug}/#' in page, (entry, slug)


def test_year_pages_of_a_long_mention_list_build_strictly_and_link_both_ways(tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    for number in range(22):
        project.article(f"a{number:02d}", ARTICLE.replace("2006-03", str(2000 + number % 2)))
    copy_project(project.root, sources=False)
    site = build_site(project.root)  # strict: every link and anchor on the year pages resolves
    year = html(site, "glossary/spi/2001")
    assert "<h1" in year and "SPI: mentioned in 2001" in year
    assert 'href="../"' in year and 'href="../2000/"' in year  # back to SPI, on to the other year
    assert year.count('href="../../../articles/a') == 11
    term = html(site, "glossary/spi")
    assert 'href="2001/"' in term and 'href="2000/"' in term
    assert "glossary/spi/2001" not in html(site, "")  # the year pages stay out of the nav

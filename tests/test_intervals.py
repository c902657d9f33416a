"""Dates as intervals (EDTF `start/end`): read and refused with their fix, ordered by start then end, and
written by every output as `build_tools.intervals` decides: ranges where a format has them, the covering
date where it takes one date, the end for the sitemap."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ARTICLE, REPO, Project
from zotero_embedded import save

from build_tools import pipeline
from build_tools.commands import importer
from build_tools.errors import BuildFailed
from build_tools.intervals import DateInterval
from build_tools.load import edtf, load_archive
from build_tools.models import Article
from build_tools.render.cite import cite_all
from build_tools.values import PublishedDate

ARCHIVE = "https://archive.example.org/"


@pytest.fixture(autouse=True)
def site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", ARCHIVE)


def dated(when: str, title: str = "Talks in Seoul") -> str:
    return ARTICLE.replace("published: 2006-03", f"published: {when}").replace("Talks in Seoul", title)


# --- the kind ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "label", "covering", "precision"),
    [
        ("2006-03-20/2006-03-21", "20–21 March 2006", "2006-03", "month"),
        ("2006-03-30/2006-04-02", "30 March – 2 April 2006", "2006", "year"),
        ("2006-03/2006-04", "March–April 2006", "2006", "year"),
        ("2006/2007", "2006–2007", "2006", "year"),
        ("2006-12-30/2007-01-02", "30 December 2006 – 2 January 2007", "2006", "year"),
        ("2006-12/2007-01", "December 2006 – January 2007", "2006", "year"),
        ("2006-03/2006-04-15", "March 2006 – 15 April 2006", "2006", "year"),
    ],
)
def test_an_interval_is_read_with_its_label_and_the_one_date_that_holds_it(
    raw: str, label: str, covering: str, precision: str
) -> None:
    found = edtf.parse(raw, interval=True)
    assert isinstance(found, DateInterval)
    assert (found.iso, found.label, found.covering.iso, found.precision) == (raw, label, covering, precision)
    assert found.year == found.start.year and found.ends == (found.start, found.end)


@pytest.mark.parametrize(
    ("raw", "message", "hint"),
    [
        ("2006-03-21/2006-03-20", "starts after it ends", "write the earlier date first: 2006-03-20/2006-03-21"),
        ("2006-03/2006-03", "starts and ends on the same date", "write the date once: 2006-03"),
        ("2006-03/2006-03-15", "its start, 2006-03, runs past its end, 2006-03-15", "as precisely as the end"),
        ("2006/2006-03", "its start, 2006, runs past its end", "write the date once: 2006"),
        (
            "2006/..",
            "has an open end (..)",
            "the latest date the sources allow, and say what is uncertain in date_note",
        ),
        ("../2006", "has an open end (..)", "write the earliest and the latest date"),
        ("2006/", "has an unknown end", "write the earliest and the latest date"),
        ("/2006", "has an unknown end", "write the earliest and the latest date"),
        ("2006?/2007", "EDTF qualifier", "say what is uncertain in date_note"),
        ("2006/2007~", "EDTF qualifier", "write only what is established"),
        ("2006/2007/2008", "is not an interval", "one slash between two dates"),
        ("2006-02-30/2006-03-01", "is not a real date", "or the dates it lies between: 2006-03-20/2006-03-21"),
        ("2006-00/2006-03", "is not a real date", "2006-03-20/2006-03-21"),
        ("2006-03-01/2006-03-00", "is not a real date", "2006-03-20/2006-03-21"),
        ("1799/1801", "outside the years the archive takes (1800-2099)", "2006-03-20/2006-03-21"),
        ("2006/2100", "outside the years the archive takes (1800-2099)", "2006-03-20/2006-03-21"),
        ("2006 / 2007", "is not a date", "2006-03-20/2006-03-21"),
        ("2006-03-20/21", "is not a date", "2006-03-20/2006-03-21"),
    ],
)
def test_a_bad_interval_is_reported_at_the_field_s_line_with_its_fix(
    project: Project, raw: str, message: str, hint: str
) -> None:
    project.article("a", dated(f'"{raw}"'))
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root)
    (error,) = [error for error in failed.value.errors if error.path == "articles/a.md"]
    assert error.line == 5 and message in error.message and hint in error.hint, str(error)


def test_a_briefing_s_date_and_a_note_s_added_stay_full_days() -> None:
    assert edtf.parse("2026-12-07/2026-12-08", full=True) == edtf.Problem(
        "'2026-12-07/2026-12-08' is not a date", "write YYYY-MM-DD"
    )
    assert edtf.json_pattern(full=True, interval=False) == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def test_the_schemas_take_an_interval_where_the_loader_does() -> None:
    for name, field in (("article", "published"), ("timeline", "date")):
        schema = json.loads((REPO / f"build_tools/schemas/{name}.schema.json").read_text(encoding="utf-8"))
        assert f'"pattern": "{edtf.json_pattern(full=False, interval=True)}"' in json.dumps(schema), (name, field)
    pattern = edtf.json_pattern(full=False, interval=True)
    for good in ("2006", "2006-03", "2006-03-09", "2006-03-20/2006-03-21", "2006/2007-01"):
        assert re.search(pattern, good), good
    for bad in ("2006/", "2006/..", "2006?", "2006/2007/2008"):
        assert not re.search(pattern, bad), bad


# --- ordering --------------------------------------------------------------------------


def test_articles_and_the_timeline_order_by_start_then_end(project: Project) -> None:
    for slug, when in [("day", "2006-03-20"), ("short", "2006-03-20/2006-03-21"), ("long", "2006-03-20/2006-04"),
                       ("month", "2006-03"), ("later", "2006-03-21")]:  # fmt: skip
        project.article(slug, dated(when, slug.title()))
    archive = load_archive(project.root)
    assert [article.slug for article in archive.articles] == ["later", "long", "short", "day", "month"]
    assert [event.id for event in archive.events] == [f"article-{slug}" for slug in
                                                        ("month", "day", "short", "long", "later")]  # fmt: skip


TIMELINE = """\
events:
  - id: war
    date: 1950/1953
    title: The Korean War
    description: The war.
    sources: [{title: S, url: "https://example.org/s"}]
  - id: armistice
    date: 1953-07-27
    title: Armistice
    description: The armistice.
    sources: [{title: S, url: "https://example.org/s"}]
"""


def test_an_event_s_interval_is_listed_under_its_first_year_with_its_anchor(project: Project) -> None:
    project.article("talks")
    project.write("timeline.yml", TIMELINE)
    page = pipeline.render_pages(project.root)["timeline/index.md"]
    war = page.index("## 1950 {.bx-year}\n\n### 1950–1953: The Korean War {#event-war .bx-event}")
    assert war < page.index("## 1953 {.bx-year}\n\n### 27 July 1953: Armistice {#event-armistice .bx-event}")
    assert "| 1950–1953 | [The Korean War](#event-war) |" in page


# --- every output ----------------------------------------------------------------------


@pytest.fixture
def pages(project: Project) -> dict[str, str]:
    project.article("days", dated("2006-03-20/2006-03-21", "Days talks"))
    project.article("years", dated("2006-12-30/2007-01-02", "Years talks"))
    return pipeline.render_pages(project.root)


def front(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def test_the_article_page_shows_the_interval_and_says_the_day_is_not_established(pages: dict[str, str]) -> None:
    assert "**Example News** · 20–21 March 2006 (exact day not established)\n" in pages["articles/days.md"]
    index = pages["articles/index.md"]
    assert "## 2006" in index and "## 2007" not in index  # across years: under the first
    assert index.index("30 December 2006 – 2 January 2007") < index.index("20–21 March 2006")  # newest first
    assert front(index)["newest"][0]["date"] == "30 December 2006 – 2 January 2007"  # the home page's list


def test_csl_json_holds_the_range_and_ris_and_bibtex_the_covering_date(pages: dict[str, str]) -> None:
    (item,) = json.loads(pages["cite/days.json"])
    assert item["issued"] == {"date-parts": [[2006, 3, 20], [2006, 3, 21]]}
    (item,) = json.loads(pages["cite/years.json"])
    assert item["issued"] == {"date-parts": [[2006, 12, 30], [2007, 1, 2]]}
    ris = dict(line.split("  - ", 1) for line in pages["cite/days.ris"].splitlines()[:-1])
    assert (ris["PY"], ris["DA"]) == ("2006", "2006/03//")
    ris = dict(line.split("  - ", 1) for line in pages["cite/years.ris"].splitlines()[:-1])
    assert (ris["PY"], ris["DA"]) == ("2006", "2006///")
    bib = dict(re.findall(r"^  (\w+) = (.*?),?$", pages["cite/days.bib"], re.M))
    assert (bib["year"], bib["month"]) == ("{2006}", "mar") and "date" not in bib and "day" not in bib
    bib = dict(re.findall(r"^  (\w+) = (.*?),?$", pages["cite/years.bib"], re.M))
    assert bib["year"] == "{2006}" and "month" not in bib


def test_highwire_and_json_ld_take_the_covering_date(pages: dict[str, str]) -> None:
    days, years = front(pages["articles/days.md"])["citation"], front(pages["articles/years.md"])["citation"]
    assert (days["date"], days["jsonld"]["datePublished"]) == ("2006/03", "2006-03")
    assert (years["date"], years["jsonld"]["datePublished"]) == ("2006", "2006")


def test_zotero_saves_the_month_that_holds_the_interval(pages: dict[str, str]) -> None:
    """The page's head as `templates/theme/main.html` writes the date tags, read by the Embedded Metadata port."""
    date = front(pages["articles/days.md"])["citation"]["date"]
    head = (f'<meta name="citation_title" content="Days talks"><meta name="citation_publication_date" '
            f'content="{date}"><meta name="citation_date" content="{date}">')  # fmt: skip
    assert save(head, ARCHIVE).date == "2006/03"


def test_the_sitemap_date_is_the_interval_s_end(pages: dict[str, str]) -> None:
    assert front(pages["articles/days.md"])["lastmod"] == "2006-03-21"
    assert front(pages["articles/years.md"])["lastmod"] == "2007-01-02"
    assert front(pages["articles/index.md"])["lastmod"] == "2007-01-02"


def test_the_feeds_order_by_start_and_give_an_interval_no_date(pages: dict[str, str]) -> None:
    items = ET.fromstring(pages["feeds/rss.xml"]).findall("channel/item")
    assert [item.findtext("title") for item in items] == ["Years talks", "Days talks"]
    assert all(item.find("pubDate") is None for item in items)  # RSS dates a known day only
    assert items[1].findtext("description").startswith("Example News, 20–21 March 2006. ")
    feed = json.loads(pages["feeds/feed.json"])
    assert [item["title"] for item in feed["items"]] == ["Years talks", "Days talks"]
    assert not any("date_published" in item for item in feed["items"])


def article(published: object) -> Article:
    return Article(
        slug="talks", path="articles/talks.md", title="Talks in Seoul", outlet="Example News", url=None,
        published=published, date_note=None, byline="Jane Reporter", language="en", summary="S.", tags=("opcon",),
        capture_note=None, body="B.\n", body_line=10,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "chicago", "apa"),
    [
        ("2006-03-20/2006-03-21", "March 20–21, 2006", "(2006, March 20–21)"),
        ("2006-03/2006-04", "March–April 2006", "(2006, March–April)"),
        ("2006/2007", "2006–2007", "(2006–2007)"),
    ],
)
def test_chicago_and_apa_print_the_range(raw: str, chicago: str, apa: str) -> None:
    cited = cite_all([article(edtf.parse(raw, interval=True))])["talks"]
    assert cited.chicago == f"Jane Reporter. “Talks in Seoul.” Example News, {chicago}."
    assert cited.apa == f"Jane Reporter. {apa}. Talks in Seoul. Example News."


# --- the importer ----------------------------------------------------------------------

CAPTURE = "A headline for the import test\n\nThe first paragraph of the article.\n"


def test_the_importer_takes_an_interval_and_make_check_accepts_it(project: Project) -> None:
    source = project.write("capture.txt", CAPTURE)
    importer.run_import(project.root, [source], None, "ranged", published="2006-03-20/2006-03-21")
    path = project.root / "articles/ranged.md"
    text = path.read_text(encoding="utf-8")
    assert 'published: "2006-03-20/2006-03-21"\n' in text
    filled = "language: en\noutlet: Example News\nsummary: S.\ntags: [opcon]\n"  # what the editor fills in
    path.write_text(text.replace("language: en\n", filled), encoding="utf-8")
    pipeline.check(project.root)
    (found,) = load_archive(project.root).articles
    assert found.published == DateInterval(PublishedDate(2006, 3, 20), PublishedDate(2006, 3, 21))


@pytest.mark.parametrize(
    ("value", "message"),
    [("2006-03-21/2006-03-20", "starts after it ends"), ("2006/..", "open end"), ("2006-13", "not a real date")],
)
def test_the_importer_refuses_a_bad_date_and_writes_nothing(project: Project, value: str, message: str) -> None:
    source = project.write("capture.txt", CAPTURE)
    with pytest.raises(BuildFailed) as failed:
        importer.run_import(project.root, [source], None, "ranged", published=value)
    (error,) = failed.value.errors
    assert error.path == "--published" and message in error.message and error.hint
    assert not (project.root / "articles/ranged.md").exists()

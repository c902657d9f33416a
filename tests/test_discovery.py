"""How feed readers, browsers and crawlers find the archive: feed links in every page's <head>,
robots.txt naming the sitemap, and sitemap dates taken from each page's content, not from the build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ARTICLE, Project
from site_helpers import build_site, copy_project

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOTE = """\
annotations:
  - id: seoul
    quote: to discuss wartime operational control
    note: A note.
    author: octocat
    kind: context
    sources: [{title: S, url: "https://example.org/s"}]
    added: 2021-05-04
"""


def _build(root: Path, epoch: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    monkeypatch.setenv("SITE_URL", "https://archive.example.org/briefings/")
    return build_site(root)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = Project(tmp_path_factory.mktemp("discovery") / "project")
    project.article("talks")  # published 2006-03, no note
    project.article("noted", ARTICLE.replace("Talks in Seoul", "Noted talks").replace("2006-03", "2009-07-01"))
    project.write("articles/noted.annotations.yml", NOTE)
    project.article("later", ARTICLE.replace("Talks in Seoul", "Later talks").replace("2006-03", "2017"))
    project.article(
        "ranged", ARTICLE.replace("Talks in Seoul", "Ranged talks").replace("2006-03", "2008-12-30/2009-01-02")
    )
    copy_project(project.root, sources=False)
    return project


@pytest.fixture(scope="module")
def site(project: Project) -> Path:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _build(project.root, "1700000000", monkeypatch)


def lastmods(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_every_page_links_both_feeds_in_its_head(site: Path) -> None:
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 8
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        found = dict(re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', head))
        assert {"application/rss+xml", "application/feed+json"} <= set(found), page
        base = page.relative_to(site).as_posix()
        assert (site / urljoin(base, found["application/rss+xml"])).read_text(encoding="utf-8").startswith("<?xml")
        assert (site / urljoin(base, found["application/feed+json"])).read_text(encoding="utf-8").startswith("{")


def test_robots_txt_names_the_sitemap_at_the_site_address(site: Path) -> None:
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines == ["User-agent: *", "Allow: /", "Sitemap: https://archive.example.org/briefings/sitemap.xml"]


def test_sitemap_dates_come_from_what_each_page_shows(site: Path) -> None:
    dates = lastmods(site)
    at = "https://archive.example.org/briefings/"
    assert dates[f"{at}articles/talks/"] == "2006-03"  # its publication, as precisely as it is known
    assert dates[f"{at}articles/noted/"] == "2021-05-04"  # the day its note was added, after publication
    assert dates[f"{at}articles/later/"] == "2017"
    assert dates[f"{at}articles/ranged/"] == "2009-01-02"  # an interval: its end, the latest it can date from
    assert dates[f"{at}articles/"] == "2017"  # the archive index: its newest article
    assert dates[f"{at}glossary/opcon/"] == "2021-05-04"  # the note listed there is newer than every article
    assert dates[f"{at}"] is None and dates[f"{at}glossary/"] is None  # nothing dated on these pages: no date
    assert all(re.fullmatch(r"\d{4}(-\d\d){0,2}", date) for date in dates.values() if date)


def test_sitemap_dates_do_not_depend_on_the_day_of_the_build(
    project: Project, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = (site / "sitemap.xml").read_bytes()
    again = _build(copy_project(Project(tmp_path / "again").root, sources=False), "1800000000", monkeypatch)
    for rel in ("articles/talks.md", "articles/noted.md", "articles/noted.annotations.yml", "articles/later.md",
                "articles/ranged.md"):  # fmt: skip
        (again.parent / rel).write_bytes((project.root / rel).read_bytes())
    again = _build(again.parent, "1800000000", monkeypatch)
    assert (again / "sitemap.xml").read_bytes() == first

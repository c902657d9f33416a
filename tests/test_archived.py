"""Archived copies of sources: the `archived:` field, its Robust Link on every page that lists sources, and the
count `check` prints."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from conftest import GLOSSARY, REPO, Project
from site_helpers import build_site, copy_project

from build_tools import __main__ as cli
from build_tools.errors import BuildFailed
from build_tools.escape import destination
from build_tools.load import load_archive
from build_tools.render.robust import attribute
from build_tools.values import PublishedDate, Url

COPY = "https://web.archive.example/web/20200309120000/https://example.org/spi"
ARCHIVED = f"""\
        url: https://example.org/spi
        archived:
          url: {COPY}
          date: 2020-03-09
"""


def _with_copy(project: Project, archived: str = ARCHIVED) -> None:
    project.write("glossary.yml", GLOSSARY.replace("        url: https://example.org/spi\n", archived))


def test_a_source_reads_its_archived_copy_and_where_it_is_written(project: Project) -> None:
    _with_copy(project)
    term = {str(term.id): term for term in load_archive(project.root).terms}["spi"]
    (source,) = term.sources
    assert source.archived is not None
    assert (source.archived.url, source.archived.date.iso) == (COPY, "2020-03-09")
    assert (source.path, source.line) == ("glossary.yml", 10)
    other = {str(term.id): term for term in load_archive(project.root).terms}["opcon"].sources[0]
    assert other.archived is None


@pytest.mark.parametrize(
    ("archived", "message"),
    [
        (ARCHIVED.replace(COPY, COPY.replace("https", "http", 1)), "glossary.yml:13: the archived copy's address"),
        (ARCHIVED.replace("2020-03-09", "2020-03"), "glossary.yml:14:"),
        (ARCHIVED.replace(COPY, "https://example.org/spi"), "glossary.yml:10: the archived copy of"),
        (ARCHIVED.replace("          date: 2020-03-09\n", ""), "missing required key 'date'"),
        (ARCHIVED + "          saved: 2020-03-09\n", "unknown key 'saved' in an archived copy"),
    ],
)
def test_an_archived_copy_is_https_a_full_date_and_not_the_source_itself(
    project: Project, archived: str, message: str
) -> None:
    _with_copy(project, archived)
    with pytest.raises(BuildFailed) as failed:
        load_archive(project.root)
    assert message in str(failed.value)


def test_check_counts_the_sources_without_a_copy_and_does_not_fail(project: Project) -> None:
    project.article("talks")
    _with_copy(project)
    lines = cli.run("check", project.root).splitlines()
    assert lines[0].startswith("ok: sources are valid")
    assert lines[1] == "1 of 2 sources have no archived copy; `python -m build_tools archive` finds them"
    opcon = "        url: https://example.org/opcon\n"
    project.write("glossary.yml", GLOSSARY.replace("        url: https://example.org/spi\n", ARCHIVED).replace(
        opcon, opcon + f"        archived: {{url: {COPY}-2, date: 2021-01-01}}\n"))  # fmt: skip
    assert cli.run("check", project.root).splitlines()[1] == "all 2 sources have an archived copy"


def test_an_attribute_value_is_a_url_or_a_full_date_only() -> None:
    assert attribute(PublishedDate(2020, 3, 9)) == "2020-03-09"
    with pytest.raises(ValueError, match="not a full date"):
        attribute(PublishedDate(2020, 3))
    with pytest.raises(TypeError):
        attribute("https://example.org/plain-str")  # type: ignore[arg-type]


class _Links(HTMLParser):
    """Every `<a>` of a page: its attributes and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict[str, str | None], str]] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append((dict(attrs), ""))
            self._open = True

    def handle_endtag(self, tag: str) -> None:
        self._open = self._open and tag != "a"

    def handle_data(self, data: str) -> None:
        if self._open:
            attrs, text = self.links[-1]
            self.links[-1] = (attrs, text + data)


def robust_links(page: str) -> list[tuple[dict[str, str | None], dict[str, str | None], str]]:
    """Each Robust Link of a page (an `<a>` with `data-versionurl`), the link after it and that link's text;
    every link carrying one of the three attributes must carry all three."""
    parser = _Links()
    parser.feed(page)
    found = []
    names = ("data-originalurl", "data-versionurl", "data-versiondate")
    for index, (attrs, _) in enumerate(parser.links):
        if any(name in attrs for name in names):
            assert all(attrs.get(name) for name in names), attrs
            after, text = parser.links[index + 1]
            found.append((attrs, after, " ".join(text.split())))
    return found


HOSTILE = "https://example.org/a*b*c?x==1&y=_z_==&amp;w=~~v~~"


def test_an_address_with_markdown_characters_stays_the_same_in_every_attribute() -> None:
    md = markdown.Markdown(extensions=["attr_list", "tables", "pymdownx.mark", "admonition", "toc"])
    copy = Url(f"https://web.archive.example/web/20200309120000/{HOSTILE}")
    text = (
        f'[T]({destination(HOSTILE)}){{ data-originalurl="{attribute(Url(HOSTILE))}" data-versionurl='
        f'"{attribute(copy)}" data-versiondate="{attribute(PublishedDate(2020, 3, 9))}" }} ([copy]({destination(copy)}))'
    )
    ((attrs, after, words),) = robust_links(md.convert(text))
    assert attrs["data-originalurl"] == attrs["href"] == HOSTILE.replace("&amp;", "&")
    assert attrs["data-versionurl"] == after["href"] == copy.replace("&amp;", "&")
    assert words == "copy"


EXPECTED = {
    "glossary/cfc": 2, "people/a-writer": 1, "timeline": 1, "briefings/command-story": 1,
    "articles/command-changes": 1,
}  # fmt: skip
"""Pages of tests/golden/archived and how many of their sources have an archived copy."""


def test_every_page_that_lists_sources_shows_robust_links_in_the_built_html(tmp_path: Path) -> None:
    root = tmp_path / "site-project"
    shutil.copytree(REPO / "tests/golden/archived/input", root)
    site = build_site(copy_project(root, sources=False))
    for page, count in EXPECTED.items():
        found = robust_links((site / page / "index.html").read_text(encoding="utf-8"))
        assert len(found) == count, page
        for attrs, copy_link, words in found:
            assert attrs["data-originalurl"] == attrs["href"]
            assert copy_link["href"] == attrs["data-versionurl"]
            assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", attrs["data-versiondate"] or "")
            assert re.fullmatch(r"archived copy, [0-9]{1,2} [A-Z][a-z]+ [0-9]{4}", words), words
            assert attrs["data-versionurl"].startswith("https://archive.example.org/web/")  # type: ignore[union-attr]
    cfc = (site / "glossary/cfc/index.html").read_text(encoding="utf-8")
    hostile = [attrs for attrs, _, _ in robust_links(cfc) if "a*b*c" in (attrs["href"] or "")]
    assert hostile and hostile[0]["data-originalurl"] == "https://example.org/a*b*c?x==1&y=_z_=="
    timeline = robust_links((site / "timeline/index.html").read_text(encoding="utf-8"))
    assert [attrs["data-versiondate"] for attrs, _, _ in timeline] == ["2015-06-01"]
    assert "Another history" in (site / "timeline/index.html").read_text(encoding="utf-8")

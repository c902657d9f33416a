"""An article as a reference to import: CSL-JSON, RIS and BibTeX, each exact and escaped for its format."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ARTICLE, Project

from build_tools import pipeline
from build_tools.escape import WORD_JOINER

TITLE = '{Talks & plans} 100% } \\ #1 ~ "$5" in_Seoul {'  # lone braces too: BibTeX counts every one


@pytest.fixture
def pages(project: Project, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
    title = TITLE.replace("\\", "\\\\").replace('"', '\\"')
    project.article("talks", ARTICLE.replace("title: Talks in Seoul", f'title: "{title}"\nbyline: Jane Kim'))
    project.article("day", ARTICLE.replace("2006-03", "2017-10-28").replace("url: https://example.org/talks\n", ""))
    return pipeline.render_pages(project.root)


def test_csl_json_is_the_original_newspaper_article(pages: dict[str, str]) -> None:
    (item,) = json.loads(pages["cite/talks.json"])
    assert item["type"] == "article-newspaper" and item["id"] == "https://w3id.org/briefing-archive/articles/talks"
    assert item["title"] == TITLE and item["container-title"] == "Example News"
    assert item["author"] == [{"literal": "Jane Kim"}]
    assert item["issued"] == {"date-parts": [[2006, 3]]}  # no day made up
    assert item["URL"] == "https://example.org/talks"
    assert item["note"] == "Archived copy: https://archive.example.org/articles/talks/"
    (day,) = json.loads(pages["cite/day.json"])
    assert day["issued"] == {"date-parts": [[2017, 10, 28]]} and "URL" not in day and "author" not in day


def test_ris_has_one_tag_per_line_from_ty_to_er(pages: dict[str, str]) -> None:
    lines = pages["cite/talks.ris"].split("\n")
    assert lines[0] == "TY  - NEWS" and lines[-2] == "ER  - " and lines[-1] == ""
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    tags = dict(line.split("  - ", 1) for line in lines[:-2])
    assert tags["TI"] == TITLE and tags["T2"] == "Example News" and tags["AU"] == "Jane Kim"
    assert tags["PY"] == "2006" and tags["DA"] == "2006/03//"
    assert tags["ID"] == "https://w3id.org/briefing-archive/articles/talks"  # the permanent identifier
    assert dict(line.split("  - ", 1) for line in pages["cite/day.ris"].split("\n")[:-2])["DA"] == "2017/10/28/"


def unescape_bibtex(value: str) -> str:
    words = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
             r"\textbraceleft{}": "{", r"\textbraceright{}": "}"}  # fmt: skip
    for word, char in words.items():
        value = value.replace(word, char)
    return re.sub(r"\\([%$&#_])", r"\1", value)


def test_bibtex_escapes_the_title_and_keeps_every_brace_balanced(pages: dict[str, str]) -> None:
    entry = pages["cite/talks.bib"]
    assert entry.startswith("@article{talks,\n") and entry.endswith("\n}\n")
    fields = dict(re.findall(r"^  (\w+) = (.*?),?$", entry, re.M))
    assert fields["title"].startswith("{{") and unescape_bibtex(fields["title"][2:-2]) == TITLE  # capitals kept
    assert fields["author"] == "{{Jane Kim}}" and fields["journal"] == "{Example News}"
    assert fields["year"] == "{2006}" and fields["month"] == "mar" and fields["langid"] == "{english}"
    depth = 0
    for char in entry:  # BibTeX counts every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


def test_the_article_page_links_its_three_reference_files(pages: dict[str, str]) -> None:
    page = pages["articles/talks.md"]
    for form, name in (("json", "CSL-JSON"), ("ris", "RIS"), ("bib", "BibTeX")):
        assert f"[{name}](../cite/talks.{form})" in page


CITEPROC_TAGS = ("<i>", "</i>", "<b>", "</b>", "<sc>", "</sc>", "<sup>", "</sup>", "<sub>", "</sub>", "</span>",
                 '<span class="nocase">', '<span class="nodecor">', '<span style="font-variant:small-caps;">')  # fmt: skip
"""The strings citeproc-js (`src/util_flipflop.js`) and Zotero's rich-text titles read as formatting."""
MARKED_UP = 'A <i>plain</i> <span class="nocase">title</span> &lt;b&gt; <sup>2</sup> & < more'


def test_titles_that_look_like_formatting_stay_text_for_reference_managers(project: Project) -> None:
    """CSL-JSON readers and Zotero take some tags as formatting and have no escape, and Zotero's RIS import
    parses the value as HTML: in every file they read the title keeps its characters, made inert by a word
    joiner after a `<` or `&` that could start a tag or an entity."""
    project.article("talks", ARTICLE.replace("title: Talks in Seoul", f"title: '{MARKED_UP}'"))
    pages = pipeline.render_pages(project.root)
    (item,) = json.loads(pages["cite/talks.json"])
    ris = next(line[6:] for line in pages["cite/talks.ris"].splitlines() if line.startswith("TI  - "))
    bib = re.search(r"title = \{\{(.*)\}\},", pages["cite/talks.bib"]).group(1)  # type: ignore[union-attr]
    for title in (item["title"], ris, bib):
        assert not any(tag in title for tag in CITEPROC_TAGS), title
        assert not re.search(r"<[A-Za-z/!?]|&[A-Za-z#]", title.replace("\\&", "")), title  # RIS: no tag, no entity
    assert item["title"].replace(WORD_JOINER, "") == ris.replace(WORD_JOINER, "") == MARKED_UP
    shown = pages["articles/talks.md"].split("(Chicago, then APA):", 1)[1]  # what readers copy: exact
    assert "A &lt;i&gt;plain&lt;/i&gt;" in shown and WORD_JOINER not in shown


def test_ampersands_that_start_no_entity_stay_as_typed(project: Project) -> None:
    project.article("talks", ARTICLE.replace("title: Talks in Seoul", "title: Q&A on R&D at AT&T, 5 < 6"))
    pages = pipeline.render_pages(project.root)
    (item,) = json.loads(pages["cite/talks.json"])
    assert item["title"] == "Q&A on R&D at AT&T, 5 < 6" and WORD_JOINER not in pages["cite/talks.bib"]

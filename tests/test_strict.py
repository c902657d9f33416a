"""Strict inputs: whatever a contributor sends is data, and every refusal names file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ARTICLE, GLOSSARY, Project
from live_markup import in_html
from site_helpers import build_site, copy_project, search_index

from build_tools import pipeline
from build_tools.errors import BuildFailed


def errors(project: Project) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        pipeline.render_pages(project.root)
    return [str(error) for error in failed.value.errors]


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u200b", "ZERO WIDTH SPACE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE")],
)
def test_invisible_characters_are_refused_with_code_point_and_column(project: Project, char: str, name: str) -> None:
    project.article("a", ARTICLE.replace("title: Talks in Seoul", f"title: Talks in {char}Seoul"))
    (message,) = errors(project)
    assert message.startswith(f"articles/a.md:2: invisible character U+{ord(char):04X} ({name}) at column 17")


def test_invisible_characters_in_notes_are_refused(project: Project) -> None:
    project.article("a")
    project.write(
        "articles/a.annotations.yml",
        "annotations:\n  - id: n\n    quote: Officials met\n    note: Fine\u200d text.\n",
    )
    (message,) = errors(project)
    assert message.startswith(
        "articles/a.annotations.yml:4: invisible character U+200D (ZERO WIDTH JOINER) at column 15"
    )


def test_oversized_source_is_refused(project: Project) -> None:
    project.article("a", ARTICLE + ("word " * 210_000))
    (message,) = errors(project)
    assert message.startswith("articles/a.md: file is 1.1 MB, over the 1 MB limit")


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        ("Text <script>alert(1)</script>.", 15, "raw HTML is not allowed in articles"),
        ("A [link](javascript:alert(1)).", 15, "links with the scheme 'javascript:' are not allowed in articles"),
        ("![x](data:image/png;base64,AAAA)", 15, "links with the scheme 'data:' are not allowed in articles"),
        ('A paragraph.\n{: onclick="alert(1)" }', 16, "attribute lists such as `{: ...}` are not allowed"),
    ],
)
def test_article_text_cannot_carry_markup_or_scripts(project: Project, body: str, line: int, problem: str) -> None:
    project.article("a", ARTICLE + "\n" + body + "\n")
    messages = errors(project)
    assert any(m.startswith(f"articles/a.md:{line}: {problem}") for m in messages), messages


def test_reserved_pages_cannot_be_claimed(project: Project) -> None:
    project.article("index")
    extra = (
        GLOSSARY.split("  - id: opcon", 1)[1]
        .replace("[OPCON, operational control, wartime operational control]", "[Index]")
        .replace("expansion: operational control", "expansion: an index")
        .replace("name: OPCON", "name: Index")
    )
    project.write("glossary.yml", GLOSSARY + "  - id: index" + extra)
    messages = errors(project)
    assert messages[0].startswith(
        "articles/index.md: article 'index' would write the page articles/index.md, which the archive index"
        " (templates/archive.md.j2) already writes"
    )
    assert messages[1].startswith(
        "glossary.yml:21: term 'index' would write the page glossary/index.md, which the glossary index"
        " (templates/glossary.md.j2) already writes"
    )


def test_generated_folders_may_not_be_symlinks(project: Project, tmp_path: Path) -> None:
    project.article("a")
    outside = tmp_path / "outside"
    outside.mkdir()
    (project.root / "docs/articles").symlink_to(outside)
    with pytest.raises(BuildFailed) as failed:
        pipeline.generate(project.root)
    assert "docs/articles: is a symlink" in str(failed.value)
    assert not any(outside.iterdir())


def assert_no_active_content(page: str) -> None:
    """No event handler, no javascript: URL and no script holding the payloads."""
    assert in_html(page) == []


HOSTILE = '</title><script>alert(1)</script> {{ 7*7 }} "quoted"'


def test_front_matter_is_data_in_every_place_it_appears(tmp_path: Path) -> None:
    project = Project(tmp_path / "project")
    summary = 'Ends the attribute" onmouseover="alert(2)'
    project.article(
        "a",
        ARTICLE.replace("title: Talks in Seoul", f"title: '{HOSTILE}'").replace(
            "summary: Officials met to talk about operational control.", f"summary: '{summary}'"
        ),
    )
    copy_project(project.root, sources=False)
    site = build_site(project.root)
    for path in site.rglob("*.html"):
        assert_no_active_content(path.read_text(encoding="utf-8"))
    article = (site / "articles/a/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} &quot;quoted&quot; - " in article
    assert re.search(r"<h1[^>]*>&lt;/title&gt;&lt;script&gt;alert\(1\)&lt;/script&gt; \{\{ 7\*7 \}\}", article)
    for doc in search_index(site):
        assert "<script" not in doc["title"] and "<script" not in doc["text"]

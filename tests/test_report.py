"""One report per run: every problem of every stage, sorted by file and line, only real ones, and on a
pull request's diff too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from site_helpers import copy_project

from build_tools import pipeline
from build_tools.errors import BuildFailed, SourceError

VOA = "articles/us-south-korea-discuss-changes-in-military-relationship"
PERSON_INDEX = """
  - id: index
    name: Index Person
    short: A person whose id is a page of the build.
    aliases: [Index Person]
    sources:
      - title: A source
        url: https://example.org/index-person
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The real archive with a lost title, a lost quote (in the same article) and a person with id `index`."""
    root = copy_project(tmp_path / "repo", sources=True)
    edit(root / f"{VOA}.md", "title: US, South Korea Discuss Changes in Military Relationship\n", "")
    edit(
        root / f"{VOA}.annotations.yml",
        "quote: seven of the ten major military operations",
        "quote: words it never had",
    )
    edit(root / "people.yml", "\norganisations:", PERSON_INDEX + "organisations:")
    return root


def check(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "build_tools", "check", "--root", str(root)]
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"} | env
    return subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=120, check=False)


def test_three_problems_of_three_stages_in_one_run_and_nothing_else(broken: Path) -> None:
    result = check(broken)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if not line.startswith("    hint: ")]
    assert problems[-1] == "3 problems found; nothing was written."
    assert [line.split(": ", 1)[0] for line in problems[:-1]] == [
        f"{VOA}.annotations.yml:3",
        f"{VOA}.md:3",
        f"people.yml:{(broken / 'people.yml').read_text(encoding='utf-8').split(chr(10)).index('  - id: index') + 1}",
    ]
    assert "quote “words it never had” not found" in problems[0]
    assert "front matter is missing required key 'title'" in problems[1]
    assert "person 'index' would write the page people/index.md, which the People index" in problems[2]
    assert result.stderr.count("    hint: ") == 3
    assert result.stdout == ""  # off GitHub Actions, no annotations


def test_on_github_actions_each_problem_is_also_an_annotation_on_its_line(broken: Path) -> None:
    local = check(broken)
    result = check(broken, GITHUB_ACTIONS="true")
    assert result.stderr == local.stderr  # the log reads the same
    annotations = result.stdout.splitlines()
    assert len(annotations) == 3
    assert annotations[1] == (
        f"::error file={VOA}.md,line=3,title=Briefing Archive check::front matter is missing required key 'title'"
        "%0Ahint: add a line such as `title: The headline, as published`"
    )
    assert all(line.startswith("::error file=") for line in annotations)


def test_workflow_commands_escape_what_github_would_read_as_syntax() -> None:
    error = SourceError("articles/a,b:c.md", 7, "50% done\nnext line", "fix it")
    assert error.workflow_command() == (
        "::error file=articles/a%2Cb%3Ac.md,line=7,title=Briefing Archive check::50%25 done%0Anext line%0Ahint: fix it"
    )
    assert (
        SourceError("glossary.yml", None, "missing").workflow_command().startswith("::error file=glossary.yml,title=")
    )


def errors(root: Path) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(root)
    return [str(error) for error in failed.value.errors]


def test_a_broken_article_still_exists_for_what_refers_to_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    edit(root / f"{VOA}.md", "published: 2006-03-21", "published: 21 March 2006")
    (problem,) = errors(root)  # people.yml and timeline.yml name this article many times: no follow-on errors
    assert problem.startswith(f"{VOA}.md:6: '21 March 2006' is not a date")


def test_a_broken_entry_still_exists_for_what_refers_to_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    edit(root / "glossary.yml", "  - id: opcon\n    name: OPCON\n", "  - id: opcon\n")
    (problem,) = errors(root)  # articles, people.yml and timeline.yml refer to opcon
    assert "a glossary term is missing required key 'name'" in problem


def test_the_notes_of_an_article_with_broken_front_matter_are_still_checked(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    edit(root / f"{VOA}.md", "language: en", "language: English")
    edit(root / f"{VOA}.annotations.yml", "kind: clarification", "kind: clarifcation")  # the first note
    edit(root / f"{VOA}.annotations.yml", "quote: General Burwell Bell", "quote: General Bell")  # the second
    found = errors(root)
    assert [line.split(": ", 2)[:2] for line in found] == [
        [
            f"{VOA}.annotations.yml:12",
            "kind must be one of context, correction, clarification, term, person, not 'clarifcation'",
        ],
        [
            f"{VOA}.annotations.yml:20",
            "quote “General Bell, Commander of U.S. forces in Korea” not found in " + VOA + ".md\n    hint",
        ],
        [f"{VOA}.md:16", "'English' is not a language tag\n    hint"],
    ]


def test_problems_are_sorted_by_file_and_line_and_reported_once() -> None:
    from build_tools.errors import Report

    report = Report()
    for path, line in (("b.yml", 3), ("a.md", 9), ("a.md", 2), ("b.yml", 3), ("a.md", None)):
        report.add(path, line, "same problem")
    with pytest.raises(BuildFailed) as failed:
        report.raise_if_any()
    assert [(e.path, e.line) for e in failed.value.errors] == [("a.md", None), ("a.md", 2), ("a.md", 9), ("b.yml", 3)]


@pytest.mark.parametrize(
    ("file", "old", "new", "line"),
    [
        ("glossary.yml", "    name: CFC\n", '    name: "CFC\n', 38),  # an unclosed quote, noticed at the next ': '
        ("people.yml", "people:\n", "people:\n  - id: x\n   name: bad indent\n", 8),  # where YAML notices
    ],
)
def test_an_unreadable_register_is_one_problem_not_one_per_reference(
    tmp_path: Path, file: str, old: str, new: str, line: int
) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    edit(root / file, old, new)
    (problem,) = errors(root)  # articles and timeline.yml refer to its ids: which ids it has is unknown
    assert problem.startswith(f"{file}:{line}: invalid YAML")


def test_a_missing_glossary_is_one_problem(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    (root / "glossary.yml").unlink()
    assert errors(root) == ["glossary.yml: the glossary is missing\n    hint: create glossary.yml"]


def test_the_notes_of_an_article_whose_text_has_a_problem_are_still_checked(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    edit(root / f"{VOA}.md", "Senior South Korean and American", "Senior <b>South Korean</b> and American")
    edit(root / f"{VOA}.annotations.yml", "quote: General Burwell Bell", "quote: General Bell")
    found = errors(root)
    assert [line.split(": ", 1)[0] for line in found] == [f"{VOA}.annotations.yml:20", f"{VOA}.md:31"]
    assert "raw HTML is not allowed in articles" in found[1]


def test_the_notes_of_an_article_whose_front_matter_is_not_yaml_are_still_checked(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    edit(root / f"{VOA}.md", "title: US, South Korea", 'title: "US, South Korea')  # an unclosed quote
    edit(root / f"{VOA}.annotations.yml", "quote: General Burwell Bell", "quote: General Bell")
    found = errors(root)
    assert [line.split(": ", 1)[0] for line in found] == [
        f"{VOA}.annotations.yml:20",
        f"{VOA}.md:10",
    ]  # where YAML notices
    assert "invalid YAML" in found[1]

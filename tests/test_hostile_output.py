"""Hostile pull requests: no contributed text can start a line of what the tools print.

GitHub's runner reads a line of a job's output that starts with `::` as a workflow command (an annotation,
a masked value, a stop of command processing), so a contributed line break followed by `::` forges one.
Every line the tools print (the plain report, the annotations, `links`, the importer's report, the engine's
messages passed on, the run summary) writes the line breaks and control characters of contributed text as
escapes. The texts are generated: line breaks of every kind, followed by `::` commands.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ARTICLE, Project, dedent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import __main__ as cli
from build_tools import pipeline
from build_tools.commands import importer
from build_tools.commands import site as publish
from build_tools.errors import BuildFailed
from build_tools.text import one_line

BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
"""Every character Python, a terminal or the runner may take as the end of a line."""
COMMANDS = ["::error::forged", "::add-mask::x", "::stop-commands::t", "::warning file=x::y", "::set-output name=a::b"]
forged_st = st.builds(lambda before, brk, command: f"{before}{brk}{command}", st.text("ab :", max_size=5),
                      st.sampled_from(BREAKS), st.sampled_from(COMMANDS))  # fmt: skip


def lines_of(text: str) -> list[str]:
    """The lines a log shows: split at every line break Python knows (a superset of the runner's)."""
    return text.splitlines()


def assert_unforged(text: str, annotations: int = 0) -> None:
    """No line starts with `::` or `##[` (the runner trims leading whitespace first), but the tool's own
    annotations (`::error file=`, one per problem)."""
    ours = "::error file="
    forged = [line for line in lines_of(text) if line.lstrip().startswith(("::", "##[")) and not line.startswith(ours)]
    assert forged == [], text
    assert sum(line.startswith("::error file=") for line in lines_of(text)) == annotations


@settings(max_examples=60, deadline=None)
@given(forged_st)
def test_one_line_leaves_no_line_break(text: str) -> None:
    assert len(lines_of(one_line(text))) == 1 and "::" in one_line(text)
    assert one_line("plain words, “quotes” and 한국어") == "plain words, “quotes” and 한국어"


FIELDS = {
    "a title in the front matter": ("title: Talks in Seoul", 'title: "{text}"'),
    "a links rule the text lacks": ("tags: [opcon]", 'tags: [opcon]\nlinks: {{skip: ["{text}"]}}'),
    "a date that is none": ("published: 2006-03", 'published: "{text}"'),
    "an address that is none": ("url: https://example.org/talks", 'url: "https://example.org/{text}"'),
    "an unknown key": ("language: en", 'language: en\n"{text}": 1'),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(FIELDS)), forged_st)
def test_problems_about_contributed_text_stay_on_their_lines(tmp_path_factory, field: str, forged: str) -> None:
    project = Project(tmp_path_factory.mktemp("p") / "project")
    old, new = FIELDS[field]
    escaped = forged.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    project.article("talks", ARTICLE.replace(old, new.format(text=escaped)))
    project.write("articles/talks.annotations.yml", dedent(f"""
        annotations:
          - id: n
            quote: "{escaped}"
            note: A note.
            author: octocat
            kind: context
            sources: [{{title: S, url: 'https://example.org/s'}}]
        """))  # fmt: skip
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root)
    assert_unforged(str(failed.value))
    assert_unforged(failed.value.workflow_commands(), annotations=len(failed.value.errors))


@pytest.mark.parametrize("brk", BREAKS)
def test_a_file_name_cannot_start_a_line(project: Project, brk: str, capsys: pytest.CaptureFixture) -> None:
    project.article(f"talks{brk}::error::forged")
    assert cli.main(["check", "--root", str(project.root)]) == 1
    assert_unforged(capsys.readouterr().err)


def test_the_links_report_keeps_each_decision_on_its_line(project: Project, capsys: pytest.CaptureFixture) -> None:
    text = ARTICLE.replace("title: Talks in Seoul", 'title: "Talks\\n::error::forged"')
    project.article("talks", text.replace("Officials met for", "Officials\n::warning::x met for"))
    assert cli.main(["links", "--root", str(project.root)]) == 0
    out = capsys.readouterr().out
    assert_unforged(out)
    assert "articles/talks.md: Talks\\n::error::forged" in out


def test_a_sentence_that_starts_with_a_command_is_shown_behind_a_marker(project: Project, capsys) -> None:
    """The runner trims a line's leading whitespace before it looks for `::`: a mention's sentence is shown
    behind `in:`, never at the start of its (indented) line."""
    text = ARTICLE.replace(
        "Later, SPI talks", "Later, they met.\n::warning title=Security::All checks passed, SPI talks"
    )
    project.article("talks", text.replace("Officials met for", "##[error]Officials met for"))
    assert cli.main(["links", "--root", str(project.root)]) == 0
    out = capsys.readouterr().out
    assert_unforged(out)
    assert "        in: ::warning title=Security::All checks passed, SPI talks" in out


def test_the_importers_report_keeps_file_names_and_dropped_lines_on_their_lines(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "articles").mkdir(parents=True)
    source = tmp_path / "capture\n::error::forged.txt"
    source.write_text("A Headline Without a Stop\n\nShare this\n\nThe first paragraph.\n", encoding="utf-8")
    report = importer.run_import(root, [source], None, "imported")
    assert_unforged(report)


def test_the_engines_messages_are_passed_on_one_to_a_line(tmp_path: Path, monkeypatch, capsys) -> None:
    """MkDocs quotes page content in its warnings: each of its lines is passed on behind the engine's name."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "scratch" / "site").mkdir(parents=True)
    (tmp_path / "scratch" / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    said = "WARNING -  Doc file 'a.md' contains a link 'x\n::error::forged'\r::add-mask::y\x1b[2K"
    done = subprocess.CompletedProcess([], 0, stdout="", stderr=said)
    monkeypatch.setattr(publish.subprocess, "run", lambda *args, **kwargs: done)
    publish._engine_build("mkdocs", tmp_path, tmp_path / "scratch", "site")
    err = capsys.readouterr().err
    assert_unforged(err)
    assert all(line.startswith("mkdocs: ") for line in lines_of(err)) and "\x1b" not in err

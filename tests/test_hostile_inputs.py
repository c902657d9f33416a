"""Hostile pull requests: nothing is silently ignored or crashed on, and only regular files are read.

Each class of input is generated or listed by kind, not by example: every kind of special file in every
place the build reads, every near miss of the two names articles/ takes, dates that are no date, ids over
the limit, every kind of invisible character, addresses that are none, names that read alike. Each must
be one problem with file and line (all of a run in one report), never a traceback or a hang. Runs that
could hang if a file were opened go through the command line with a time-out as a safety net only.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import ARTICLE, GLOSSARY, REPO, Project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import pipeline
from build_tools.commands import importer
from build_tools.config import MAX_ID_LENGTH, MAX_YAML_DEPTH, MAX_YAML_ITEMS
from build_tools.errors import BuildFailed
from build_tools.text import HIDDEN, find_hidden


def problems(root: Path) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(root)
    return [str(error) for error in failed.value.errors]


def check_command(root: Path) -> subprocess.CompletedProcess:
    """`make check`'s command in a process of its own; the time-out only keeps a regression from hanging CI."""
    command = [sys.executable, "-m", "build_tools", "check", "--root", str(root)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def special(path: Path, kind: str) -> None:
    """Make `path` a special file of `kind`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "link to a device":
        path.symlink_to("/dev/zero")
    elif kind == "link outside":
        path.symlink_to(REPO / "README.md")
    elif kind == "dangling link":
        path.symlink_to(path.parent / "nowhere")
    elif kind == "named pipe":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        with contextlib.chdir(path.parent):  # bound by its name: a socket's whole path may not exceed 107 bytes
            server.bind(path.name)
        server.close()
    elif kind == "folder":
        path.mkdir()


KINDS = ["link to a device", "link outside", "dangling link", "named pipe", "socket", "folder"]
PLACES = ["articles/zero.md", "articles/talks.annotations.yml", "glossary.yml", "people.yml", "docs/extra.md",
          "docs/javascripts/extra.js", "templates/extra.md.j2", "mkdocs.yml"]  # fmt: skip


@pytest.mark.parametrize(
    ("place", "kind"),
    [(p, k) for p in PLACES for k in KINDS if k != "folder" or not p.startswith(("docs/", "templates/"))],
)
def test_a_special_file_anywhere_is_refused_before_it_is_read(project: Project, place: str, kind: str) -> None:
    project.article("talks")
    (project.root / "docs/javascripts").mkdir(parents=True)
    target = project.root / place
    if target.exists():
        target.unlink()
    special(target, kind)
    done = check_command(project.root)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    named = [line for line in done.stderr.splitlines() if line.startswith(place)]
    assert named, done.stderr


NEAR_MISSES = {
    "talks.annotations.yaml": "rename it to talks.annotations.yml, the name of the notes of articles/talks.md",
    "talks.annotation.yml": "rename it to talks.annotations.yml, the name of the notes of articles/talks.md",
    "talks.notes.yml": "rename it to talks.annotations.yml, the name of the notes of articles/talks.md",
    "Talks.Annotations.YML": "rename it to talks.annotations.yml, the name of the notes of articles/talks.md",
    "talks.markdown": "rename it to talks.md",
    "talks.MD": "rename it to talks.md",
    "talks.txt": "rename it to talks.md",
    "talks.md~": "delete it: it is an editor's or a merge tool's leftover",
    ".talks.md.swp": "delete it: it is an editor's or a merge tool's leftover",
    "talks.annotations.yml.orig": "delete it: it is an editor's or a merge tool's leftover",
    "talks.md.annotations": "rename it to talks.annotations.yml, or move it out of articles/",
    "README": "move it out of articles/, or delete it",
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_a_file_articles_does_not_take_is_a_problem_with_the_name_meant(project: Project, name: str) -> None:
    project.article("talks")
    project.write(f"articles/{name}", "annotations: []\n")
    assert [p for p in problems(project.root) if p.startswith(f"articles/{name}:")] == [
        f"articles/{name}: is neither an article (<slug>.md) nor the notes of one (<slug>.annotations.yml): it is "
        f"not read\n    hint: {NEAR_MISSES[name]}"
    ]


def test_every_problem_of_a_folder_is_in_one_report(project: Project) -> None:
    project.article("talks")
    for name in ("talks.annotation.yml", "x.yaml", "y.markdown"):
        project.write(f"articles/{name}", "x\n")
    (project.root / "articles/old.md").mkdir()
    paths = [p.split(":", 1)[0] for p in problems(project.root)]
    assert paths == ["articles/old.md", "articles/talks.annotation.yml", "articles/x.yaml", "articles/y.markdown"]


BAD_DATES = ["2006-03-00", "2006-00", "2006-13", "2006-02-30", "9999-12-31", "0206-01-01", "1799", "2100-01",
             "٢٠٠٦", "2006-3", "06-03-2006", "2006/03/09"]  # fmt: skip


@pytest.mark.parametrize("date", BAD_DATES)
def test_a_date_that_is_none_is_refused_at_its_line(project: Project, date: str) -> None:
    project.article("talks", ARTICLE.replace("published: 2006-03", f'published: "{date}"'))
    (problem,) = problems(project.root)
    assert problem.startswith(f"articles/talks.md:5: '{date}' is ")


@pytest.mark.parametrize("date", ["1800", "2099-12-31", "2006-03", "2024-02-29"])
def test_real_dates_in_range_pass(project: Project, date: str) -> None:
    project.article("talks", ARTICLE.replace("published: 2006-03", f"published: {date}"))
    pipeline.check(project.root)


def test_ids_slugs_and_tags_have_a_maximum_length(project: Project) -> None:
    long = "a" * (MAX_ID_LENGTH + 1)
    project.article("talks", ARTICLE.replace("tags: [opcon]", f"tags: [opcon, {long}]"))
    project.article("b" * 245)
    project.write("glossary.yml", GLOSSARY.replace("id: spi", "id: " + "c" * 300).replace("related: [opcon]", ""))
    found = problems(project.root)
    assert [p.split(": ", 2)[:2] for p in found] == [
        ["articles/" + "b" * 245 + ".md", f"file name '{'b' * 245}.md' is 245 characters long, over {MAX_ID_LENGTH}\n    hint"],
        ["articles/talks.md:8", f"'{'a' * 40}'… is {MAX_ID_LENGTH + 1} characters long, over {MAX_ID_LENGTH}\n    hint"],
        ["glossary.yml:2", f"'{'c' * 40}'… is 300 characters long, over {MAX_ID_LENGTH}\n    hint"],
    ]  # fmt: skip
    assert not any("Traceback" in p for p in found)


INVISIBLE = ["\u00ad", "\u034f", "\u180e", "\u200b", "\u2060", "\u2066", "\u3164", "\u115f", "\uffa0", "\ufe0f",
             "\U000e0041", "\U000e0001", "\u2028", "\u061c", "\x7f", "\x1b"]  # fmt: skip


def test_every_invisible_character_is_reported_in_one_run(project: Project) -> None:
    lines = "\n\n".join(f"Line {n} with{char}a hidden character." for n, char in enumerate(INVISIBLE))
    project.article("talks", ARTICLE + "\n" + lines + "\n")
    found = problems(project.root)
    assert len(found) == len(INVISIBLE)
    for problem, char in zip(found, INVISIBLE, strict=True):
        assert f"U+{ord(char):04X}" in problem and problem.startswith("articles/talks.md:")


def test_the_invisible_set_holds_every_format_control_and_separator_character() -> None:
    """Checked against the running Python's Unicode tables, so a newer Unicode's additions are caught."""
    missing = [f"U+{code:04X}" for code in range(0x110000)
               if unicodedata.category(chr(code)) in ("Cf", "Zl", "Zp", "Cc") and chr(code) not in "\t\n\r"
               and not HIDDEN.fullmatch(chr(code))]  # fmt: skip
    assert missing == []
    assert not HIDDEN.search("Plain words, 한국어, “quotes”, tabs\tand\nlines, 🇰🇷 flags, é and e\u0301.")


def test_the_quick_search_for_invisible_characters_finds_what_the_set_holds() -> None:
    """Sources are searched with the set's characters up to U+FFFF alone when they hold none beyond it."""
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    for text in (
        every,
        every[:0xF800],  # every character, then those up to U+FFFF
        "a\u200bb 🇰🇷 \U000e0001",
        "tab\tline\u202e",
    ):
        assert [match.span() for match in find_hidden(text)] == [match.span() for match in HIDDEN.finditer(text)]


@pytest.mark.parametrize(
    "url",
    ["https://-.-/", "https://example.org:99999999/", "https://example.org:0/", "https://gооgle.com/",
     "https://127.0.0.1/", "https://user@example.org/", "https://example..org/", "https://exa mple.org/",
     "https://." + "a." * 200 + "org/", "ftp://example.org/", "https://example.org:80a/",
     "https://example.org:" + "9" * 4400 + "/talks", "https://example.org/" + "a" * 2000],
)  # fmt: skip
def test_an_address_with_no_real_host_or_port_is_refused(project: Project, url: str) -> None:
    project.article("talks", ARTICLE.replace("url: https://example.org/talks", f'url: "{url}"'))
    (problem,) = problems(project.root)
    assert problem.startswith("articles/talks.md:4: ")


def test_yaml_nested_too_deep_or_too_long_is_refused_before_it_is_built(project: Project) -> None:
    project.article("talks")
    deep = "annotations:\n" + "".join("  " * depth + "- \n" for depth in range(1, MAX_YAML_DEPTH + 2))
    project.write("articles/talks.annotations.yml", deep)
    project.write("timeline.yml", "events:\n" + "".join(f"  - {n}\n" for n in range(MAX_YAML_ITEMS + 1)))
    found = problems(project.root)
    assert any(p.startswith("articles/talks.annotations.yml:") and "nested more than" in p for p in found)
    assert any(p.startswith(f"timeline.yml:{MAX_YAML_ITEMS + 2}:") and "more than 10,000 items" in p for p in found)


FULL_WIDTH = {chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["OPCON", "SPI", "Security Policy Initiative", "operational control"]),
    st.sampled_from(["full-width", "upper", "spaced", "no-break spaces"]),
)
def test_a_name_that_reads_as_another_entrys_is_a_problem_naming_both(tmp_path_factory, name: str, how: str) -> None:
    project = Project(tmp_path_factory.mktemp("p") / "project")
    project.article("talks")
    look_alike = {
        "full-width": "".join(FULL_WIDTH.get(char, char) for char in name),
        "upper": name.upper() if name != name.upper() else name.lower(),
        "spaced": name.replace(" ", "   ") if " " in name else f" {name} ",
        "no-break spaces": name.replace(" ", "\u00a0") if " " in name else f"\u00a0{name}",
    }[how]
    entry = (
        f"  - id: lookalike\n    name: Look-alike\n    short: x.\n    definition: x.\n    aliases: ['{look_alike}']\n"
    )
    project.write("glossary.yml", GLOSSARY + entry + "    sources: [{title: S, url: 'https://example.org/s'}]\n")
    found = [p for p in problems(project.root) if "glossary/lookalike" in p]
    assert found and all(p.startswith("glossary.yml:21: ") for p in found)
    assert "'glossary/spi'" in found[0] or "'glossary/opcon'" in found[0]


def test_the_importer_writes_only_a_new_regular_file_inside_articles(tmp_path: Path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    (root / "articles").mkdir(parents=True)
    outside.mkdir()
    source = tmp_path / "capture.txt"
    source.write_text("A Headline Without a Stop\n\nThe first paragraph.\n", encoding="utf-8")
    (root / "articles/dangling.md").symlink_to(outside / "made.md")
    for slug in ("dangling", "../escaped", "a/b", "x" * (MAX_ID_LENGTH + 1)):
        with pytest.raises(BuildFailed):
            importer.run_import(root, [source], None, slug)
    assert list(outside.iterdir()) == [] and not (tmp_path / "escaped.md").exists()
    (root / "articles/dangling.md").unlink()
    (root / "articles").rmdir()
    (root / "articles").symlink_to(outside)
    with pytest.raises(BuildFailed, match="articles: is a symbolic link, not a folder"):
        importer.run_import(root, [source], None, "fine")
    assert list(outside.iterdir()) == []
    (root / "articles").unlink()
    importer.run_import(root, [source], None, "fine")
    assert (root / "articles/fine.md").is_file() and not (root / "articles/fine.md").is_symlink()


def test_the_examples_of_the_issue_fail_check_in_one_run_without_a_traceback(project: Project) -> None:
    """`make check` on a pull request with all of them: one run, one problem each, file and line, no traceback."""
    project.article("talks", ARTICLE.replace("published: 2006-03", "published: 2006-03-00"))
    project.write("articles/talks.annotations.yaml", "annotations: []\n")
    project.write("articles/talks.annotation.yml", "annotations: []\n")
    (project.root / "articles/x.md").mkdir()
    (project.root / "articles/zero.md").symlink_to("/dev/zero")
    project.write("glossary.yml", GLOSSARY + GLOSSARY.split("terms:\n", 1)[1].replace("id: spi", "id: " + "s" * 300)
                  .replace("id: opcon", "id: other").replace("SPI", "ＳＰＩ").replace("OPCON", "ＯＰＣＯＮ"))  # fmt: skip
    done = check_command(project.root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    said = done.stderr
    for expected in ("articles/talks.md:5: '2006-03-00' is not a real date", "articles/talks.annotations.yaml:",
                     "articles/talks.annotation.yml:", "articles/x.md: is a folder", "articles/zero.md: is a symbolic",
                     "is 300 characters long", "reads as"):  # fmt: skip
        assert expected in said, said


LIMITS = {
    "a paragraph over 5,000 characters": ("\n" + "word " * 1001 + "\n", "a paragraph of more than 5,000 characters"),
    "block quotes 13 deep": ("\n" + "> " * 13 + "deep\n", "block quotes and lists nested more than 12 deep"),
    "lists 13 deep": ("\n" + "".join("  " * depth + "- item\n" for depth in range(13)), "nested more than 12 deep"),
    "block quotes 40 deep": ("\n" + "> " * 40 + "lost without a word\n", "nested more than 12 deep"),
}


@pytest.mark.parametrize("case", sorted(LIMITS))
def test_article_text_past_a_limit_is_refused_at_its_line(project: Project, case: str) -> None:
    added, says = LIMITS[case]
    project.article("talks", ARTICLE + added)
    found = problems(project.root)
    assert found and all(p.startswith("articles/talks.md:") and says in p for p in found), found


def test_a_plain_text_value_over_the_limit_is_refused(project: Project) -> None:
    project.article("talks", ARTICLE.replace("title: Talks in Seoul", "title: " + "Long " * 1001))
    (problem,) = problems(project.root)
    assert problem.startswith("articles/talks.md:2: the text is 5,004 characters long, over 5,000")


def test_a_hand_written_page_past_the_limits_is_refused(project: Project) -> None:
    project.article("talks")
    project.write("docs/index.md", "# Home\n\n" + "& " * 3000 + "\n")
    (project.root / "docs/big.md").write_bytes(b"x" * 1_000_001)
    found = problems(project.root)
    assert found == [
        "docs/big.md: is over the 1,000,000-byte limit of a source\n    hint: split it",
        "docs/index.md:3: a paragraph of more than 5,000 characters\n    hint: split it",
    ]


def test_a_quote_not_found_gets_a_hint_at_a_bounded_cost(project: Project) -> None:
    """The closest passage is compared character by character on its first 400 characters only: a one-word
    quote of 5,000 characters against paragraphs of such words (23 s before) takes no longer than a short one."""
    word = "x" * 4_000
    project.article("talks", ARTICLE + "\n" + "\n\n".join(word + str(n) for n in range(20)) + "\n")
    project.write("articles/talks.annotations.yml", f"annotations:\n  - id: long\n    quote: {word}y\n"
                  "    note: A note.\n    author: octocat\n    kind: context\n"
                  "    sources: [{title: S, url: 'https://example.org/s'}]\n")  # fmt: skip
    (problem,) = problems(project.root)
    assert "not found in articles/talks.md" in problem and "closest passage" in problem


def test_headings_and_tags_past_their_limits_are_refused(project: Project) -> None:
    """MkDocs' search indexing looks each heading up in the table of contents one by one (quadratic in their
    number); each distinct tag is a heading of the list by tag."""
    tags = ", ".join(f"t{n}" for n in range(21))
    project.article("talks", ARTICLE.replace("tags: [opcon]", f"tags: [{tags}]") + "\n" + "## Same\n\n" * 101)
    found = problems(project.root)
    assert [p.split("\n")[0] for p in found] == [
        "articles/talks.md:8: the list has 21 items, over 20",
        "articles/talks.md:215: more than 100 headings are not allowed in articles",
    ]

"""Sense-aware linking: exclusions, weak aliases and their cues, articles' own rules, and `links`.

Golden cases in tests/links/<case>/: sources in input/, and in expected.txt what
`python -m build_tools links` prints for them (every decision with its reason),
then the problems found. Refresh with `make golden` (UPDATE_GOLDEN=1) and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Project, committed, fold

from build_tools import load, pipeline
from build_tools.__main__ import main
from build_tools.commands.links import link_report
from build_tools.errors import BuildFailed
from build_tools.link import build_matcher, link_article

CASES_DIR = Path(__file__).parent / "links"
CASES = sorted(path.name for path in CASES_DIR.iterdir() if path.is_dir())
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def decisions(root: Path) -> str:
    text, report = link_report(root, [])
    try:
        report.raise_if_any()
    except BuildFailed as failed:
        return f"{text}\n--- problems ---\n{failed}\n"
    return f"{text}\n--- problems ---\nnone\n"


@pytest.mark.parametrize("case", CASES)
def test_links_golden(case: str, tmp_path: Path) -> None:
    root = tmp_path / case
    shutil.copytree(CASES_DIR / case / "input", root)
    actual = decisions(root)
    expected = CASES_DIR / case / "expected.txt"
    if UPDATE:
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8"), f"{case} differs; run `make golden` if intended"


def linked(root: Path, slug: str) -> list[str]:
    """Entries linked in the text of one article's generated page (links with a mention anchor), in order."""
    page = pipeline.render_pages(root)[f"articles/{slug}.md"]
    return re.findall(r"\]\(\.\./((?:glossary|people|organisations)/[a-z0-9-]+)\.md \"[^\"]*\"\)\{#", page)


def test_the_pages_link_what_the_decisions_say(tmp_path: Path) -> None:
    root = tmp_path / "exclusions"
    shutil.copytree(CASES_DIR / "exclusions" / "input", root)
    shutil.copytree(REPO / "templates", root / "templates")
    assert linked(root, "coalitions") == [
        "glossary/cfc",
        "glossary/rok",
        "organisations/rok-ministry-of-national-defense",
    ]
    page = pipeline.render_pages(root)["articles/coalitions.md"]
    assert "commander of Combined Forces Command-Afghanistan, said" in page  # not linked
    assert "In Seoul, the [Combined Forces Command](../glossary/cfc.md" in page


# --- the shipped glossary on the shapes of real reporting -----------------------------------

SHAPES = yaml.safe_load((CASES_DIR / "shapes.yml").read_text(encoding="utf-8"))["paragraphs"]


def shipped_project(tmp_path: Path, paragraph: dict) -> Project:
    project = Project(tmp_path / "project")
    for name in ("glossary.yml", "people.yml"):
        shutil.copy(REPO / name, project.root / name)
    with (project.root / "glossary.yml").open("a", encoding="utf-8") as glossary:
        glossary.write("  - id: report\n    label: Report\n")  # the shapes' tag: no cue, no term
    for path in (REPO / "articles").iterdir():  # people.yml gives roles in them
        shutil.copy(path, project.root / "articles" / path.name)
    front = {"title": paragraph["title"], "outlet": "Example", "published": "2006", "language": "en",
             "summary": paragraph.get("summary", "A report."), "tags": paragraph.get("tags", ["report"])}  # fmt: skip
    project.article("shape", "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + paragraph["text"] + "\n")
    return project


@pytest.mark.parametrize("paragraph", SHAPES, ids=[p["id"] for p in SHAPES])
def test_shipped_glossary_links_what_the_text_means(tmp_path: Path, paragraph: dict) -> None:
    """Every entry the words mean is linked, and nothing else: no wrong link, no lost mention."""
    project = shipped_project(tmp_path, paragraph)
    archive = load.load_archive(project.root)
    (article,) = [article for article in archive.articles if article.slug == "shape"]
    found = link_article(article, build_matcher(archive.entries))
    assert [mention.key for mention in found.mentions] == paragraph["links"]


def test_shipped_glossary_recall_on_real_mentions() -> None:
    """Every mention in the archive's own articles is still linked (the positive cases)."""
    archive = load.load_archive(REPO)
    matcher = build_matcher(archive.entries)
    keys = {article.slug: [m.key for m in link_article(article, matcher).mentions] for article in archive.articles}
    assert keys == yaml.safe_load((CASES_DIR / "archive-mentions.yml").read_text(encoding="utf-8"))


# --- the command ------------------------------------------------------------------------------


def test_links_command_prints_decisions_of_the_named_articles(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = tmp_path / "weak"
    shutil.copytree(CASES_DIR / "weak-aliases" / "input", root)
    assert main(["links", "--root", str(root), "articles/baghdad.md", "seoul"]) == 0
    out = fold(capsys.readouterr().out)
    assert "articles/baghdad.md: Iraqi division" in out and "articles/seoul.md: Seoul sets out" in out
    assert "articles/tagged.md" not in out
    assert "no link glossary/opcon “operational control”: weak alias, no cue" in out
    assert "Coalition commanders in Baghdad transferred operational control of the 8th Iraqi Army Division" in out


def test_links_command_fails_on_problems_and_unknown_articles(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = tmp_path / "weak"
    shutil.copytree(CASES_DIR / "weak-aliases" / "input", root)
    assert main(["links", "--root", str(root), "articles/nothing.md"]) == 1
    assert "articles/nothing.md: no such article" in capsys.readouterr().err


def test_links_since_an_unknown_revision_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    root = tmp_path / "weak"
    shutil.copytree(CASES_DIR / "weak-aliases" / "input", root)
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    with pytest.raises(SystemExit, match=r"links --since nosuchrev: .*\n    hint: give a revision git knows"):
        main(["links", "--root", str(root), "--since", "nosuchrev"])


def test_check_reports_override_problems_with_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "errors"
    shutil.copytree(CASES_DIR / "errors" / "input", root)
    shutil.copytree(REPO / "templates", root / "templates")
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(root)
    messages = [str(error) for error in failed.value.errors]
    assert any(m.startswith("articles/talks.md:10: links: “wartime commands” does not occur") for m in messages)
    assert any(m.startswith("articles/talks.md:12: links: unknown entry 'spii'") and "spi" in m for m in messages)


def test_links_since_a_revision_shows_only_the_changed_articles(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = tmp_path / "weak"
    shutil.copytree(CASES_DIR / "weak-aliases" / "input", root)
    committed(root)
    assert main(["links", "--root", str(root), "--since", "HEAD"]) == 0
    assert "no article changed since HEAD" in capsys.readouterr().out
    seoul = root / "articles" / "seoul.md"
    seoul.write_text(seoul.read_text(encoding="utf-8") + "\nThe wartime control plan stands.\n", encoding="utf-8")
    assert main(["links", "--root", str(root), "--since", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "articles/seoul.md" in out and "articles/baghdad.md" not in out
    glossary = root / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("peninsula]", "peninsula, Iraq]"), encoding="utf-8"
    )
    assert main(["links", "--root", str(root), "--since", "HEAD"]) == 0
    out = capsys.readouterr().out  # a glossary change can change any article's links: all are shown
    assert all(f"articles/{slug}.md" in out for slug in ("baghdad", "seoul", "tagged"))

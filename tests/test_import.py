"""Import: captured text and saved web pages become new articles, words kept, chrome dropped."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, Project, links_to

from build_tools import pipeline
from build_tools.errors import BuildFailed

FIXTURES = Path(__file__).parent / "fixtures"


def run_import(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "build_tools", "import", *args, "--root", str(root)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def fill_in(path: Path, **fields: str) -> None:
    """What an editor does after an import: add the missing front-matter fields."""
    text = path.read_text(encoding="utf-8")
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    path.write_text(text.replace("language: en\n", "language: en\n" + extra, 1), encoding="utf-8")


@pytest.fixture
def project_with_glossary(project: Project) -> Project:
    shutil.copy2(REPO / "glossary.yml", project.root / "glossary.yml")
    return project


def test_captured_text_becomes_an_article_with_chrome_dropped(project_with_glossary: Project) -> None:
    root = project_with_glossary.root
    result = run_import(root, str(FIXTURES / "voa-capture.txt"))
    assert result.returncode == 0, result.stderr
    article = root / "articles/us-south-korea-discuss-changes-in-military-relationship.md"
    text = article.read_text(encoding="utf-8")
    assert 'title: "US, South Korea Discuss Changes in Military Relationship"' in text
    assert "Accessibility links" not in text.split("---", 2)[2] and "Breaking News" not in text.split("---", 2)[2]
    assert "dropped: Accessibility links" in result.stdout and "to fill in: summary" in result.stdout
    source = (FIXTURES / "voa-capture.txt").read_text(encoding="utf-8")
    assert (
        "Before the discussions wrap up on Wednesday, Seoul and Washington also plan to discuss what they call Concept Plan 5029."
        in source
    )
    assert (
        "Before the discussions wrap up on Wednesday, Seoul and Washington also plan to discuss what they call Concept Plan 5029."
        in text
    )

    with pytest.raises(BuildFailed) as failed:  # make check names what the editor still has to fill in
        pipeline.check(root)
    missing = {error.message for error in failed.value.errors}
    assert {
        "front matter is missing required key 'outlet'",
        "front matter is missing required key 'summary'",
    } <= missing

    fill_in(article, outlet="Voice of America", published="2006-03", summary="Talks in Seoul.", tags="[opcon]")
    page = pipeline.render_pages(root)["articles/us-south-korea-discuss-changes-in-military-relationship.md"]
    assert links_to(page, "glossary/spi") and links_to(page, "glossary/plan-5029")


def test_repeated_caption_and_comments_are_dropped(project_with_glossary: Project) -> None:
    root = project_with_glossary.root
    result = run_import(root, str(FIXTURES / "asia-times-capture.txt"), "--slug", "asia-times-import",
                        "--url", "https://asiatimes.com/2017/10/washington-seoul-postpone-changes-wartime-troop-command-structure/")  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (root / "articles/asia-times-import.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert body.count("US Defense Secretary Jim Mattis and South Korean Defense Minister Song Young-moo") == 1
    assert "One reply on" not in body and "Comments are closed" not in body
    assert "## Pre-emptive strike plan" in body
    assert 'url: "https://asiatimes.com/2017/10/' in text
    fill_in(root / "articles/asia-times-import.md", title="Imported", outlet="Asia Times", published="2017-10",
            summary="S.", tags="[cfc]")  # fmt: skip
    page = pipeline.render_pages(root)["articles/asia-times-import.md"]
    assert links_to(page, "glossary/cfc")


def test_saved_html_page_gives_text_and_metadata(project_with_glossary: Project) -> None:
    root = project_with_glossary.root
    result = run_import(root, str(FIXTURES / "voa-saved-page.html"))
    assert result.returncode == 0, result.stderr
    article = root / "articles/us-south-korea-discuss-changes-in-military-relationship.md"
    text = article.read_text(encoding="utf-8")
    assert 'byline: "Jane Correspondent"' in text
    assert 'url: "https://news.example.org/us-south-korea-discuss-changes"' in text
    assert 'published: "2006-03-08"' in text and 'outlet: "Example Voice"' in text
    body = text.split("\n---\n", 1)[1]
    assert "Senior South Korean and American defense officials are meeting in Seoul" in body
    assert "## Concept Plan 5029" in body
    for chrome in ("Reader one", "Most read", "Copyright Example Voice", "Breaking News", "Home"):
        assert chrome not in body, chrome
    fill_in(article, summary="Talks.", tags="[spi]")
    page = pipeline.render_pages(root)["articles/us-south-korea-discuss-changes-in-military-relationship.md"]
    assert links_to(page, "glossary/plan-5029") and links_to(page, "glossary/opcon")


def test_import_never_overwrites_an_article(project_with_glossary: Project) -> None:
    root = project_with_glossary.root
    assert run_import(root, str(FIXTURES / "voa-capture.txt")).returncode == 0
    target = root / "articles/us-south-korea-discuss-changes-in-military-relationship.md"
    before = target.read_bytes()
    again = run_import(root, str(FIXTURES / "voa-capture.txt"))
    assert again.returncode == 1
    assert "already exists; the import never overwrites an article" in again.stderr
    assert target.read_bytes() == before


def test_many_files_import_in_one_run(project_with_glossary: Project) -> None:
    root = project_with_glossary.root
    sources = [str(FIXTURES / name) for name in ("voa-saved-page.html", "asia-times-capture.txt")]
    result = run_import(root, *sources)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("imported ") == 2 and "2 articles imported" in result.stdout
    assert len(list((root / "articles").glob("*.md"))) == 2


def test_a_failing_source_stops_the_whole_import_before_anything_is_written(project_with_glossary: Project) -> None:
    root = project_with_glossary.root
    twice = [str(FIXTURES / "voa-capture.txt"), str(FIXTURES / "voa-capture.txt"), str(root / "missing.txt")]
    result = run_import(root, *twice)
    assert result.returncode == 1
    assert "would be written twice in this import" in result.stderr
    assert "missing.txt: cannot be read: No such file or directory" in result.stderr
    assert result.stderr.rstrip().endswith("2 problems found; nothing was written.")
    assert not list((root / "articles").glob("*.md"))


def test_url_and_slug_are_for_a_single_source(project_with_glossary: Project) -> None:
    root = project_with_glossary.root
    sources = [str(FIXTURES / "voa-capture.txt"), str(FIXTURES / "asia-times-capture.txt")]
    result = run_import(root, *sources, "--slug", "one-name")
    assert result.returncode == 1 and "--url and --slug name a single article" in result.stderr


def test_imported_metadata_is_stored_as_typed(project_with_glossary: Project, tmp_path: Path) -> None:
    root = project_with_glossary.root
    capture = tmp_path / "capture.txt"
    capture.write_text('Q&A: US & Korea <talks> "on" OPCON\n\nThe words of the article.\n', encoding="utf-8")
    assert run_import(root, str(capture), "--slug", "qa").returncode == 0
    text = (root / "articles/qa.md").read_text(encoding="utf-8")
    assert 'title: "Q&A: US & Korea <talks> \\"on\\" OPCON"' in text  # no HTML escaping in the source

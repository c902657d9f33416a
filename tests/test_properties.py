"""Property tests: whatever a contributor writes, the build answers with pages or with
file:line errors, never with a traceback or a hang (Hypothesis' deadline catches hangs).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import ARTICLE, GLOSSARY, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import pipeline
from build_tools.errors import BuildFailed, SourceError
from build_tools.load.strict_yaml import load_yaml

pytestmark = pytest.mark.slow  # many generated cases: left out of make test-fast

SETTINGS = settings(
    max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
FRONT, BODY = ARTICLE.split("---\n\n", 1)

# Text with the characters that matter to YAML and Markdown, plus anything else.
markup = st.sampled_from([*"-:#*_[](){}<>!`'\"“”‘’–—&|>\n ", "---", "==", "{:", "<script>", "](", "    "])
fragments = st.lists(st.one_of(markup, st.text(max_size=12)), max_size=40).map("".join)


@pytest.fixture(scope="module")
def root() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="props-"))
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "articles").mkdir()
    (folder / "docs").mkdir()
    yield folder
    shutil.rmtree(folder)


def render(root: Path, files: dict[str, str | bytes]) -> dict[str, str] | None:
    for path in (root / "articles").iterdir():
        path.unlink()
    (root / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    for rel, content in files.items():
        target = root / rel
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    try:
        return pipeline.render_pages(root)
    except BuildFailed as failed:
        assert failed.errors, "BuildFailed always carries at least one error"
        for error in failed.errors:
            assert str(error).startswith(error.path)
        return None


@SETTINGS
@given(text=fragments)
def test_any_yaml_text_loads_or_fails_with_a_located_error(text: str) -> None:
    try:
        load_yaml(text, "x.yml")
    except SourceError as error:
        assert error.path == "x.yml"


@SETTINGS
@given(front=fragments)
def test_any_front_matter(root: Path, front: str) -> None:
    render(root, {"articles/a.md": f"---\n{front}\n---\n\n{BODY}"})


@SETTINGS
@given(body=fragments)
def test_any_article_body(root: Path, body: str) -> None:
    render(root, {"articles/a.md": f"{FRONT}---\n\n{body}\n"})


@SETTINGS
@given(data=st.binary(max_size=200))
def test_any_bytes(root: Path, data: bytes) -> None:
    render(root, {"articles/a.md": data})


@SETTINGS
@given(glossary=fragments)
def test_any_glossary(root: Path, glossary: str) -> None:
    render(root, {"articles/a.md": ARTICLE, "glossary.yml": glossary})


@SETTINGS
@given(quote=fragments, prefix=st.none() | fragments, note=fragments)
def test_any_annotation(root: Path, quote: str, prefix: str | None, note: str) -> None:
    entry = {"id": "n", "quote": quote, "note": note, "author": "octocat", "kind": "context"}
    if prefix is not None:
        entry["prefix"] = prefix
    lines = ["annotations:", "  - sources: [{title: S, url: 'https://example.org'}]"]
    lines += [f"    {key}: {_yaml_quoted(value)}" for key, value in entry.items()]
    render(root, {"articles/a.md": ARTICLE, "articles/a.annotations.yml": "\n".join(lines) + "\n"})


@SETTINGS
@given(data=st.data())
def test_a_quote_copied_from_the_text_anchors_exactly_there(root: Path, data: st.DataObject) -> None:
    body = "Officials met for the Security Policy Initiative to discuss wartime operational control.\n"
    words = body.split()
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    quote = " ".join(words[start:end])
    notes = f"annotations:\n  - id: n\n    quote: {_yaml_quoted(quote)}\n    note: N.\n    author: octocat\n"
    notes += "    kind: context\n    sources: [{title: S, url: 'https://example.org'}]\n"
    pages = render(root, {"articles/a.md": f"{FRONT}---\n\n{body}", "articles/a.annotations.yml": notes})
    assert pages is not None
    page = pages["articles/a.md"]  # the highlight: written as HTML (link/html.py), or as Markdown where it cannot be
    marked = re.split(r"</?mark>", page)[1] if "<mark>" in page else page.split("==")[1]
    visible = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?|<[^>]*>", r"\1", marked)
    assert " ".join(visible.split()) == quote


def _yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''").replace("\n", " ") + "'"

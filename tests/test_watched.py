"""The parts of `make serve` that need no server: how changed paths are sorted, what a watched run trusts, and how
problems are shown."""

from __future__ import annotations

from pathlib import Path

from build_tools import write
from build_tools.incremental.memo import Digests
from build_tools.preview.server import problems_box
from build_tools.preview.watch import sort_changes


def test_changed_paths_are_sorted_by_what_they_ask(tmp_path: Path) -> None:
    (tmp_path / "docs/stylesheets").mkdir(parents=True)
    (tmp_path / "docs/about.md").write_text("x", encoding="utf-8")
    (tmp_path / "docs/stylesheets/archive.css").write_text("x", encoding="utf-8")
    changes = sort_changes(
        tmp_path,
        [tmp_path / name for name in (
            "articles/a.md", "glossary.yml", "docs/about.md", "docs/stylesheets/archive.css", "docs/.about.md.swp",
            "docs/articles/a.md", "notes.txt", ".glossary.yml.swp",
        )],
    )  # fmt: skip
    assert changes.sources == {
        tmp_path / "articles/a.md",
        tmp_path / "glossary.yml",
        tmp_path / "docs/stylesheets/archive.css",
    }
    assert changes.docs == {"about.md", "stylesheets/archive.css"}  # generated folders and dot files are not
    assert not changes.config
    assert sort_changes(tmp_path, [tmp_path / "templates/theme/main.html"]).config
    assert sort_changes(tmp_path, [tmp_path / "mkdocs.yml"]).config


def test_a_watched_file_is_hashed_again_only_when_the_watcher_names_it(tmp_path: Path) -> None:
    source, outside = tmp_path / "articles/a.md", tmp_path / "requirements.txt"
    source.parent.mkdir()
    source.write_text("one", encoding="utf-8")
    outside.write_text("one", encoding="utf-8")
    digests = Digests()
    first, other = digests.of(source), digests.of(outside)
    source.write_text("two", encoding="utf-8")
    assert digests.of(source) != first  # no watcher yet: every file hashed each time
    digests.forget([], [tmp_path / "articles"])
    second = digests.of(source)
    source.write_text("three", encoding="utf-8")
    outside.write_text("two", encoding="utf-8")
    assert digests.of(source) == second  # watched, not named: trusted
    assert digests.of(outside) != other  # not under a watched place: hashed each time
    digests.forget([source], [tmp_path / "articles"])
    assert digests.of(source) not in (first, second)
    digests.forget(None)
    assert not digests.watched and not digests.known


def test_a_watched_write_removes_the_pages_the_last_run_left_without_walking(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write.write_pages({"articles/a.md": "---\nA\n", "articles/b.md": "---\nB\n"}, docs, _NoSeal(), checked=True)
    result = write.write_pages(
        {"articles/a.md": "---\nA\n"}, docs, _NoSeal(), checked=True, present=["articles/a.md", "articles/b.md"]
    )
    assert result.removed == ("articles/b.md",) and not (docs / "articles/b.md").exists()


class _NoSeal:
    def sign(self, data: bytes) -> str:
        return "unsealed"

    def verify(self, data: bytes, seal: object) -> bool:
        return False


def test_problems_are_shown_escaped() -> None:
    box = problems_box(['glossary.yml:3: "<script>alert(1)</script>" & <img src=x onerror=alert(1)>'])
    assert "<script" not in box and "<img" not in box
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in box and "glossary.yml:3:" in box
    assert box.startswith("<div role='alert'")

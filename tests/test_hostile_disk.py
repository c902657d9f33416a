"""Hostile pull requests and failing disks: sources are the only input, and docs/ and site/ change all or nothing.

- Files only the build makes, committed to the repository (pages, the manifest and its hashes, the citation
  store), are refused by `make check`, and a build never trusts them: it publishes what the sources say.
- The swap of docs/ (its generated part) and site/ is one journal: a rename failing at any step leaves the
  old state, and a build killed at any step (a child process ended by `os._exit` there) leaves a state the
  next build finishes into the old or the new one, with no scratch folder left.
- A full disk, a refused permission or a name too long is one problem with the path, never a traceback.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import time
from functools import partial
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, Project, git
from site_helpers import copy_project

from build_tools import __main__ as cli
from build_tools import pipeline, swap
from build_tools.commands.site import build_site
from build_tools.config import CITATION_STORE, GENERATED_DIRS, MANIFEST, SCRATCH_PREFIX
from build_tools.convert import is_sidecar
from build_tools.errors import BuildFailed, SourceError
from build_tools.incremental.trust import Seal

pytestmark = pytest.mark.slow  # whole builds: left out of make test-fast

RECORDS = {MANIFEST, CITATION_STORE}


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the generated folders and the site (the build's own records aside), by its hash."""
    found = {}
    for top in [*(f"docs/{folder}" for folder in GENERATED_DIRS), "site"]:
        for path in sorted((root / top).rglob("*")) if (root / top).is_dir() else []:
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel.removeprefix("docs/") not in RECORDS:
                content = path.read_bytes()
                if is_sidecar(rel.removeprefix("docs/")):  # a converted page: this copy's seal, then the HTML
                    content = content.partition(b"\n")[2]
                found[rel] = hashlib.sha256(content).hexdigest()
    return found


def scratch_left(root: Path) -> list[str]:
    return sorted(path.name for path in root.glob(SCRATCH_PREFIX + "*"))


@pytest.fixture
def built(project: Project) -> Project:
    """A small project built once with MkDocs: docs/ and site/ hold the old state."""
    copy_project(project.root, sources=False)
    project.article("talks")
    build_site(project.root)
    return project


# --- sources are the only input --------------------------------------------------------------------------


def forge(built: Project) -> None:
    """What a hostile pull request commits: a page with raw HTML and a foreign link, and a manifest (sealed in
    the attacker's own working copy) whose hashes match it."""
    page = built.root / "docs/articles/talks.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n<style>body{display:none}</style>\n[x](https://evil.example)\n"
    )
    record = json.loads((built.root / "docs" / MANIFEST).read_text(encoding="utf-8"))["record"]
    record["pages"]["articles/talks.md"] = hashlib.sha256(page.read_bytes()).hexdigest()
    sealed = Seal.of(built.root).sealed("record", record)
    (built.root / "docs" / MANIFEST).write_text(json.dumps(sealed), encoding="utf-8")


def test_committed_generated_files_are_refused_by_check_and_never_published(built: Project, tmp_path: Path) -> None:
    forge(built)
    shutil.copy2(REPO / ".gitignore", built.root / ".gitignore")
    git(built.root, "init", "-q")
    git(built.root, "add", "-A")
    git(built.root, "add", "-f", "docs/articles/talks.md", f"docs/{MANIFEST}", f"docs/{CITATION_STORE}")
    git(built.root, "commit", "-q", "-m", "hostile")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(built.root), str(clone))
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(clone)
    named = [error.path for error in failed.value.errors]
    assert named == sorted([f"docs/{CITATION_STORE}", f"docs/{MANIFEST}", "docs/articles/talks.md"])
    assert all("only the build makes it" in error.message for error in failed.value.errors)
    build_site(clone)
    published = (clone / "site/articles/talks/index.html").read_text(encoding="utf-8")
    assert "<style>" not in published and "evil.example" not in published
    assert "evil.example" not in (clone / "docs/articles/talks.md").read_text(encoding="utf-8")


def test_a_record_sealed_in_another_working_copy_is_not_trusted(built: Project, tmp_path: Path) -> None:
    """Copied, not committed: the same forged record in a copy of the project, with the key copied too."""
    forge(built)
    copy = tmp_path / "copy"
    shutil.copytree(built.root, copy, symlinks=True)
    assert pipeline.generate(copy).written == ("articles/talks.md",)
    assert "evil.example" not in (copy / "docs/articles/talks.md").read_text(encoding="utf-8")


def test_a_file_the_build_did_not_write_in_its_folders_stops_the_build(built: Project) -> None:
    before = snapshot(built.root)
    built.write("docs/articles/extra.md", "<script>alert(1)</script>\n")
    (built.root / "docs/glossary/zero.md").symlink_to("/dev/zero")
    with pytest.raises(BuildFailed) as failed:
        build_site(built.root)
    assert [(e.path, e.message) for e in failed.value.errors] == [
        ("docs/articles/extra.md", "is not a page the build wrote, in a folder the build owns"),
        ("docs/glossary/zero.md", "is a symbolic link, in a folder the build owns"),
    ]
    (built.root / "docs/articles/extra.md").unlink()
    (built.root / "docs/glossary/zero.md").unlink()
    assert snapshot(built.root) == before


# --- all or nothing --------------------------------------------------------------------------------------


def failing_at(step: int, error: BaseException | None = None):  # type: ignore[no-untyped-def]
    """swap.rename failing (or, with no error, the build killed: every process of its group) at its `step`-th
    call, counted across the build's processes (generation runs in one of its own; they never rename at once)."""
    calls = multiprocessing.Value("i", 0, lock=False)  # shared memory: forked processes count together
    rename = swap.rename

    def fail(source: Path, target: Path) -> None:
        calls.value += 1
        if calls.value == step:
            if error is None:
                os.killpg(os.getpgrp(), signal.SIGKILL)
            raise error
        rename(source, target)

    return fail, calls


def killed_at(step: int, build) -> None:  # type: ignore[no-untyped-def]
    """Run `build` in a process group of its own, killed whole at its `step`-th rename; return once every process
    of the group is gone (a dying one still holds its scratch folder's lock)."""
    child = os.fork()
    if child == 0:
        try:
            os.setpgid(0, 0)
            swap.rename = failing_at(step)[0]
            build()
        finally:
            os._exit(1)
    assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == -signal.SIGKILL, f"step {step}"
    while True:
        try:
            os.killpg(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def count_renames(root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    fail, calls = failing_at(0)
    monkeypatch.setattr(swap, "rename", fail)
    build_site(root)
    monkeypatch.undo()
    return calls.value


def edited_twin(built: Project) -> Path:
    """A copy of the built project, built again (its converted pages sealed with its own key, as the original's
    are with theirs), then both given the same edit: a build of either does the same renames."""
    copy = built.root.parent / "copy"
    shutil.copytree(built.root, copy, symlinks=True)
    build_site(copy)
    edited = ARTICLE.replace("Talks in Seoul", "Talks in Busan")
    built.article("talks", edited)
    (copy / "articles/talks.md").write_text(edited, encoding="utf-8")
    return copy


def test_a_rename_failing_at_any_step_of_the_swap_leaves_the_old_site(built: Project, monkeypatch) -> None:
    copy = edited_twin(built)
    before = snapshot(built.root)
    steps = count_renames(copy, monkeypatch)
    assert steps > 2 * len(GENERATED_DIRS)
    for step in range(1, steps + 1):
        fail, _ = failing_at(step, OSError(errno.ENOSPC, "No space left on device", "site"))
        monkeypatch.setattr(swap, "rename", fail)
        with pytest.raises(BuildFailed) as failed:
            build_site(built.root)
        monkeypatch.undo()
        (problem,) = failed.value.errors
        assert "the disk is full" in problem.message
        assert snapshot(built.root) == before, f"step {step}"
        assert scratch_left(built.root) == []


def test_a_build_killed_at_any_step_of_the_swap_is_finished_by_the_next(built: Project, monkeypatch) -> None:
    copy = edited_twin(built)
    before = snapshot(built.root)
    steps = count_renames(copy, monkeypatch)
    after = snapshot(copy)
    assert after != before
    for step in range(1, steps + 1):
        root = built.root.parent / f"killed-{step}"
        shutil.copytree(built.root, root, symlinks=True)
        killed_at(step, partial(build_site, root))
        swap.recover(root, Seal.of(root))
        assert snapshot(root) in (before, after), f"killed at rename {step} of {steps}"
        assert scratch_left(root) == []
        shutil.rmtree(root)


def test_pages_written_in_place_are_all_old_or_all_new_whenever_the_build_stops(project: Project, monkeypatch) -> None:
    project.article("talks")
    project.article("other", ARTICLE.replace("Talks in Seoul", "Other talks"))
    pipeline.generate(project.root)
    docs = project.root / "docs"
    old = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    project.article("talks", ARTICLE.replace("Officials met", "Ministers met"))
    project.article("other", ARTICLE.replace("Officials met", "Envoys met"))
    copy = project.root.parent / "copy"
    shutil.copytree(project.root, copy, symlinks=True)
    fail, calls = failing_at(0)
    monkeypatch.setattr(swap, "rename", fail)
    pipeline.generate(copy)
    monkeypatch.undo()
    new = {p.relative_to(copy / "docs").as_posix(): p.read_bytes() for p in (copy / "docs").rglob("*.md")}
    assert calls.value >= 4 and new != old
    for step in range(1, calls.value + 1):
        root = project.root.parent / f"killed-{step}"
        shutil.copytree(project.root, root, symlinks=True)
        killed_at(step, partial(pipeline.generate, root))
        swap.recover(root, Seal.of(root))
        now = {p.relative_to(root / "docs").as_posix(): p.read_bytes() for p in (root / "docs").rglob("*.md")}
        assert now in (old, new), f"killed at rename {step} of {calls.value}"
        pipeline.generate(root)  # the next build cleans what the killed one left in the making
        assert not [p for p in (root / "docs").rglob(".*.part")] and not (root / "docs" / swap.PAGES_JOURNAL).exists()
        shutil.rmtree(root)


def swap_failing_from(step: int, error: BaseException, *, once: bool):  # type: ignore[no-untyped-def]
    """swap.rename raising `error` at the `step`-th move of the site swap itself (and, unless `once`, at every
    move after it, the undo's included); the renames inside the scratch folder go through."""
    calls = [0]
    rename = swap.rename

    def fail(source: Path, target: Path) -> None:
        if SCRATCH_PREFIX not in str(source) or SCRATCH_PREFIX not in str(target):
            calls[0] += 1
            if calls[0] == step or (calls[0] > step and not once):
                raise error
        rename(source, target)

    return fail


def test_an_interrupt_or_a_failing_undo_mid_swap_never_loses_a_folder(built: Project, monkeypatch) -> None:
    """Ctrl-C (a cancelled CI job) in the middle of the swap undoes it; when undoing fails too, the journal stays
    in the scratch folder and the next build finishes it."""
    before = snapshot(built.root)
    built.article("talks", ARTICLE.replace("Talks in Seoul", "Talks in Busan"))
    for step in (2, 3, 5):
        monkeypatch.setattr(swap, "rename", swap_failing_from(step, KeyboardInterrupt(), once=True))
        with pytest.raises(KeyboardInterrupt):
            build_site(built.root)
        monkeypatch.undo()
        assert snapshot(built.root) == before and scratch_left(built.root) == [], step
    monkeypatch.setattr(swap, "rename", swap_failing_from(3, OSError(errno.EIO, "Input/output error"), once=False))
    with pytest.raises(BuildFailed):
        build_site(built.root)
    monkeypatch.undo()
    assert len(scratch_left(built.root)) == 1  # the journal waits there
    swap.recover(built.root, Seal.of(built.root))
    assert snapshot(built.root) == before and scratch_left(built.root) == []


def test_a_committed_or_forged_journal_is_never_followed(built: Project, tmp_path: Path) -> None:
    """A journal found in the checkout moves nothing unless this working copy sealed it, and then only inside
    the build's own folders: a committed one cannot delete a file outside, or publish a page."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine", encoding="utf-8")
    before = snapshot(built.root)
    evil = built.root / f"{SCRATCH_PREFIX}evil"
    evil.mkdir()
    (evil / "payload.md").write_text("<style>body{display:none}</style>", encoding="utf-8")
    moves = [{"target": str(victim), "new": "", "old": ""}, {"target": "../victim", "new": "", "old": ""},
             {"target": "docs/index.md", "new": f"{evil.name}/payload.md", "old": ""},
             {"target": "docs/articles", "new": "", "old": "../outside"}]  # fmt: skip
    body = json.dumps({"direction": "forward", "moves": moves}, sort_keys=True)
    seals = {"unsealed": "", "sealed elsewhere": Seal(b"k" * 32).sign(body.encode()),
             "sealed here": Seal.of(built.root).sign(body.encode())}  # fmt: skip
    for name, seal in seals.items():
        evil.mkdir(exist_ok=True)
        (evil / "payload.md").write_text("<style>body{display:none}</style>", encoding="utf-8")
        (evil / swap.JOURNAL).write_text(json.dumps({"seal": seal, "journal": body}), encoding="utf-8")
        pages = built.root / "docs" / swap.PAGES_JOURNAL
        pages.write_text(json.dumps({"seal": seal, "journal": body}), encoding="utf-8")
        swap.recover(built.root, Seal.of(built.root))
        assert (victim / "keep.txt").read_text(encoding="utf-8") == "mine", name
        assert "<style>" not in (built.root / "docs/index.md").read_text(encoding="utf-8"), name
        assert snapshot(built.root) == before and scratch_left(built.root) == [] and not pages.exists(), name


def test_scratch_folders_of_builds_that_are_gone_are_removed_and_live_ones_kept(built: Project) -> None:
    dead = built.root / f"{SCRATCH_PREFIX}dead"
    (dead / "docs/articles").mkdir(parents=True)
    live = built.root / f"{SCRATCH_PREFIX}live"
    live.mkdir()
    held = os.open(live, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        build_site(built.root)
        assert scratch_left(built.root) == [live.name]
    finally:
        os.close(held)
    swap.recover(built.root, Seal.of(built.root))
    assert scratch_left(built.root) == []


def test_a_pagefind_index_is_made_in_a_locked_scratch_folder_and_moved_in_whole(tmp_path: Path, monkeypatch) -> None:
    """The indexes are made in a build's scratch folder beside the site (each part from its own folder of the
    pages): kept by `recover` while its build lives, removed by it once that build is gone (killed before its
    clean-up). The site keeps its earlier index until the new ones are all made (a preview serves it meanwhile)."""
    from build_tools.commands import search as site_search

    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(
            f"<article class='md-content__inner'>{name}</article>", encoding="utf-8"
        )
    (site / "pagefind").mkdir()
    (site / "pagefind/pagefind-entry.json").write_text("earlier", encoding="utf-8")
    seen: list[tuple[str, list[str], str]] = []

    def indexed(view: Path, output: Path) -> None:
        swap.recover(tmp_path, Seal.of(tmp_path))  # another build starting meanwhile
        pages = sorted(path.relative_to(view).as_posix() for path in view.rglob("*.html"))
        served = (site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8")
        seen.append((output.relative_to(tmp_path).parts[0], pages, served))
        output.mkdir(parents=True)
        (output / "pagefind-entry.json").write_text(",".join(pages), encoding="utf-8")

    monkeypatch.setattr(site_search, "_run_pagefind", indexed)
    site_search.index_site(site, per_index=2)
    assert [pages for _, pages, _ in seen] == [["a/index.html", "b/index.html"], ["c/index.html"]]
    assert all(folder.startswith(SCRATCH_PREFIX) and served == "earlier" for folder, _, served in seen)
    assert (site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8") == "a/index.html,b/index.html"
    assert (site / "pagefind-2/pagefind-entry.json").read_text(encoding="utf-8") == "c/index.html"
    assert scratch_left(tmp_path) == []


def test_a_hand_written_page_where_the_search_index_goes_is_refused_not_deleted(tmp_path: Path, monkeypatch) -> None:
    """Indexing removes the indexes it made before (`pagefind/`, `pagefind-<n>/`, each with its entry file), never
    a page of docs/ published there: that is a problem naming it, and a page merely starting so is indexed."""
    from build_tools.commands import search as site_search

    site = tmp_path / "site"

    def page(rel: str) -> Path:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("<p>words</p>", encoding="utf-8")
        return site / rel

    def indexed(view: Path, output: Path) -> None:
        pages = sorted(path.relative_to(view).as_posix() for path in view.rglob("*.html"))
        output.mkdir(parents=True)
        (output / "pagefind-entry.json").write_text(json.dumps(pages), encoding="utf-8")

    monkeypatch.setattr(site_search, "_run_pagefind", indexed)
    for rel in ("index.html", "pagefind-notes/index.html", "pagefind-3/pagefind-entry.json"):
        page(rel)
    site_search.index_site(site)
    assert not (site / "pagefind-3").exists(), "an earlier index was left"
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry == ["index.html", "pagefind-notes/index.html"]
    for rel in ("pagefind/about/index.html", "pagefind-2/index.html"):
        hand = page(rel)
        with pytest.raises(BuildFailed) as failed:
            site_search.index_site(site)
        name = rel.split("/")[0]
        assert f"docs/{name}: is published at {name}/, where the search index is written" in str(failed.value)
        assert hand.read_text(encoding="utf-8") == "<p>words</p>"
        hand.unlink()


def test_a_split_index_leaves_out_pages_pagefind_cannot_index(tmp_path: Path, monkeypatch) -> None:
    """Pagefind refuses a folder with nothing to index, so a part made only of hand-written HTML files (copied by
    MkDocs as they are, without the theme's content element) would fail the build: they are left out of the
    parts, as Pagefind passes over them in a single index."""
    from build_tools.commands import search as site_search

    site = tmp_path / "site"
    for rel, body in [(f"p{n}/index.html", "<article class='md-content__inner'>words</article>") for n in range(4)] + [
        ("zz/map.html", "<div>map</div>"), ("zz/table.html", "<div>table</div>")
    ]:  # fmt: skip
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(body, encoding="utf-8")
    parts: list[list[str]] = []

    def indexed(view: Path, output: Path) -> None:  # as Pagefind does
        pages = sorted(path.relative_to(view).as_posix() for path in view.rglob("*.html"))
        if not any("md-content__inner" in (view / page).read_text(encoding="utf-8") for page in pages):
            raise BuildFailed((SourceError("mkdocs.yml", None, "nothing to index"),))
        parts.append(pages)
        output.mkdir(parents=True)
        (output / "pagefind-entry.json").write_text("{}", encoding="utf-8")

    monkeypatch.setattr(site_search, "_run_pagefind", indexed)
    site_search.index_site(site, per_index=2)
    assert parts == [["p0/index.html", "p1/index.html"], ["p2/index.html", "p3/index.html"]]


@pytest.mark.parametrize(
    ("number", "says"),
    [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied"),
     (errno.ENAMETOOLONG, "the path is too long"), (errno.EROFS, "the file system is read-only")],
)  # fmt: skip
def test_a_failing_disk_is_one_problem_and_changes_nothing(project: Project, monkeypatch, capsys, number, says) -> None:
    project.article("talks")
    pipeline.generate(project.root)
    before = {p: p.read_bytes() for p in (project.root / "docs").rglob("*") if p.is_file()}
    project.article("talks", ARTICLE.replace("Talks in Seoul", "Talks in Busan"))

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(number, os.strerror(number), str(project.root / "docs/articles/talks.md"))

    monkeypatch.setattr("build_tools.write._temporary", failing)
    assert cli.main(["build", "--root", str(project.root)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith(f"docs/articles/talks.md: could not write the pages: {says}")
    assert "Traceback" not in err and len(err.splitlines()) == 3  # the problem, its hint, the count
    assert {p: p.read_bytes() for p in (project.root / "docs").rglob("*") if p.is_file()} == before


def test_a_link_at_a_journals_or_a_pages_temporary_name_is_never_written_through(built: Project, tmp_path) -> None:
    """Names the build writes beside its pages (a journal in the making, a page in the making) as links to a
    file outside: the build makes its own new files and removes the links, never writing through them."""
    victim = tmp_path / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    for name in (".journal.json.part", ".journal.json", ".index.md.1234.part", ".generated.json"):
        (built.root / "docs/articles" / name).unlink(missing_ok=True)
        (built.root / "docs/articles" / name).symlink_to(victim)
    built.article("talks", ARTICLE.replace("Talks in Seoul", "Talks in Busan"))
    pipeline.generate(built.root)
    build_site(built.root)
    assert victim.read_text(encoding="utf-8") == "mine"
    assert not [p for p in (built.root / "docs/articles").iterdir() if p.is_symlink()]

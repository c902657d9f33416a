"""The runs that write the generated pages into docs/, around the stages of `pipeline`.

Three kinds of run, chosen by what the caller keeps between runs:

- a build (`make build`, `python -m build_tools build`) keeps nothing: each page is written where it is made,
  so no process holds every page's text (`_streamed`);
- `mkdocs serve` keeps a memo of each step's result (`incremental.memo`): an edit redoes only the steps whose
  inputs changed, but every source is hashed again to know which (`_kept`);
- `python -m build_tools serve` (`make serve`) also has a file watcher that names every changed path: nothing
  unchanged is read or hashed again, the pages are compared with what the last run left by hash, the citation
  store waits until the pages are shown (`_watched`, then `settle`), and no sealed record is left for a later
  build to trust.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from build_tools import convert, disk, swap, write
from build_tools.collector import collector_paused
from build_tools.config import DOCS_DIR, MANIFEST, output_setting
from build_tools.incremental import citations as citing
from build_tools.incremental import manifest
from build_tools.incremental.inputs import input_digest, input_files
from build_tools.incremental.memo import NONE, Memo
from build_tools.incremental.trust import Seal
from build_tools.pipeline import _check_links, _render, _render_all, _setting, _validate
from build_tools.progress import SILENT, Progress
from build_tools.write import WriteResult, hand_written, write_pages


def generate(root: Path, docs: Path | None = None, progress: Progress = SILENT, memo: Memo = NONE) -> WriteResult:
    """Build the generated pages into `docs` (default: root/docs); only changed pages are rewritten, all or
    nothing (`write`), after what a killed build left is finished (`swap.recover`).

    When no input changed since the last run and the pages on disk are the ones it wrote (as a record this
    working copy sealed says), nothing is written: files whose size and time are as recorded are not even
    read. A failure of the disk is one problem, naming the path.
    """
    root = root.resolve()  # paths made under docs/ are compared with it: a relative root would not match them
    docs = (docs or root / DOCS_DIR).absolute()  # not resolved: a docs/ that is a symlink is refused, not followed
    with disk.reported(root, "write the pages"):
        seal = Seal.of(root)
        swap.recover(root, seal)
        if memo.digests.watched and memo.pages:
            with collector_paused():  # comparing and writing too: a full collection there walked the whole memo
                return _watched(root, docs, progress, memo, seal)
        taken = time.time_ns()
        files = input_files(root)
        stats = manifest.input_stats(root, files, output_setting())
        if memo.cold:  # the first run of a kept memo renders everything once, so later edits are fast
            return _kept(root, docs, progress, memo, (input_digest(root, files, memo.digests.of), stats, taken), seal)
        unchanged = manifest.unchanged_by_time(docs, stats, seal)
        if unchanged is not None:
            return WriteResult((), (), convert.page_count(unchanged))
        digest_now = input_digest(root, files)
        hashes = manifest.unchanged_pages(docs, digest_now, seal)
        if hashes is not None:
            manifest.refresh_times(docs, digest_now, hashes, stats, taken, seal)
            return WriteResult((), (), convert.page_count(hashes))
        return _kept(root, docs, progress, memo, (digest_now, stats, taken), seal)


def settle(memo: Memo) -> None:
    """What the last watched run left for after its pages were shown (see `_watched`), done now."""
    pending, memo.settle = memo.settle, None
    if pending is not None:
        pending()


def _kept(root: Path, docs: Path, progress: Progress, memo: Memo, inputs: tuple, seal: Seal) -> WriteResult:
    if memo is NONE:
        return _streamed(root, docs, progress, inputs, seal)
    digest_now, stats, taken = inputs
    pages, converted, store = _render_all(root, progress, memo, docs, seal)
    pages = {**pages, **converted}
    hashes = manifest.page_hashes(pages)
    known = manifest.known_pages(docs, hashes, seal)  # not read back
    result = write_pages(pages, docs, seal, checked=True, unchanged=known)  # folders checked with the sources
    citing.keep(docs, store)  # beside the pages, not one of them
    manifest.record(docs, digest_now, hashes, stats, taken, seal)
    if memo.digests.watched:  # the first run under a watcher: what its next runs compare with
        memo.pages = {rel: (text, hashes[rel]) for rel, text in pages.items()}
    return write.pages_only(result, pages)


def _watched(root: Path, docs: Path, progress: Progress, memo: Memo, seal: Seal) -> WriteResult:
    """A run after the watcher named what changed (`Memo.digests`): the pages are compared with what the last
    run left (this process alone writes the generated folders while it watches), and the citation store is left
    to `settle`, after the pages are shown.

    Such a run leaves no sealed record: it trusts what the watcher said, which a later build must not. The last
    record is removed before the first page changes, so the next build compares every page itself."""
    pages, converted, store = _render_all(root, progress, memo, docs, seal)
    pages = {**pages, **converted}
    last, now = memo.pages, {}
    for rel, text in pages.items():
        before = last.get(rel)
        now[rel] = (text, before[1] if before and before[0] is text else disk.text_hash(text))
    known = {rel for rel, (_, sha) in now.items() if rel in last and last[rel][1] == sha}
    if len(known) < len(now) or now.keys() != last.keys():
        (docs / MANIFEST).unlink(missing_ok=True)
    result = write_pages(pages, docs, seal, checked=True, unchanged=known, present=last)
    memo.pages = now  # only once they are on disk
    memo.settle = partial(_keep_store, root, docs, store)
    return write.pages_only(result, pages)


def _keep_store(root: Path, docs: Path, store: str | None) -> None:
    """The citations a watched run formatted, kept for later runs (a cache by content: never stale)."""
    with disk.reported(root, "write the pages"):
        citing.keep(docs, store)


def _streamed(root: Path, docs: Path, progress: Progress, inputs: tuple, seal: Seal) -> WriteResult:
    """A run that keeps nothing for the next (a build, not `mkdocs serve`): each page is written where it is
    made, so no process holds every page's text; the pages are then committed together (`write.commit_staged`)."""
    digest_now, stats, taken = inputs
    recorded = manifest.recorded_pages(docs, seal)
    finish = partial(write.streamed, docs=docs, known=manifest.is_known, recorded=recorded)
    memo = NONE
    memo.next_run()
    with collector_paused():
        setting = _setting(root, memo)
        archive, linked, registry = _validate(root, progress, memo, docs, setting=setting)
        elsewhere = hand_written(docs)
        made, store = _render(root, setting, archive, linked, registry, progress, memo, docs, seal, elsewhere, finish)
        try:
            _check_links(registry, made, memo, elsewhere)
        except BaseException:
            write.discard_made(docs, made)
            raise
        progress.finish()
    staged = [item for _, items, _ in made.values() for item in items]  # type: ignore[union-attr]
    result = write.commit_staged(staged, docs, seal)
    citing.keep(docs, store)  # beside the pages, not one of them
    manifest.record(docs, digest_now, {item.path: item.sha for item in staged}, stats, taken, seal)
    return write.pages_only(result, (item.path for item in staged))

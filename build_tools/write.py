"""Stage 4, write: put generated pages into docs/, touching only what changed, all or nothing.

Generated pages live in folders of their own (docs/articles/, docs/glossary/...) and
carry a marker line; those folders are the build's: anything else found in them (a
page without the marker, a link, a special file) is a problem, never published or
read. Every changed page is first written in full to a temporary file beside it; then
one journal puts them all in place (`swap`), so a build killed while writing leaves
the old pages or, once the next build has finished the journal, the new ones.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_tools import disk, swap
from build_tools.config import (
    CITATION_STORE,
    DOCS_DIR,
    GENERATED_DIRS,
    GENERATED_MARKER,
    MANIFEST,
    WHOLLY_GENERATED,
    link_style,
)
from build_tools.convert.sidecar import is_sidecar, page_count, sidecar_path
from build_tools.disk import RECORD_LIMIT, read_regular
from build_tools.errors import Report
from build_tools.registry import page_links, read_links

RECORDS = frozenset({MANIFEST, CITATION_STORE, swap.PAGES_JOURNAL})
"""The build's own records in the generated folders (dot files: no engine publishes them)."""
TEMPORARY = ".part"
"""The ending of a page being written; one left by a killed build is removed by the next."""


@dataclass(frozen=True)
class WriteResult:
    """What a write changed on disk."""

    written: tuple[str, ...]
    """Pages created or rewritten because their content changed."""
    removed: tuple[str, ...]
    """Generated pages whose source is gone."""
    unchanged: int
    """Pages already up to date."""


def generated_entries(docs: Path) -> Iterator[tuple[str, str]]:
    """(path relative to docs/, what it is: "" for a regular file) of everything in the generated folders but
    the folders themselves and the build's own records; links are not followed."""
    for folder in GENERATED_DIRS:
        for rel, kind in disk.relative_entries(docs / folder):
            if f"{folder}/{rel}" not in RECORDS:
                yield f"{folder}/{rel}", kind


def generated_files(docs: Path) -> list[str]:
    """Every page in the generated folders (temporary files of a killed build aside)."""
    return [rel for rel, _ in generated_entries(docs) if not rel.endswith(TEMPORARY)]


def _marked(head: bytes) -> bool:
    first, _, rest = head.decode("utf-8", "replace").partition("\n")
    return first.strip() == "---" and rest.startswith(GENERATED_MARKER)


def is_generated(docs: Path, rel: str) -> bool:
    """True when the regular file `rel` was written by the build (its folder is wholly the build's, it is a
    converted page, which the hook trusts only when sealed, or it starts with the marker)."""
    if rel.split("/", 1)[0] in WHOLLY_GENERATED or is_sidecar(rel):
        return True
    with Path(docs / rel).open("rb") as handle:  # a regular file: generated_entries looked without following links
        return _marked(handle.read(len(GENERATED_MARKER) + 8))


def hand_written(docs: Path) -> frozenset[str]:
    """The files of docs/ outside the build's folders (pages and assets), relative to it: links may reach them."""
    return frozenset(rel for rel, kind in disk.relative_entries(docs, GENERATED_DIRS) if not kind)


def check_targets(paths: Iterable[str], docs: Path, report: Report) -> None:
    """Report what is in the build's folders that the build did not write, and what would stop the pages being
    written there. Problems name the place as `docs/...`, as in the repository, even when `docs` is a scratch
    copy."""
    for folder in GENERATED_DIRS:
        if (docs / folder).is_symlink() or docs.is_symlink():
            hint = "make it a plain folder: the build never writes outside the repository"
            report.add(f"{DOCS_DIR}/{folder}", None, "is a symlink", hint)
    if docs.is_symlink() or any((docs / folder).is_symlink() for folder in GENERATED_DIRS):
        return
    claimed = set(paths)
    for rel, kind in generated_entries(docs):
        where = f"{DOCS_DIR}/{rel}"
        if rel.endswith(TEMPORARY):
            continue  # a killed build's page in the making: removed when the pages are written
        if kind:
            hint = f"delete it: docs/{rel.split('/', 1)[0]}/ is made by the build, which writes only files there"
            report.add(where, None, f"is {kind}, in a folder the build owns", hint)
        elif not is_generated(docs, rel) and rel in claimed:
            hint = "generated pages own this path: move the hand-written page elsewhere in docs/"
            report.add(where, None, "is a hand-written page where a generated page belongs", hint)
        elif not is_generated(docs, rel):
            hint = f"move it out of docs/{rel.split('/', 1)[0]}/ (hand-written pages go in docs/ itself), or delete it"
            report.add(where, None, "is not a page the build wrote, in a folder the build owns", hint)


def plan_writes(
    pages: Mapping[str, str], docs: Path, *, checked: bool = False, unchanged: Collection[str] = (),
    present: Collection[str] | None = None,
) -> tuple[list[str], list[str]]:  # fmt: skip
    """Which pages to write (their content changed) and which files of the build's folders to remove: pages
    whose source is gone, and a killed build's temporary files. Pages in `unchanged` are known to say what they
    should (a sealed record of the last run: `manifest.known_pages`) and are not read back. Given `present` (the
    pages the last run of this process left, while it alone writes the folders), the folders are not walked.

    Refuses (BuildFailed) when anything in the folders is not the build's (the orchestrator has reported it
    with the sources' problems, and says so with `checked`; this is the last guard for other callers)."""
    if not checked:
        report = Report()
        check_targets((), docs, report)
        report.raise_if_any()
    writes = [rel for rel, content in pages.items() if rel not in unchanged and _differs(docs, rel, content)]
    found = list(present) if present is not None else [rel for rel, _ in generated_entries(docs)]
    removals = [rel for rel in found if rel not in pages and not rel.endswith(TEMPORARY)]
    removals += [rel for rel in found if rel.endswith(TEMPORARY)]
    return writes, sorted(removals)


def _differs(docs: Path, rel: str, content: str) -> bool:
    """True when the page must be written (missing, or not what it should say)."""
    try:
        return read_regular(docs / rel, RECORD_LIMIT) != content.encode("utf-8")
    except OSError:
        return True


def write_pages(
    pages: Mapping[str, str], docs: Path, seal: swap.Sealer, *, checked: bool = False, unchanged: Collection[str] = (),
    present: Collection[str] | None = None,
) -> WriteResult:  # fmt: skip
    """Write the changed pages and remove stale ones, all or nothing: each new page is written in full beside
    its old one, then one journal (sealed with `seal`) moves the old pages aside and the new ones in
    (`swap.commit`): a failure or an interrupt puts the old ones back. The old pages are deleted after."""
    writes, removals = plan_writes(pages, docs, checked=checked, unchanged=unchanged, present=present)
    made: dict[str, str] = {}
    try:
        for rel in writes:
            made[rel] = _relative(_temporary(docs / rel, pages[rel]), docs)
    except BaseException:
        discard(docs, made.values())
        raise
    return _commit(docs, made, removals, seal, len(pages))


@dataclass(frozen=True)
class Staged:
    """A page as a worker leaves it: hashed and, when the file does not already say it, written beside it."""

    path: str
    """The page, relative to docs/."""
    sha: str
    """The SHA-256 of its text, as the manifest records it."""
    temporary: str
    """Its new text's file beside it, relative to docs/, to be moved in by `commit_staged`; "" when unchanged."""


def stage(docs: Path, rel: str, content: str, known: Callable[[str, str], bool]) -> Staged:
    """`content` for the page `rel`, made ready where it is made (in a worker, which then drops the text): written
    beside the page unless `known(rel, hash)` (a sealed record says the file holds it) or the file says it."""
    sha = disk.text_hash(content)
    if known(rel, sha) or not _differs(docs, rel, content):
        return Staged(rel, sha, "")
    return Staged(rel, sha, _relative(_temporary(docs / rel, content), docs))


def commit_staged(staged: Collection[Staged], docs: Path, seal: swap.Sealer) -> WriteResult:
    """Move the staged pages in and the build's files that are no page of it out, all or nothing (as
    `write_pages`). The folders were checked with the sources."""
    made = {item.path: item.temporary for item in staged if item.temporary}
    ours, pages = set(made.values()), {item.path for item in staged}
    found = [rel for rel, _ in generated_entries(docs) if rel not in ours]
    removals = [rel for rel in found if rel not in pages and not rel.endswith(TEMPORARY)]
    removals += [rel for rel in found if rel.endswith(TEMPORARY)]
    return _commit(docs, made, sorted(removals), seal, len(staged))


Known = Callable[[Path, str, str, Mapping[str, tuple]], bool]
"""Whether the record says a page's file already holds a text (`manifest.is_known`: docs, page, hash, record)."""


@dataclass(frozen=True)
class StreamedPage:
    """The render job of one page, its page (and converted page) staged where they are made and dropped: only their
    hashes and what the link check reads come back; a page with a problem is not written. A value (it travels)."""

    path: str
    """The page, relative to docs/."""
    job: Callable[[Report], tuple]
    """Renders the page (`convert.made.PageJob`)."""
    docs: Path
    """Where the pages are written."""
    known: Known
    """Tells, from `recorded`, whether a page's file already holds a text."""
    recorded: Mapping[str, tuple]
    """The last sealed record of the page and of its converted page, where it has them."""

    def __call__(self, report: Report) -> tuple:
        text, converted, links = self.job(report)
        if report.errors:
            return None, (), None
        staged = [stage(self.docs, self.path, text, self._known)]
        kept = sidecar_path(self.path)
        if converted is not None and kept is not None:
            staged.append(stage(self.docs, kept, converted, self._known))
        return None, tuple(staged), page_links(read_links(self.path, text, link_style(), ids=links is None), links)

    def _known(self, rel: str, sha: str) -> bool:
        return self.known(self.docs, rel, sha, self.recorded)


def streamed(path: str, job: Callable[[Report], tuple], docs: Path, known: Known, recorded: Mapping) -> StreamedPage:
    """`job` made a streamed page (see `StreamedPage`), with the part of the last record `recorded` it needs."""
    rels = (path, sidecar_path(path))
    return StreamedPage(path, job, docs, known, {rel: recorded[rel] for rel in rels if rel in recorded})


def discard_made(docs: Path, made: Mapping[str, tuple]) -> None:
    """The files staged by a streamed run that stops before committing them, removed."""
    for text, staged, _ in made.values():
        if text is None and staged:
            discard(docs, (item.temporary for item in staged))


def discard(docs: Path, temporaries: Iterable[str]) -> None:
    """Remove the new pages' files of a build that stops before committing them."""
    for rel in temporaries:
        if rel:
            (docs / rel).unlink(missing_ok=True)


def _commit(docs: Path, made: Mapping[str, str], removals: list[str], seal: swap.Sealer, total: int) -> WriteResult:
    """One journal moves the old pages aside and the new ones (`made`: page -> its new file) in, and the removed
    ones out: a failure or an interrupt puts the old ones back. The old pages are deleted after."""
    moves = [swap.Move(rel, temporary, _aside(docs, rel)) for rel, temporary in made.items()]
    moves += [swap.Move(rel, "", _aside(docs, rel)) for rel in removals]
    if moves:
        swap.commit(docs, docs / swap.PAGES_JOURNAL, moves, seal, undoable=True)
        for move in moves:
            if move.old:
                (docs / move.old).unlink(missing_ok=True)
    return WriteResult(tuple(made), tuple(r for r in removals if not r.endswith(TEMPORARY)), total - len(made))


def _relative(path: Path, docs: Path) -> str:
    return path.relative_to(docs).as_posix()


def _aside(docs: Path, rel: str) -> str:
    """Where a page waits while its replacement is put in place ("" for a new page, which has none): a hidden
    name beside it, removed after (or, left by a killed build, by the next one, as a temporary file)."""
    if not os.path.lexists(docs / rel):
        return ""
    folder, _, name = rel.rpartition("/")
    return f"{folder}/.{name}.{secrets.token_hex(4)}.old{TEMPORARY}"


def _temporary(target: Path, content: str | bytes) -> Path:
    """`content` (text, written as UTF-8, or bytes as they are) in a new file beside `target`, to be renamed over
    it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=TEMPORARY)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_file(target: Path, content: str | bytes) -> None:
    """Write `content` to `target` atomically: a reader sees the old file or the new one, never part."""
    swap.rename(_temporary(target, content), target)


def write_changed(target: Path, content: str) -> None:
    """`write_file`, only when `target` does not already say `content`."""
    if _differs(target.parent, target.name, content):
        write_file(target, content)


def pages_only(result: WriteResult, paths: Iterable[str]) -> WriteResult:
    """What was written and removed, and how many pages were already right, converted pages left out."""
    written, removed = ([path for path in found if not is_sidecar(path)] for found in (result.written, result.removed))
    return WriteResult(tuple(written), tuple(removed), page_count(paths) - len(written))

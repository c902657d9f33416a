"""The orchestrator: load -> link -> plan -> render -> write (load and link run together: `sources`).

It owns what wraps the stages: the loops over articles (`steps`), the one report every stage
adds its problems to, the page registry, progress, the step memo of `mkdocs serve`,
the store of formatted citations a build leaves for the next, and the manifest that
lets a run with nothing changed stop early. The stages know none of these.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools import convert, load, render, sources, write
from build_tools.collector import collector_paused
from build_tools.config import (
    DOCS_DIR,
    MKDOCS_CONFIG,
    TEMPLATES_DIR,
    link_style,
    output_setting,
)
from build_tools.errors import Report
from build_tools.incremental import citations as citing
from build_tools.incremental import reads
from build_tools.incremental.memo import NONE, Memo
from build_tools.incremental.trust import UNSEALED, Seal
from build_tools.link import recorded
from build_tools.link.models import LinkedArticle
from build_tools.models import Archive
from build_tools.progress import SILENT, Progress
from build_tools.registry import PageLinks, PageRegistry, SharedLinks, page_links, read_links
from build_tools.steps import each
from build_tools.write import WriteResult, check_targets, hand_written

if TYPE_CHECKING:
    from build_tools.convert.made import Made
    from build_tools.convert.setting import Setting


def render_pages(
    root: Path, progress: Progress = SILENT, memo: Memo = NONE, docs: Path | None = None, seal: Seal = UNSEALED
) -> dict[str, str]:
    """Read every source, link, plan and render all pages; write nothing.

    Every problem of the sources, from every stage (and, given `docs`, every page
    that could not be written there), is raised as one BuildFailed. With a `memo`
    kept between runs (the MkDocs hook keeps one), unchanged articles are not read,
    linked or rendered again.
    """
    return _render_all(root, progress, memo, docs, seal)[0]


def _render_all(
    root: Path, progress: Progress, memo: Memo, docs: Path | None, seal: Seal
) -> tuple[dict[str, str], dict[str, str], str | None]:
    """The pages, the converted pages to write beside them (`convert.sidecar`), and the store of the citations
    formatted for them (see `incremental.citations`)."""
    memo.next_run()
    with collector_paused():
        watched = memo.digests.watched and memo.pages  # the folders were checked by this process's first run
        setting = _setting(root, memo)
        archive, linked, registry = _validate(root, progress, memo, None if watched else docs, setting=setting)
        elsewhere = hand_written(docs or root / DOCS_DIR)  # walked once: targets of links, and checked against
        made, store = _render(root, setting, archive, linked, registry, progress, memo, docs, seal, elsewhere)
        _check_links(registry, made, memo, elsewhere)
        progress.finish()
        pages = {path: text for path, (text, _, _) in made.items()}
        converted = {convert.sidecar_path(path): kept for path, (_, kept, _) in made.items() if kept}
        return pages, converted, store


def check(root: Path, progress: Progress = SILENT, since: str | None = None) -> PageRegistry:
    """Validate every source and that the pages could be written to docs/; raise BuildFailed if not.

    Nothing is rendered: rendering cannot refuse a source, so the pages are only planned. Files only the build
    makes that the repository holds (a force-added page, manifest or citation store) are refused too; so is an
    article whose passages the record does not hold, and (`since` a git revision) a record that did not only grow."""
    return checked(root, progress, since)[1]


def checked(root: Path, progress: Progress = SILENT, since: str | None = None) -> tuple[Archive, PageRegistry]:
    """`check`, also giving the archive it read (briefings included), for what `check` counts in it."""
    base = recorded.base_of(root, since) if since else None
    rules = (load.check_tracked, *([partial(recorded.check_grown, base=base)] if base else []))
    archive, _, registry = _validate(root, progress, NONE, root / DOCS_DIR, *rules, record=base or True)
    progress.finish()
    return archive, registry


def _validate(
    root: Path,
    progress: Progress,
    memo: Memo,
    docs: Path | None,
    *more: Callable[[Path, Report], None],
    setting: Setting | None = None,
    record: recorded.Base | bool = False,
) -> tuple[Archive, tuple[LinkedArticle, ...], PageRegistry]:
    """Load, link and plan the pages, every stage (and each of `more`) adding to one report; raise it if it holds
    anything. `setting`: how the pages will be converted (None: not here, or not rendered)."""
    report = Report()
    for rule in more:
        rule(root, report)
    archive, linked = sources.read_and_link(root, setting, report, progress, memo)
    if record:
        recorded.check_recorded(root, linked, report, record if isinstance(record, recorded.Base) else None)
    registry = _plan(archive, linked, report, docs)
    report.raise_if_any()
    return archive, linked, registry


def _check_links(registry: PageRegistry, made: dict[str, Made], memo: Memo, elsewhere: frozenset[str]) -> None:
    """The links the build writes as HTML, and those of the pages converted here, checked against the pages of
    the run (MkDocs checks the rest); a page's links and ids are read once while its text stays the same, and
    under a kept memo only the pages read anew are checked (`PageRegistry.check_links`)."""

    last, sources = memo.links or (None, {})
    read_from: dict[str, tuple] = {}

    def read(page: str, text: str, style: str) -> PageLinks:
        text, _, converted = made[page]
        if text is None:  # streamed: read where the page was made
            return converted  # type: ignore[return-value]
        before, read_from[page] = sources.get(page), (text, converted)
        if last is not None and before is not None and before[0] is text and before[1] is converted:
            return last.found[page]  # the very page of the last check
        return page_links(memo.get(("links", page, text, style), partial(read_links, page, text, style)), converted)

    report = Report()
    pages = {path: text for path, (text, _, _) in made.items()}
    checked = registry.check_links(pages, link_style(), report, read, elsewhere, last)
    report.raise_if_any()
    memo.links = (checked, read_from)  # a memo that keeps nothing (NONE) drops it


def _shared_links(shared: SharedLinks, index: int, made: Made) -> Made:
    """A page as made, its links kept once for every page (`SharedLinks`)."""
    return made if made[2] is None else (made[0], made[1], shared(made[2]))


def _plan(archive: Archive, linked: tuple[LinkedArticle, ...], report: Report, docs: Path | None) -> PageRegistry:
    registry = PageRegistry(report)
    for claim in render.claims(archive, linked):
        registry.claim(claim)
    if docs is not None:
        check_targets(registry.paths, docs, report)
    return registry


def _setting(root: Path, memo: Memo) -> Setting | None:
    """How pages are converted in this build's link style (None: not here), read from mkdocs.yml."""
    from build_tools.convert.setting import read_setting  # here: MkDocs' config loads only to link and render

    style = link_style()
    return memo.get(("setting", memo.digests.of(root / MKDOCS_CONFIG), style), partial(read_setting, root, style))


def _render(
    root: Path,
    setting: Setting | None,
    archive: Archive,
    linked: tuple[LinkedArticle, ...],
    registry: PageRegistry,
    progress: Progress,
    memo: Memo,
    docs: Path | None,
    seal: Seal,
    elsewhere: frozenset[str],
    finish: Callable | None = None,
) -> tuple[dict[str, Made], str | None]:
    from build_tools.convert.made import Making, PageJob  # here: Python-Markdown loads only to render

    templates = root / TEMPLATES_DIR
    signature = setting.signature if setting else ""
    version = (output_setting(), signature, tuple(map(memo.digests.of, sorted(templates.glob("*")))))
    watched = memo.digests.watched  # only the preview's runs keep what each page read, and pages by slot
    kept = memo.reads if watched else None
    reading = render.Reading(linked, archive.events)
    last_reading = kept.site.reading if kept and kept.site else None
    plans = memo.get(("related", reading.signature(last_reading)), reading.plan_all)
    citations, briefed, store = citing.formatted(linked, progress, memo, docs, seal, archive.briefings)
    last = kept.site if kept else None
    same = bool(kept) and kept.version[0] == version[0]  # `derived` values hold addresses made under the setting
    site = render.Site(archive, linked, reading, plans, citations, last, same, cited=briefed)
    targets = frozenset(registry.paths) | elsewhere
    making = Making(templates, version, setting, seal, targets, render.new_environment, render.blocks_made)
    run = reads.start(kept, site, version, targets, watched)
    progress.start("rendering pages", len(registry))
    todo, taken = [], {}
    for claim in registry:
        if run.unchanged(claim):  # it read nothing an edit changed: the very page of the last run
            taken[claim.path] = run.taken(claim.path)
            memo.carry(claim.path)
            progress.advance()
            continue
        key, what = run.read(site, claim)
        job = PageJob(claim.path, claim.family, what)
        todo.append((claim.subject, claim.path, (version, *key) if key is not None else None, job))
    todo.sort(key=itemgetter(0))  # an article's pages together: it travels once per chunk (the sort is stable)
    paths = [path for _, path, _, _ in todo]
    jobs = [(key, finish(path, job) if finish else job) for _, path, key, job in todo]
    report = Report()
    slots = paths if watched else None  # by key hash only where no record is left (`Memo.lookup`)
    links_once = partial(_shared_links, SharedLinks())
    made = dict(zip(paths, each(jobs, report, progress, memo, slots, shared=making, adopt=links_once), strict=True))
    if report.errors and docs is not None:
        write.discard_made(docs, made)
    report.raise_if_any()
    made.update(taken)
    if watched:
        memo.reads = reads.finish(run, made, version, targets, site)
    return dict(sorted(made.items())), store


def generate(root: Path, docs: Path | None = None, progress: Progress = SILENT, memo: Memo = NONE) -> WriteResult:
    """Build the generated pages into `docs` (default: root/docs): see `generation.generate`, the runs that write,
    which sit on top of this module."""
    from build_tools import generation

    return generation.generate(root, docs, progress, memo)


def settle(memo: Memo) -> None:
    """The bookkeeping a watched run left for after its pages were shown: see `generation.settle`."""
    from build_tools import generation

    generation.settle(memo)

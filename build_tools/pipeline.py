"""The orchestrator: load -> link -> plan -> render -> write.

It owns what wraps the stages: the loops over articles, the one report every stage
adds its problems to, the page registry, progress, the step memo of `mkdocs serve`,
the store of formatted citations a build leaves for the next, and the manifest that
lets a run with nothing changed stop early. The stages know none of these.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from build_tools import convert, link, load, parallel, render, write
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
from build_tools.incremental.inputs import REGISTER_FILES
from build_tools.incremental.memo import NONE, Memo
from build_tools.incremental.trust import UNSEALED, Seal
from build_tools.link.models import LinkedArticle
from build_tools.models import Archive, Article
from build_tools.progress import SILENT, Progress
from build_tools.registry import PageLinks, PageRegistry, SharedLinks, page_links, read_links
from build_tools.write import WriteResult, check_targets, hand_written

if TYPE_CHECKING:
    from build_tools.convert.made import Made
    from build_tools.convert.setting import Setting

T = TypeVar("T")


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


def check(root: Path, progress: Progress = SILENT) -> PageRegistry:
    """Validate every source and that the pages could be written to docs/; raise BuildFailed if not.

    Nothing is rendered: rendering cannot refuse a source, so the pages are only planned. Files only the build
    makes that the repository holds (a force-added page, manifest or citation store) are refused too."""
    registry = _validate(root, progress, NONE, root / DOCS_DIR, load.check_tracked)[2]
    progress.finish()
    return registry


def _validate(
    root: Path,
    progress: Progress,
    memo: Memo,
    docs: Path | None,
    *more: Callable[[Path, Report], None],
    setting: Setting | None = None,
) -> tuple[Archive, tuple[LinkedArticle, ...], PageRegistry]:
    """Load, link and plan the pages, every stage (and each of `more`) adding to one report; raise it if it holds
    anything. `setting`: how the pages will be converted (None: not here, or not rendered)."""
    report = Report()
    for rule in more:
        rule(root, report)
    archive = _load(root, report, progress, memo)
    linked = _link(archive, setting, report, progress, memo)
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


def _load(root: Path, report: Report, progress: Progress, memo: Memo) -> Archive:
    """Read every article (those unchanged since the last run reused), then the registers, and assemble."""
    editing = memo.digests.watched  # the preview: an editor's swap and backup files come and go
    paths = load.article_files(root, editing, memo.digests.listing)
    progress.start("reading articles", len(paths))
    jobs = [(_article_key(path, memo), partial(load.read_article, root, path)) for path in paths]
    read = _each(jobs, report, progress, memo)
    registers_key = ("registers", *(_file_key(name, root / name, memo) for name in REGISTER_FILES))
    registers = memo.get(registers_key, partial(load.read_registers, root, report), report)
    return load.assemble(root, paths, read, registers, report, editing, memo.digests.listing)


def _article_key(path: Path, memo: Memo) -> tuple:
    """An article is read again only when it or its notes changed."""
    return ("article", *_file_key(load.source_name(path), path, memo), memo.digests.of(load.notes_file(path)))


def _file_key(rel: str, path: Path, memo: Memo) -> tuple:
    """A source file at `rel` (relative to the root) as a memo key: its place, whether it is a link (refused) and
    its bytes' hash.

    Results read from unchanged files are the very objects of the last run, so the keys of later
    steps that hold them (the link and article-page keys) compare by identity, not field by field."""
    return (rel, memo.digests.is_link(path), memo.digests.of(path))


def _link(
    archive: Archive, setting: Setting | None, report: Report, progress: Progress, memo: Memo
) -> tuple[LinkedArticle, ...]:
    signature = link.signature(archive.entries)
    matcher = memo.get(("matcher", signature), partial(link.build_matcher, archive.entries))
    progress.start("linking articles", len(archive.articles))
    # paragraphs are written as HTML only for pages converted here, with the extensions they are written for
    style = link_style() if setting and link.writes_for(setting.extensions, setting.extension_configs) else None
    written = (style, setting.signature if setting else "")
    jobs = [
        (("link", article, signature, written), partial(link.link_parts, article, matcher, style))
        for article in archive.articles
    ]
    adopt = partial(_joined, archive.articles)  # the very articles loaded here: workers do not send them back
    linked = _each(jobs, report, progress, memo, adopt=adopt)
    for draft in archive.drafts:
        link.check_notes(draft, report)
    return tuple(linked)


def _joined(articles: tuple[Article, ...], index: int, parts: tuple) -> LinkedArticle:
    return link.join_parts(articles[index], parts)


def _shared_links(shared: SharedLinks, index: int, made: Made) -> Made:
    """A page as made, its links kept once for every page (`SharedLinks`)."""
    return made if made[2] is None else (made[0], made[1], shared(made[2]))


def _each(
    jobs: list[tuple[Hashable, parallel.Job[T]]], report: Report, progress: Progress, memo: Memo,
    slots: list[str] | None = None, shared: parallel.Shared | None = None,
    adopt: Callable[[int, object], T] | None = None,
) -> list[T]:  # fmt: skip
    """Each job's result: reused from the memo where its key was seen (in its slot, given `slots`: see
    `Memo.lookup`), the others computed on every core (by workers that hold only their jobs and what they `shared`:
    see `parallel`); `adopt(index, value)` makes the result of a job computed now from what it returned.

    A job's problems go into the run's report, and a job that had any is not kept; a job whose key is
    None is never kept."""
    results: list = [None] * len(jobs)
    todo = []
    slots = slots or [None] * len(jobs)  # type: ignore[list-item]
    for index, (key, _) in enumerate(jobs):
        found, results[index] = memo.lookup(key, slots[index]) if key is not None else (False, None)
        if found:
            progress.advance()
        else:
            todo.append(index)
    done = parallel.run_all([jobs[i][1] for i in todo], progress, shared=shared)
    for index, (value, errors) in zip(todo, done, strict=True):
        results[index] = value = adopt(index, value) if adopt else value
        report.errors += errors
        if not errors and jobs[index][0] is not None:
            memo.keep(jobs[index][0], value, slots[index])
    return results


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
    citations, store = citing.formatted(linked, progress, memo, docs, seal)
    site = render.Site(archive, linked, reading, plans, citations, kept.site if kept else None)
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
    made = dict(zip(paths, _each(jobs, report, progress, memo, slots, shared=making, adopt=links_once), strict=True))
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

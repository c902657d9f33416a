"""The orchestrator's first two stages, load and link, run together: every source read, and each article read anew
linked in the same job, on the parse its checks read (one parse of its text: `markdown.Parsed`).

The matcher is made from the registers before any article is read. An article unchanged since the last run
(`mkdocs serve`, `make serve`) is neither read nor linked again; after the entries changed, articles are
linked again in jobs of their own, without being read again.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from build_tools import link, load
from build_tools.config import link_style
from build_tools.errors import Report
from build_tools.incremental.inputs import REGISTER_FILES
from build_tools.incremental.memo import Memo
from build_tools.link.briefings import check_briefing, link_briefing, quoted_slugs
from build_tools.link.models import LinkedArticle, LinkedBriefing
from build_tools.load.briefings import briefing_files, check_briefings_folder, read_briefing
from build_tools.load.record import RECORD_FILE, Record, read_record
from build_tools.load.tags import check_tags
from build_tools.markdown import Parsed
from build_tools.models import Archive, Article, ArticleText, Briefing
from build_tools.progress import Progress
from build_tools.steps import each, file_key

if TYPE_CHECKING:
    from build_tools.convert.setting import Setting


def read_and_link(
    root: Path, setting: Setting | None, report: Report, progress: Progress, memo: Memo
) -> tuple[Archive, tuple[LinkedArticle, ...]]:
    """The archive, and each of its articles linked, every problem in `report`. `setting`: how the pages will be
    converted (None: not here, or not rendered)."""
    registers_key = ("registers", *(file_key(name, root / name, memo) for name in REGISTER_FILES))
    registers = memo.get(registers_key, partial(load.read_registers, root, report), report)
    linking = _linking(registers, setting, memo)
    record_key = ("record", *file_key(RECORD_FILE, root / RECORD_FILE, memo))
    record = memo.get(record_key, partial(read_record, root, report), report)
    archive, fresh = _load(root, registers, linking, record, report, progress, memo)
    linked = _link(archive, linking, record, fresh, report, progress, memo)
    briefings = _briefings(root, archive, linking, report, memo, check=not registers.tags_unread)
    return replace(archive, briefings=briefings), linked


class _Linking(NamedTuple):
    """How this run links articles, known before any is read: each article read anew is linked in the same job."""

    matcher: link.TermMatcher
    """The entries' aliases, cues and exclusions, ready to be found."""
    style: str | None
    """The link style paragraphs are written to HTML in (None: all Markdown; see `link.link_article`)."""
    key: tuple
    """What a linked article depends on besides the article: the entries' signature, the style and setting."""


def _linking(registers: load.Registers, setting: Setting | None, memo: Memo) -> _Linking:
    entries = (*registers.terms, *registers.entities)  # `Archive.entries`
    signature = link.signature(entries)
    matcher = memo.get(("matcher", signature), partial(link.build_matcher, entries))
    # paragraphs are written as HTML only for pages converted here, with the extensions they are written for
    style = link_style() if setting and link.writes_for(setting.extensions, setting.extension_configs) else None
    return _Linking(matcher, style, (signature, style, setting.signature if setting else ""))


_Fresh = dict[str, tuple[Article, tuple, bool]]
"""The articles read anew this run, by path: the article, what linking made of it in the same job, and whether
that linking reported nothing."""


def _load(
    root: Path,
    registers: load.Registers,
    linking: _Linking,
    record: Record,
    report: Report,
    progress: Progress,
    memo: Memo,
) -> tuple[Archive, _Fresh]:
    """Read every article (those unchanged since the last run reused) and assemble the archive; each article read
    anew is linked in the same job, on the parse its checks read (one parse of its text: `markdown.Parsed`)."""
    editing = memo.digests.watched  # the preview: an editor's swap and backup files come and go
    paths = load.article_files(root, editing, memo.digests.listing)
    progress.start("reading and linking articles", len(paths))
    read_link = partial(_read_and_link, root, matcher=linking.matcher, style=linking.style)
    jobs = [(_article_key(path, memo), partial(read_link, path, snapshots=record.of(path.stem))) for path in paths]
    fresh: _Fresh = {}
    read = each(jobs, report, progress, memo, adopt=partial(_adopt_read, fresh))
    return load.assemble(root, paths, read, registers, report, editing, memo.digests.listing), fresh


def _read_and_link(
    root: Path, path: Path, report: Report, *, matcher: link.TermMatcher, style: str | None, snapshots: tuple
) -> tuple:
    """One article read, then linked (a draft's notes only placed, so their problems show too), in one job."""
    item, parsed = load.read_parsed(root, path, report)
    if not isinstance(item, Article):
        if item is not None:
            link.check_notes(item, report, parsed)
        return item, None, False
    before = len(report.errors)
    parts = link.link_parts(item, matcher, style, report, parsed, snapshots)
    return item, parts, len(report.errors) == before


def _adopt_read(fresh: _Fresh, index: int, made: tuple) -> Article | ArticleText | None:
    item, parts, clean = made
    if parts is not None:
        fresh[item.path] = (item, parts, clean)
    return item


def _article_key(path: Path, memo: Memo) -> tuple:
    """An article is read again only when it or its notes changed."""
    return ("article", *file_key(load.source_name(path), path, memo), memo.digests.of(load.notes_file(path)))


def _link(
    archive: Archive, linking: _Linking, record: Record, fresh: _Fresh, report: Report, progress: Progress, memo: Memo
) -> tuple[LinkedArticle, ...]:
    """Every article linked: as its reading job linked it, or from the memo, or (after the entries or its lines in
    the record changed) in a job of its own."""
    linked: list = [None] * len(archive.articles)
    todo, jobs = [], []
    for index, article in enumerate(archive.articles):
        snapshots = record.of(article.slug)
        key = ("link", article, snapshots, *linking.key)
        made = fresh.get(article.path)
        if made is not None and made[0] is article:
            linked[index] = link.join_parts(article, made[1])
            if made[2]:
                memo.keep(key, linked[index])
        else:
            todo.append(article)
            jobs.append((key, partial(link.link_parts, article, linking.matcher, linking.style, snapshots=snapshots)))
    progress.start("linking articles", len(jobs))
    adopt = partial(_joined, tuple(todo))  # the very articles loaded here: workers do not send them back
    done = iter(each(jobs, report, progress, memo, adopt=adopt))
    return tuple(value if value is not None else next(done) for value in linked)


def _joined(articles: tuple[Article, ...], index: int, parts: tuple) -> LinkedArticle:
    return link.join_parts(articles[index], parts)


def _briefings(
    root: Path, archive: Archive, linking: _Linking, report: Report, memo: Memo, *, check: bool
) -> tuple[LinkedBriefing, ...]:
    """Every briefing read and linked, its quotations looked for in the articles just read, newest first. A briefing
    is read again only when its file changed, and linked again only when it, an article it quotes or the entries
    changed (the articles compare by identity). Its tags are checked (`check`) only when the glossary, which
    declares them, could be read."""
    editing, listed = memo.digests.watched, memo.digests.listing
    check_briefings_folder(root, report, editing, listed)
    articles = {article.slug: article for article in archive.articles}
    known = frozenset(name.id for name in archive.names if name.section == "articles")
    made, read_all = [], []  # every briefing read, drafts too: their tags are checked
    for path in briefing_files(root, editing, listed):
        parsed: list[Parsed | None] = []  # its parse, when read in this run and clean: linking reads it too
        read = partial(_read_briefing, root, path, report, parsed, articles, known)
        found = memo.get(("briefing", *file_key(path.relative_to(root).as_posix(), path, memo)), read, report)
        if found is None:
            continue
        briefing, slugs = found
        read_all.append(briefing)
        if parsed == [None]:  # a draft: its essay broke the rules, and it was checked as it was read
            continue
        quoted = tuple((slug, articles.get(slug), slug in known) for slug in slugs)
        link = partial(link_briefing, briefing, parsed[0] if parsed else None, articles, known, linking.matcher,
                       linking.style, report)  # fmt: skip
        made.append(memo.get(("briefing-link", briefing, linking.key, quoted), link, report))
    if check:
        tags = {tag for tag, _ in archive.tag_labels} | {term.id for term in archive.terms}
        check_tags(read_all, tags, report)
    return tuple(sorted(made, key=lambda item: (item.briefing.date.sort_key, item.briefing.slug), reverse=True))


def _read_briefing(
    root: Path, path: Path, report: Report, parsed: list[Parsed | None], articles: dict[str, Article],
    known: frozenset[str],
) -> tuple[Briefing, tuple] | None:  # fmt: skip
    """A briefing and the articles it quotes (by slug); its parse put in `parsed`, for linking to read. A draft (its
    essay broke the rules) is only checked, here (`check_briefing`): None goes in `parsed`."""
    briefing, parse, clean = read_briefing(root, path, report)
    if briefing is None or parse is None:
        return None
    if not clean:
        check_briefing(briefing, parse, articles, known, report)
    parsed.append(parse if clean else None)
    return briefing, quoted_slugs(parse)

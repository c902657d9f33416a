"""Stage 1, load: source files -> typed models, every problem reported with file and line.

- `fields`: the declaration of every field of every source file, each with a kind;
- `kinds`, `shapes`: the kinds (plain text, identifier, URL, date, restricted
  Markdown; lists, mappings) that check values and give them their types;
- `sanitize`: the rules of restricted Markdown;
- `files`, `strict_yaml`: reading files safely, YAML without tags, anchors or guessing, within
  limits of size, depth and items;
- `folders`: what the folders read may hold (nothing in them is skipped without a word);
- `articles`, `registers`: reading articles and their notes, and the three registers;
- `checks`: rules across entries and files;
- `checkout`: what a pull request may not change (what the build makes, committed).

The orchestrator reads each article with `read_article` (so it can reuse unchanged
ones) and hands everything to `assemble`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from build_tools.disk import listing
from build_tools.errors import Report
from build_tools.load.articles import is_slug, notes_file, read_article, read_parsed, source_name
from build_tools.load.checkout import check_tracked
from build_tools.load.checks import PUBLICATION_PREFIX, check_references
from build_tools.load.folders import Lister, article_files, check_articles_folder, check_other_inputs
from build_tools.load.registers import Registers, read_registers
from build_tools.load.tags import check_tags, sorted_labels, tag_labels
from build_tools.models import Archive, Article, ArticleText, Event, Name
from build_tools.values import Identifier, PlainText

__all__ = [
    "article_files",
    "assemble",
    "check_tracked",
    "load_archive",
    "notes_file",
    "read_article",
    "read_parsed",
    "read_registers",
    "source_name",
]


Reader = Callable[[Path, Path, Report], Article | ArticleText | None]
"""How one article file is read: `read_article`, or the orchestrator's wrapper that reuses unchanged ones."""


def load_archive(root: Path, report: Report | None = None, read: Reader = read_article) -> Archive:
    """Read every source under `root`; with no `report` given, raise BuildFailed on any problem."""
    own = report is None
    report = report if report is not None else Report()
    paths = article_files(root)
    archive = assemble(root, paths, [read(root, path, report) for path in paths], read_registers(root, report), report)
    if own:
        report.raise_if_any()
    return archive


def assemble(
    root: Path, paths: list[Path], read: Iterable[Article | ArticleText | None], registers: Registers, report: Report,
    editing: bool = False, listed: Lister = listing,
) -> Archive:  # fmt: skip
    """The archive from what was read: cross-file rules checked, articles newest first, the timeline in order."""
    read = list(read)
    articles = [item for item in read if isinstance(item, Article)]
    drafts = tuple(item for item in read if item is not None and not isinstance(item, Article))
    names = (*_article_names(root, paths), *registers.names)
    check_articles_folder(root, report, editing, listed)  # an editor's leftovers passed over while previewing
    check_other_inputs(root, report)
    check_references(registers, names, report, articles)
    labels = tag_labels(registers.tags, registers.terms, report)
    if not registers.tags_unread:
        check_tags(articles, {*labels, *(name.id for name in registers.names if name.section == "glossary")}, report)
    newest_first = sorted(articles, key=lambda a: (a.published.sort_key, a.slug), reverse=True)
    events = (*registers.events, *map(publication_event, articles))
    timeline = sorted(events, key=lambda e: (e.date.sort_key, e.id))
    return Archive(tuple(newest_first), registers.terms, registers.entities, tuple(timeline), names, drafts,
                   sorted_labels(labels))  # fmt: skip


def _article_names(root: Path, paths: list[Path]) -> list[Name]:
    """Every article file with a valid name exists for references, whatever is wrong inside it."""
    return [Name("articles", p.stem, source_name(p), None) for p in paths if is_slug(p.stem)]


def publication_event(article: Article) -> Event:
    """An article's publication, as it appears on the timeline."""
    title = PlainText(f"{article.outlet} publishes “{article.title}”")
    slug = Identifier(f"{PUBLICATION_PREFIX}{article.slug}")
    return Event(slug, article.published, title, article.summary, (), (), (article.slug,), 0)

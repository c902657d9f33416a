"""Every source the archive cites, where it is written: what `check` counts and `archive`/`linkcheck` ask about.

A source is cited in notes, glossary terms, people and organisations, timeline events and briefings'
footnotes; each carries the file and line it is written at (`Source.path`, `Source.line`). One address
may be cited in many places: `by_address` groups them, in the order the archive reads them.
"""

from __future__ import annotations

from collections.abc import Iterator

from build_tools.models import Archive, Source

ARCHIVE_COMMAND = "python -m build_tools archive"


def every_source(archive: Archive) -> Iterator[Source]:
    """Each source of the archive, in file order: notes, glossary, people and organisations, timeline, briefings."""
    for article in archive.articles:
        for note in article.annotations:
            yield from note.sources
    for entry in archive.entries:
        yield from entry.sources
    for event in archive.events:
        yield from event.sources
    for linked in archive.briefings:
        for footnote in linked.briefing.footnotes:
            yield from footnote.sources


def by_address(sources: Iterator[Source]) -> dict[str, list[Source]]:
    """The sources grouped by address, each group in the order given, the addresses in order of first citation."""
    grouped: dict[str, list[Source]] = {}
    for source in sources:
        grouped.setdefault(str(source.url), []).append(source)
    return grouped


def without_copy(archive: Archive) -> tuple[int, int]:
    """How many sources have no archived copy, and how many sources there are (each citation counted)."""
    sources = list(every_source(archive))
    return sum(source.archived is None for source in sources), len(sources)


def copies_line(archive: Archive) -> str:
    """What `check` prints about archived copies: a count, never a problem."""
    missing, total = without_copy(archive)
    if not missing:
        return f"all {total} sources have an archived copy"
    return f"{missing} of {total} sources have no archived copy; `{ARCHIVE_COMMAND}` finds them"

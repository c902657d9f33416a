"""The checks that the record of passage ids (`load.record`) is up to date: `make check` names every article whose
ids are not its last line, and every line after an article's first dated on no day of its corrections (so the
"Amended on" date a reader sees is a correction's the page lists); on a pull request (`check --since BASE`) the
record must only have grown since the base, and each line it added must record a real change of one article's
words as the article is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.disk import read_regular
from build_tools.errors import Report
from build_tools.link.models import LinkedArticle
from build_tools.load.checkout import file_at, revision
from build_tools.load.record import MAX_RECORD_BYTES, RECORD_FILE, REWRITE, Record, Snapshot, read_record

COMMAND = "python -m build_tools passages"
RUN = f"run `{COMMAND}` and commit {RECORD_FILE} with the change"
ADDED = f"only `{COMMAND}` appends lines, one for each article whose words changed: delete this line and run it"


@dataclass(frozen=True)
class Base:
    """The record as a pull request's base revision held it."""

    since: str
    """The revision as given (`check --since`), for the messages."""
    text: bytes | None
    """The record's bytes there; None when it had none."""

    @property
    def lines(self) -> int:
        """How many lines it had."""
        return self.text.count(b"\n") if self.text is not None else 0


def base_of(root: Path, since: str) -> Base:
    """The record at the git revision `since`, read once for every check that compares with it. SystemExit when
    git does not know `since`."""
    return Base(since, file_at(root, revision(root, since, "check"), RECORD_FILE))


def check_recorded(root: Path, linked: tuple[LinkedArticle, ...], report: Report, base: Base | None = None) -> None:
    """Report every article whose passage ids now are not the last the record holds for it (the record's own
    problems are the run's reading's: `sources.read_and_link`), and, given the `base` of a pull request, every line
    it added that records no real change. A project without a record (a fork's new archive, a test's) keeps none:
    `check_grown` reports a record that was deleted."""
    if not (root / RECORD_FILE).exists() and not (root / RECORD_FILE).is_symlink():
        return
    record = read_record(root, Report())
    if base is not None:
        _check_new_lines(record, linked, base.lines, report)
    for item in linked:
        last = record.of(item.article.slug)
        _check_corrected(item, last, report)
        if last and last[-1].ids == item.passages:
            continue
        what = "its paragraphs' words changed since its last line in " if last else "its passages are not recorded in "
        report.add(item.article.path, item.article.body_line, what + RECORD_FILE, RUN)


def _check_new_lines(record: Record, linked: tuple[LinkedArticle, ...], first: int, report: Report) -> None:
    """Report each line added since the base (after its `first` lines) that records no real change: a line of an
    article the archive does not hold, a second new line of one article, ids other than the article's now, or the
    very ids of its line before (a change of words that did not happen, which would mark paragraphs amended)."""
    now = {item.article.slug: item.passages for item in linked}
    seen: set[str] = set()
    for slug, lines in sorted(record.articles.items()):
        for index, line in enumerate(lines):
            if line.line <= first:
                continue
            problem = (
                f"there is no article {slug}" if slug not in now
                else f"a second new line for {slug}" if slug in seen
                else f"its ids are not those {slug} has now" if line.ids != now[slug]
                else f"it records no change: {slug} had these ids before" if index and lines[index - 1].ids == line.ids
                else None
            )  # fmt: skip
            seen.add(slug)
            if problem:
                report.add(RECORD_FILE, line.line, f"a line added since the base: {problem}", ADDED)


def _check_corrected(item: LinkedArticle, lines: tuple[Snapshot, ...], report: Report) -> None:
    """Report each line after the article's first (a change of its words) dated on no day of its corrections."""
    days = {correction.date.iso for correction in item.article.corrections}
    for line in lines[1:]:
        if line.date.iso not in days:
            slug = item.article.slug
            message = f"the change to {slug} recorded on {line.date.iso} has no correction of that day in the article"
            fix = f"add to articles/{slug}.md a `corrections:` entry dated {line.date.iso} saying what changed and why"
            report.add(RECORD_FILE, line.line, message, fix)


def check_grown(root: Path, report: Report, *, base: Base) -> None:
    """Report the first line of the record that is not as it was at the pull request's `base`: lines are only
    appended."""
    if base.text is None:
        return  # the record is new since then: anything it holds was appended
    try:
        now = read_regular(root / RECORD_FILE, MAX_RECORD_BYTES)
    except OSError:
        now = b""  # its reading reports why
    before = base.text.split(b"\n")
    after = now.split(b"\n")
    for number, line in enumerate(before[:-1] if before[-1] == b"" else before, start=1):
        if number > len(after) or after[number - 1] != line:
            message = (
                f"line {number} is not as it was at {base.since}" if number <= len(after) else "lines were removed"
            )
            report.add(RECORD_FILE, min(number, len(after)), message, REWRITE)
            return

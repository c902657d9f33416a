"""`passages`: append to the record (`passages.jsonl`) the passage ids the articles publish now; and the checks that
the record is up to date (`make check`) and only grew since a base revision (`check --since REV`).

The command only appends: a line for each article whose ids differ from its last line (or that has none), in
the order of the articles' slugs, dated `--date`, or else by the article's newest correction when it is newer than
its last line (the change the line records is that correction's), or else today's date in UTC. It never rewrites a
line, so the ids a reader may have cited stay in the record for good. `make check` holds every line after an
article's first to a correction of that day in the article: the "Amended on" date a reader sees is the date of a
correction the page lists.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

from build_tools import sources
from build_tools.commands.links import revision
from build_tools.disk import read_regular
from build_tools.errors import Report
from build_tools.incremental.memo import NONE
from build_tools.link.models import LinkedArticle
from build_tools.load.kinds import Where
from build_tools.load.record import (
    DAY,
    MAX_RECORD_BYTES,
    RECORD_FILE,
    REWRITE,
    Record,
    Snapshot,
    read_record,
    record_line,
)
from build_tools.progress import Progress
from build_tools.values import PublishedDate

COMMAND = "python -m build_tools passages"
RUN = f"run `{COMMAND}` and commit {RECORD_FILE} with the change"
ADDED = f"only `{COMMAND}` appends lines, one for each article whose words changed: delete this line and run it"


def today() -> PublishedDate:
    """Today's date in UTC (what the command writes when no `--date` is given)."""
    now = datetime.datetime.now(datetime.UTC).date()
    return PublishedDate(now.year, now.month, now.day)


def read_date(text: str | None) -> PublishedDate | None:
    """The `--date` given (YYYY-MM-DD), or None; SystemExit when it is not a day."""
    if text is None:
        return None
    report = Report()
    day = DAY.read(text, 0, Where("--date", report))
    if day is None:
        raise SystemExit(f"passages --date: {report.errors[0].message}\n    hint: {report.errors[0].hint}")
    return day


def record_passages(root: Path, given: PublishedDate | None, progress: Progress) -> str:
    """Append a line for every article whose ids the record does not hold as its last; the summary to print.
    Raises BuildFailed (nothing appended) when a source or the record has a problem."""
    report = Report()
    _, linked = sources.read_and_link(root, None, report, progress, NONE)
    record = read_record(root, report)
    report.raise_if_any()
    lines, dates = [], set()
    for item in sorted(linked, key=lambda item: item.article.slug):
        last = record.of(item.article.slug)
        date = given or _dated(item, last)
        if last and date.sort_key < last[-1].date.sort_key:
            report.add(RECORD_FILE, last[-1].line, f"{item.article.slug} was recorded after {date.iso}",
                       "give a --date on or after the record's last for the article")  # fmt: skip
        elif not last or last[-1].ids != item.passages:
            lines.append(record_line(item.article.slug, date, item.passages))
            dates.add(date.iso)
    report.raise_if_any()
    if lines:
        with (root / RECORD_FILE).open("a", encoding="utf-8", newline="\n") as handle:
            handle.write("".join(lines))
    recorded = f"{len(lines)} article{'s' if len(lines) != 1 else ''} recorded in {RECORD_FILE}"
    return f"passages: {recorded}" + (f" ({', '.join(sorted(dates))})" if dates else "")


def _dated(item: LinkedArticle, last: tuple[Snapshot, ...]) -> PublishedDate:
    """The day of the article's change: its newest correction when newer than its last line, else today."""
    corrections = item.article.corrections
    if last and corrections and last[-1].date.sort_key < corrections[0].date.sort_key:
        return corrections[0].date
    return today()


def check_recorded(root: Path, linked: tuple[LinkedArticle, ...], report: Report, since: str | None = None) -> None:
    """Report every article whose passage ids now are not the last the record holds for it (the record's own
    problems are the run's reading's: `sources.read_and_link`). A project without a record (a fork's new archive, a
    test's) keeps none: `check --since` reports a record that was deleted."""
    if not (root / RECORD_FILE).exists() and not (root / RECORD_FILE).is_symlink():
        return
    record = read_record(root, Report())
    if since is not None:
        _check_new_lines(record, linked, _lines_at(root, since), report)
    for item in linked:
        last = record.of(item.article.slug)
        _check_corrected(item, last, report)
        if last and last[-1].ids == item.passages:
            continue
        what = "its paragraphs' words changed since its last line in " if last else "its passages are not recorded in "
        report.add(item.article.path, item.article.body_line, what + RECORD_FILE, RUN)


def _lines_at(root: Path, since: str) -> int:
    """How many lines the record had at the git revision `since` (0: none then)."""
    command = ["git", "-C", str(root), "show", f"{revision(root, since, 'check')}:{RECORD_FILE}"]
    done = subprocess.run(command, capture_output=True, check=False, env={**os.environ, "GIT_PAGER": "cat"})
    return done.stdout.count(b"\n") if done.returncode == 0 else 0


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


def check_grown(root: Path, report: Report, *, since: str) -> None:
    """Report the first line of the record that is not as it was at the git revision `since`: lines are only
    appended. SystemExit when git does not know `since`."""
    command = ["git", "-C", str(root), "show", f"{revision(root, since, 'check')}:{RECORD_FILE}"]
    done = subprocess.run(command, capture_output=True, check=False, env={**os.environ, "GIT_PAGER": "cat"})
    if done.returncode:
        return  # the record is new since then: anything it holds was appended
    try:
        now = read_regular(root / RECORD_FILE, MAX_RECORD_BYTES)
    except OSError:
        now = b""  # its reading reports why
    before = done.stdout.split(b"\n")
    after = now.split(b"\n")
    for number, line in enumerate(before[:-1] if before[-1] == b"" else before, start=1):
        if number > len(after) or after[number - 1] != line:
            message = f"line {number} is not as it was at {since}" if number <= len(after) else "lines were removed"
            report.add(RECORD_FILE, min(number, len(after)), message, REWRITE)
            return

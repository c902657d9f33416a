"""`passages`: append to the record (`passages.jsonl`) the passage ids the articles publish now (the checks that it
is up to date are `link.recorded`'s).

The command only appends: a line for each article whose ids differ from its last line (or that has none), in
the order of the articles' slugs, dated `--date`, or else by the article's newest correction when it is newer than
its last line (the change the line records is that correction's), or else today's date in UTC. It never rewrites a
line, so the ids a reader may have cited stay in the record for good. `make check` holds every line after an
article's first to a correction of that day in the article: the "Amended on" date a reader sees is the date of a
correction the page lists.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from build_tools import sources
from build_tools.errors import Report
from build_tools.incremental.memo import NONE
from build_tools.link.models import LinkedArticle
from build_tools.load.kinds import Where
from build_tools.load.record import DAY, RECORD_FILE, Snapshot, read_record, record_line
from build_tools.progress import Progress
from build_tools.values import PublishedDate


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

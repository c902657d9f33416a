"""The record of published passage ids (`passages.jsonl`): what every article's paragraphs were called, and when.

One line per article per change of its words, appended and never rewritten (`python -m build_tools passages`):

    {"article":"talks","date":"2026-12-07","ids":["p-the-two-defense-chiefs-1a2b3c4d", ...]}

`ids` are the article's passage ids in reading order, as published from `date` on. A line is added only when
an article's ids differ from its last line, so an unchanged article costs nothing after its first line (about
30 bytes a paragraph: some 6 MB at 10,000 articles of 20 paragraphs), and a pull request that changes an
article's words adds one line. The build aligns each article's lines, in order, to land every old id on the
paragraph that now holds its words (`link/amend.py`): no git history is needed.

The file is contributed like any source: only a regular file, read within `MAX_RECORD_BYTES`, each line within
`MAX_LINE_BYTES`, every value checked by its kind, every problem reported with its line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.disk import DIGEST_LIMIT, NotRegular, read_regular
from build_tools.errors import Report
from build_tools.load.kinds import DateKind, IdentifierKind, Where
from build_tools.values import PublishedDate

RECORD_FILE = "passages.jsonl"
"""The record, at the project's root."""

MAX_RECORD_BYTES = DIGEST_LIMIT
"""The most the record is read (64 MB: ten times its size at 10,000 articles)."""
MAX_LINE_BYTES = 1_000_000
"""The most one line is read: an article of about 30,000 paragraphs."""
MAX_ID_CHARS = 1_000
"""The most one passage id holds (its first four words and a digest)."""

PASSAGE_ID = re.compile(r"p-(?:[a-z0-9]+-){0,4}[0-9a-f]{8}(?:-[1-9][0-9]{0,5})?")
"""What `link.passages` makes: `p-`, at most four words of ASCII letters and digits, an eight-digit hexadecimal
digest, maybe `-2`."""
MAX_IDS = 10_000
"""The most passages one line names (an article of 10,000 paragraphs is longer than any the archive holds)."""
MAX_LINES = 200
"""The most lines one article has in the record (each a change of its words): aligning them costs their square."""

FIELDS = ("article", "date", "ids")
"""The keys of every line, in the order the command writes them."""
SLUG = IdentifierKind(hint="write the article's file name without .md")
DAY = DateKind(full=True)
REWRITE = "lines are only ever appended by `python -m build_tools passages`: restore the line as it was"


@dataclass(frozen=True)
class Snapshot:
    """An article's passage ids as published from a date on: one line of the record."""

    date: PublishedDate
    """The day these ids were recorded (the line's `date`)."""
    ids: tuple[str, ...]
    """The ids of its paragraphs, in reading order."""
    line: int
    """Line of the record it is on."""


@dataclass(frozen=True)
class Record:
    """Every line of the record that could be read, by article."""

    articles: Mapping[str, tuple[Snapshot, ...]]
    """Each article's snapshots (by slug), in the order of their lines."""

    def of(self, slug: str) -> tuple[Snapshot, ...]:
        """The snapshots of one article (none when it was never recorded)."""
        return self.articles.get(slug, ())


def read_record(root: Path, report: Report) -> Record:
    """The record at the root (empty when there is none), its problems in `report`."""
    path = root / RECORD_FILE
    try:
        data = read_regular(path, MAX_RECORD_BYTES)
    except FileNotFoundError:
        return Record({})
    except NotRegular as refused:
        hint = "shorten it" if refused.kind == "too large" else "replace it with a regular text file"
        report.add(RECORD_FILE, None, f"is {refused.kind}; only a regular file up to 64 MB is read", hint)
        return Record({})
    except OSError as error:
        report.add(RECORD_FILE, None, f"cannot be read: {error.strerror}", "make it readable")
        return Record({})
    return parse_record(data, report)


def parse_record(data: bytes, report: Report) -> Record:
    """The record in `data`, every line checked."""
    where = Where(RECORD_FILE, report)
    found: dict[str, list[Snapshot]] = {}
    lines = data.split(b"\n")
    if lines[-1]:
        where.error(len(lines), "the last line does not end with a line break", REWRITE)
    for number, raw in enumerate(lines[:-1], start=1):
        read = _line(raw, number, where)
        if read is None:
            continue
        slug, snapshot = read
        before = found.setdefault(slug, [])
        if len(before) == MAX_LINES:
            where.error(number, f"{slug} has more than {MAX_LINES} lines", REWRITE)
            continue
        if before and snapshot.date.sort_key < before[-1].date.sort_key:
            where.error(number, f"dated before line {before[-1].line}, the article's last line", REWRITE)
            continue
        before.append(snapshot)
    return Record({slug: tuple(snapshots) for slug, snapshots in found.items()})


def _line(raw: bytes, number: int, where: Where) -> tuple[str, Snapshot] | None:
    """One line's article and snapshot, or None after reporting why not."""
    if len(raw) > MAX_LINE_BYTES:
        where.error(number, f"the line is {len(raw)} bytes long, over {MAX_LINE_BYTES}", REWRITE)
        return None
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nested too deep for the parser
        where.error(number, "the line is not a JSON object", REWRITE)
        return None
    if not isinstance(value, dict) or sorted(value) != sorted(FIELDS):
        where.error(number, f"a line holds exactly the keys {', '.join(FIELDS)}", REWRITE)
        return None
    slug, date = SLUG.read(value["article"], number, where), DAY.read(value["date"], number, where)
    ids = _ids(value["ids"], number, where)
    if slug is None or date is None or ids is None:
        return None
    return str(slug), Snapshot(date, ids, number)


def _ids(value: Any, number: int, where: Where) -> tuple[str, ...] | None:
    """The passage ids of a line: a list of distinct ids, each as `link.passages` makes them."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        where.error(number, "`ids` is not a list of passage ids", REWRITE)
        return None
    wrong = next((item for item in value if len(item) > MAX_ID_CHARS or not PASSAGE_ID.fullmatch(item)), None)
    if wrong is not None:
        where.error(number, f"{wrong[:60]!r} is not a passage id", REWRITE)
        return None
    if len(value) > MAX_IDS:
        where.error(number, f"`ids` names {len(value)} passages, over {MAX_IDS}", REWRITE)
        return None
    if len(set(value)) != len(value):
        where.error(number, "`ids` names a passage twice", REWRITE)
        return None
    return tuple(value)


def record_line(slug: str, date: PublishedDate, ids: tuple[str, ...]) -> str:
    """One line of the record, as the command appends it (its line break included)."""
    return json.dumps({"article": slug, "date": date.iso, "ids": list(ids)}, separators=(",", ":")) + "\n"

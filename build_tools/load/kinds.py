"""Field kinds: every field of every source file is declared with one, and the kind decides its fate.

A kind checks a YAML value, reporting `file:line` problems, and turns it into a
typed value (`build_tools.values`): plain text, an identifier, a URL, a date or
checked restricted Markdown. Outputs escape a value by that type, so how a field
is made safe follows from its declaration, not from the code that reads it. Lists,
mappings and "either shape" values are kinds made of kinds (`shapes`). Each kind
also gives the JSON Schema fragment from which the editors' schema files are
generated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from build_tools.config import MAX_ID_LENGTH, MAX_TEXT_LENGTH, MAX_URL_LENGTH
from build_tools.errors import Report
from build_tools.intervals import DateInterval
from build_tools.load import edtf
from build_tools.load.addresses import address_problem
from build_tools.load.sanitize import Rules
from build_tools.markdown import Parsed, parse, rewrite
from build_tools.text import hidden_characters, listed
from build_tools.values import SLUG, Identifier, Markdown, PlainText, PublishedDate, Url


@dataclass(frozen=True)
class Where:
    """The file a value comes from, and the report its problems go to."""

    path: str
    """Source file, relative to the project root."""
    report: Report
    """Where problems are collected."""

    def error(self, line: int | None, message: str, hint: str = "") -> None:
        self.report.add(self.path, line, message, hint)


class Kind:
    """How a field's values are checked, converted and described to editors."""

    @property
    def json(self) -> dict:
        """JSON Schema of the values accepted."""
        raise NotImplementedError

    def read(self, value: Any, line: int, where: Where) -> Any:
        """The typed value, or None after reporting why `value` (on `line`) is not accepted."""
        raise NotImplementedError


@dataclass(frozen=True)
class Field:
    """One key of a source file's mapping, with its kind."""

    name: str
    """The key as written in the file."""
    kind: Kind
    """What the value is: decides how it is checked and how every output escapes it."""
    required: bool = True
    """Whether the key must be present."""
    example: str = ""
    """A line to copy when the key is missing."""
    doc: str = ""
    """What the value is, shown by editors that read the JSON Schema."""
    default: Any = None
    """The value when an optional key is absent (`()` for a list the model always holds)."""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Kind):
            raise TypeError(f"field {self.name!r} is declared without a kind (got {self.kind!r})")


def _text(value: Any, line: int, where: Where, limit: int | None = MAX_TEXT_LENGTH) -> str | None:
    """The value as text (stripped), or None after reporting why not: not text, too long (`limit` characters;
    None for Markdown, whose rules count bytes), or holding an invisible character."""
    if not isinstance(value, str) or not value.strip():
        where.error(line, "expected text here", "write the value after the colon")
        return None
    if limit is not None and len(value.strip()) > limit:
        where.error(line, f"the text is {len(value.strip()):,} characters long, over {limit:,}", "shorten it")
        return None
    found = [description for _, description in hidden_characters(value)]
    if found:  # written as a YAML escape ("\u202e"), so the file itself looked clean
        what = "invisible character" if len(found) == 1 else "invisible characters"
        where.error(line, f"{what} {listed(found)} in the value", "delete it: it changes or hides how it reads")
        return None
    return value.strip()


class PlainTextKind(Kind):
    """Text shown exactly as typed; escaped for every output it reaches."""

    @property
    def json(self) -> dict:
        return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH}

    def read(self, value: Any, line: int, where: Where) -> PlainText | None:
        text = _text(value, line, where)
        return None if text is None else PlainText(text)


@dataclass(frozen=True)
class IdentifierKind(Kind):
    """An id, slug, tag or code: letters, digits and hyphens, matching `pattern`."""

    pattern: str = SLUG.pattern
    """What a valid value looks like (a regular expression matched in full)."""
    problem: str = "is not a valid id"
    hint: str = "use lower-case a-z, 0-9 and hyphens"
    strip: str = ""
    """A prefix dropped before checking (the '@' of a GitHub handle)."""
    section: bool = False
    """True for a reference to an entry, which may name its section: `cfc` or `glossary/cfc`."""

    @property
    def json(self) -> dict:
        return {"type": "string", "pattern": f"^{self.pattern}$", "maxLength": MAX_ID_LENGTH}

    def read(self, value: Any, line: int, where: Where) -> Identifier | None:
        raw = _text(value, line, where)
        if raw is None:
            return None
        value = raw.removeprefix(self.strip)
        if len(value) > MAX_ID_LENGTH:
            where.error(line, f"{value[:40]!r}… is {len(value)} characters long, over {MAX_ID_LENGTH}", "shorten it")
            return None
        if not re.fullmatch(self.pattern, value):
            where.error(line, f"{raw!r} {self.problem}", self.hint)
            return None
        if self.section:  # each part is an identifier; the whole is a key, never shown to readers
            return Identifier(value) if "/" not in value else "/".join(map(Identifier, value.split("/")))  # type: ignore[return-value]
        return Identifier(value)


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed set of words."""

    name: str
    """What the choice is called in messages."""
    choices: tuple[str, ...]
    """The words allowed."""

    @property
    def json(self) -> dict:
        return {"enum": list(self.choices)}

    def read(self, value: Any, line: int, where: Where) -> Identifier | None:
        if value not in self.choices:
            where.error(line, f"{self.name} must be one of {', '.join(self.choices)}, not {value!r}")
            return None
        return Identifier(value)


_NEVER_IN_URLS = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')


class UrlKind(Kind):
    """An absolute http or https address: only ever a link, never embedded; encoded for every link it goes into.

    Many originals and sources were published before https was common, so `http://` is accepted too;
    every other scheme is refused, and so is a host or port that cannot be (`load.addresses`)."""

    @property
    def json(self) -> dict:
        return {"type": "string", "pattern": "^https?://[^\\s/]+\\.[^\\s]+$", "maxLength": MAX_URL_LENGTH}

    def read(self, value: Any, line: int, where: Where) -> Url | None:
        raw = _text(value, line, where, MAX_URL_LENGTH)
        if raw is None:
            return None
        bad = _NEVER_IN_URLS.search(raw)
        if bad:
            where.error(line, f"{raw!r} holds {bad.group()!r}, which an address cannot", "percent-encode it")
            return None
        problem = address_problem(raw)
        if problem:
            where.error(line, f"{raw!r} {problem[0]}", problem[1])
            return None
        return Url(raw)


@dataclass(frozen=True)
class DateKind(Kind):
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: a date only as precisely as it is known (`load.edtf` reads it)."""

    full: bool = False
    """True when only a full `YYYY-MM-DD` date is accepted."""
    interval: bool = False
    """True when an EDTF interval of two such dates is accepted too: `2006-03-20/2006-03-21`."""

    @property
    def json(self) -> dict:
        return {"type": "string", "pattern": edtf.json_pattern(full=self.full, interval=self.interval)}

    def read(self, value: Any, line: int, where: Where) -> PublishedDate | DateInterval | None:
        raw = _text(value, line, where)
        if raw is None:
            return None
        found = edtf.parse(raw, full=self.full, interval=self.interval)
        if isinstance(found, edtf.Problem):
            where.error(line, found.message, found.hint)
            return None
        return found


def _split(problem: str) -> tuple[str, str]:
    """A rule's "what is wrong; how to fix it" as a message and its hint."""
    message, _, hint = problem.partition("; ")
    return message, hint


@dataclass(frozen=True)
class RestrictedMarkdown(Kind):
    """Markdown held to `rules` (refused, never changed, when it breaks them), parsed once for the rules and
    what reads it after them (`markdown.Parsed`)."""

    rules: Rules
    """The checks (`sanitize.note_problems` or `sanitize.article_problems`)."""
    what: str
    """What the field holds, plural, for messages: "notes", "definitions"."""
    limit: int | None = None
    """A text of more bytes than this is refused before it is parsed (None: the file's own limit bounds it)."""

    @property
    def json(self) -> dict:
        return {"type": "string", "minLength": 1}

    def read(self, value: Any, line: int, where: Where) -> Markdown | None:
        """A YAML value: every problem is reported at the key's line."""
        text = _text(value, line, where, None)
        if text is None:
            return None
        problems, parsed = self._checked(text)
        for _, problem in problems:
            where.error(line, *_split(problem))
        if problems or parsed is None:
            return None
        try:
            return rewrite(parsed)  # as Python-Markdown must read it: see build_tools.markdown
        except RecursionError:
            where.error(line, f"the Markdown nests too deeply for {self.what}", "nest emphasis and lists less")
            return None

    def read_block(self, text: str, first_line: int, where: Where) -> tuple[Parsed | None, bool]:
        """A file's body starting on `first_line`: its parse, for the steps that read it next (linking, or placing
        a draft's notes), and whether it passed the rules; each problem is reported at its own line."""
        problems, parsed = self._checked(text)
        for offset, problem in problems:
            where.error(first_line + text.count("\n", 0, offset), *_split(problem))
        return parsed, not problems

    def _checked(self, text: str) -> tuple[list[tuple[int, str]], Parsed | None]:
        """The problems of `text`, and its parse (None for a text too long to be parsed)."""
        if self.limit is not None and len(text.encode("utf-8")) > self.limit:
            return [(0, f"the text is longer than {self.limit:,} bytes; shorten it")], None
        parsed = parse(text)
        return self.rules(parsed, self.what), parsed

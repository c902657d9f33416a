"""A briefing's footnote references: each `[^id]` of its text made a numbered link to its footnote.

Footnotes are declared in the front matter, each with its sources; the text cites them as
`[^id]` right after the statement they back. They are numbered by first citation. A `[^`
that does not become a reference (an unknown id, a space inside, inside a link's words or
code, or in a heading, which the rules of briefings refuse) is a problem at its line: a
paragraph cannot look sourced by a reference that goes nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markdown_it.token import Token

from build_tools import urls
from build_tools.errors import Report
from build_tools.link.tokens import LINK_DEPTH, attribute_list, text_tokens
from build_tools.models import Briefing
from build_tools.text import shortened

_REFERENCE = re.compile(r"\[\^([^\]\s]{1,100})\]")
"""A footnote reference as written, `[^spi-talks]` (its id checked against the front matter's)."""
_LEFT = "a `[^` here cites no footnote"
_LEFT_HINT = "write the reference as [^id], after the words and outside links and code, with an id of `footnotes:`"


def cite_footnotes(briefing: Briefing, inlines: list[Token], report: Report) -> dict[str, int]:
    """Every `[^id]` of the paragraphs' and list items' inline tokens written as a numbered link to its footnote
    (in place); the footnotes' numbers by id, in the order of first citation. An unknown id, a `[^` that cites
    nothing, a footnote cited nowhere and an id given twice are problems."""
    defined = _defined(briefing, report)
    citing = _Citing(defined, f"use one of: {shortened(', '.join(sorted(defined)[:5]) or 'none', 120)}")
    for inline in inlines:
        where = (briefing.path, briefing.body_line + inline.map[0])
        out: list[Token] = []
        depth = 0
        for child in inline.children or []:
            depth += LINK_DEPTH.get(child.type, 0)
            if "[^" not in child.content:
                out.append(child)
            elif child.type == "text" and not depth and not child.meta.get("archive"):
                out += citing.references(child.content, where, report)
            else:  # in a link's words, or in code
                report.add(*where, _LEFT, _LEFT_HINT)
                out.append(child)
        inline.children = out
    for name, line in defined.items():
        if name not in citing.numbers:
            hint = "cite it with [^" + name + "] after the statement it backs, or delete it"
            report.add(briefing.path, line, f"footnote {name!r} is not cited in the text", hint)
    return citing.numbers


def _defined(briefing: Briefing, report: Report) -> dict[str, int]:
    """Each footnote id, with the line of its first definition; an id given twice is a problem."""
    defined: dict[str, int] = {}
    for note in briefing.footnotes:
        if note.id in defined:
            message = f"footnote {note.id!r} is defined twice (first on line {defined[note.id]})"
            report.add(briefing.path, note.line, message, "give each footnote its own id")
        defined.setdefault(note.id, note.line)
    return defined


class _Citing:
    """The references found so far: each footnote's number, and how often it was cited."""

    def __init__(self, defined: Mapping[str, int], choices: str) -> None:
        self.defined, self.choices = defined, choices
        self.numbers: dict[str, int] = {}
        self.times: dict[str, int] = {}

    def references(self, text: str, where: tuple[str, int], report: Report) -> list[Token]:
        """`text` with each reference made a link (the rest stays text); the problems reported at `where`."""
        out: list[Token] = []
        position = 0
        for match in _REFERENCE.finditer(text):
            name = match.group(1)
            if name not in self.defined:
                report.add(*where, f"[^{name}] cites no footnote of the front matter", self.choices)
                continue
            out += self._text(text[position : match.start()], where, report)
            self.numbers.setdefault(name, len(self.numbers) + 1)
            self.times[name] = self.times.get(name, 0) + 1
            out += _reference(name, self.numbers[name], self.times[name])
            position = match.end()
        return out + self._text(text[position:], where, report)

    def _text(self, text: str, where: tuple[str, int], report: Report) -> list[Token]:
        """Text between references: a `[^` left in it is no reference."""
        if "[^" in text and not _REFERENCE.search(text):  # an unknown id's reference is reported as such
            report.add(*where, _LEFT, _LEFT_HINT)
        return text_tokens(text)


def _reference(name: str, number: int, time: int) -> list[Token]:
    """The numbered link to a footnote: the archive's, so no part of the text's words (`tokens.plain`)."""
    opening = Token("link_open", "a", 1, attrs={"href": f"#{urls.footnote_anchor(name)}"}, meta={"archive": True})
    label = Token("text", "", 0, content=str(number), meta={"archive": True})
    attributes = {"id": urls.footnote_ref_anchor(name, time), "class": "bx-fn-ref", "aria-label": f"Note {number}"}
    return [opening, label, Token("link_close", "a", -1, meta={"archive": True}), attribute_list(attributes)]
